import type { AlertType, Severity } from '../../domain/alert.js';

/** What an assessment decided: an alert of this type and severity, and why. */
export interface AlertDecision {
  type: AlertType;
  severity: Severity;
  /** The total score, and the named contributions that add up to it. */
  score: number;
  factors: Record<string, number>;
  reason: string;
}

export { HOUR_MS } from '../../domain/time.js';

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((total, value) => total + value, 0);
}
