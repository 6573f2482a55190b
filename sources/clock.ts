/** Milliseconds since the epoch. Connectors and stages are given one; tests give a fixed one. */
export type Clock = () => number;

/**
 * The machine's clock: the one place the running service reads the time for its sources
 * (createConnectors passes it on). Tests never use it.
 */
export const systemClock: Clock = () => Date.now();
