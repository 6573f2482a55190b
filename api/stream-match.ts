import { severityRank, type Alert } from '../domain/alert.js';
import type { AlertSearch } from '../store/alert-search.js';

/**
 * Whether an alert passes a stream's filters: the same rules as the store's alertSearchFilter,
 * applied in memory to the changes one shared poll read for every open stream.
 */
export function matchesSearch(alert: Alert, search: AlertSearch): boolean {
  const equal =
    (search.type === undefined || alert.type === search.type) &&
    (search.status === undefined || alert.status === search.status) &&
    (search.watchId === undefined || alert.watchId === search.watchId) &&
    (search.assignee === undefined || alert.assignee === search.assignee) &&
    (search.source === undefined || alert.source === search.source) &&
    (search.authorId === undefined || alert.authorId === search.authorId);
  if (!equal) {
    return false;
  }
  if (
    search.minSeverityRank !== undefined &&
    severityRank(alert.severity) < search.minSeverityRank
  ) {
    return false;
  }
  if (
    (search.from && alert.createdAt < search.from) ||
    (search.to && alert.createdAt >= search.to)
  ) {
    return false;
  }
  if (search.text === undefined) {
    return true;
  }
  const needle = search.text.toLowerCase();
  return [alert.reason, alert.authorHandle ?? '', ...alert.evidence.map((e) => e.excerpt)].some(
    (field) => field.toLowerCase().includes(needle),
  );
}
