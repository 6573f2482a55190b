import type { AlertSettings } from '../../domain/alert-settings.js';
import type { Severity } from '../../domain/alert.js';

/** Maps a disgruntled score to a severity by the configured thresholds; null below the lowest. */
export function severityOf(score: number, s: AlertSettings): Severity | null {
  if (score >= s.severityCritical) {
    return 'critical';
  }
  if (score >= s.severityHigh) {
    return 'high';
  }
  if (score >= s.severityMedium) {
    return 'medium';
  }
  if (score >= s.severityLow) {
    return 'low';
  }
  return null;
}
