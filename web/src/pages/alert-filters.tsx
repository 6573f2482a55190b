import {
  ALERT_STATUSES,
  ALERT_TYPES,
  SEVERITIES,
  SOURCE_NAMES,
} from '../../../domain/vocabulary.js';
import { fromLocalInput, toLocalInput } from '../format.js';
import type { AlertsParams } from '../types.js';

type Choice<K extends keyof AlertsParams> = { key: K; label: string; options: readonly string[] };
type Typed = { key: 'watch' | 'q' | 'author' | 'assignee'; label: string; type?: string };

/**
 * Every filter of GET /alerts, applied as it changes: the common ones always shown, the others
 * (source, author, assignee, time) under "More filters".
 */
export function AlertFilterForm({
  value,
  me,
  onChange,
}: {
  value: AlertsParams;
  /** The signed-in user's name in assignments: "Mine" filters on it. */
  me: string;
  onChange: (next: AlertsParams) => void;
}) {
  const set = (key: keyof AlertsParams, raw: string) =>
    onChange({ ...value, [key]: raw || undefined });
  const choice = <K extends keyof AlertsParams>({ key, label, options }: Choice<K>) => (
    <label key={key}>
      {label}
      <select value={value[key] ?? ''} onChange={(event) => set(key, event.currentTarget.value)}>
        {key !== 'sort' && <option value="">any</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </label>
  );
  const typed = ({ key, label, type }: Typed) => (
    <label key={key}>
      {label}
      <input
        type={type ?? 'text'}
        value={value[key] ?? ''}
        onChange={(event) => set(key, event.currentTarget.value)}
      />
    </label>
  );
  const time = (key: 'from' | 'to', label: string) => (
    <label key={key}>
      {label}
      <input
        type="datetime-local"
        value={toLocalInput(value[key])}
        onChange={(event) => set(key, fromLocalInput(event.currentTarget.value))}
      />
    </label>
  );
  const more = [value.source, value.author, value.assignee, value.from, value.to].some(Boolean);
  return (
    <form class="filters" onSubmit={(event) => event.preventDefault()}>
      {choice({ key: 'type', label: 'Type', options: ALERT_TYPES })}
      {choice({ key: 'status', label: 'Status', options: ALERT_STATUSES })}
      {choice({ key: 'severity', label: 'Severity at least', options: SEVERITIES })}
      {choice({ key: 'sort', label: 'Order', options: ['newest', 'severity'] })}
      {typed({ key: 'watch', label: 'Watch' })}
      {typed({ key: 'q', label: 'Text', type: 'search' })}
      <button
        type="button"
        aria-pressed={value.assignee === me}
        // What I took is acknowledged: "Mine" shows it whatever its status.
        onClick={() =>
          onChange(
            value.assignee === me
              ? { ...value, assignee: undefined }
              : { ...value, assignee: me, status: undefined },
          )
        }
      >
        Mine
      </button>
      <details class="more-filters" open={more}>
        <summary>More filters</summary>
        <div class="filters">
          {choice({ key: 'source', label: 'Source', options: SOURCE_NAMES })}
          {typed({ key: 'author', label: 'Author id' })}
          {typed({ key: 'assignee', label: 'Assigned to' })}
          {time('from', 'Raised from')}
          {time('to', 'Raised before')}
        </div>
      </details>
    </form>
  );
}
