/** Rounds of read-plan-write before a batch gives up and lets its job be retried later. */
export const CONTENTION_ROUNDS = 10;

/**
 * A short random pause before round `round` of a read-plan-write that met another writer: growing
 * with the round and random within it, so that contenders stop meeting in lockstep.
 */
export function contentionPause(round: number, random: () => number = Math.random): Promise<void> {
  const ms = Math.floor(random() * 5 * 2 ** Math.min(round, 6));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
