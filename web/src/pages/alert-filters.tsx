import { ALERT_STATUSES, ALERT_TYPES, SEVERITIES } from '../../../domain/vocabulary.js';
import type { AlertsParams } from '../types.js';

type Choice<K extends keyof AlertsParams> = { key: K; label: string; options: readonly string[] };

/** The filters of GET /alerts, applied as they change. */
export function AlertFilterForm({
  value,
  onChange,
}: {
  value: AlertsParams;
  onChange: (next: AlertsParams) => void;
}) {
  const choices: Array<Choice<'type' | 'status' | 'severity' | 'sort'>> = [
    { key: 'type', label: 'Type', options: ALERT_TYPES },
    { key: 'status', label: 'Status', options: ALERT_STATUSES },
    { key: 'severity', label: 'Severity at least', options: SEVERITIES },
    { key: 'sort', label: 'Order', options: ['newest', 'severity'] },
  ];
  return (
    <form class="filters" onSubmit={(event) => event.preventDefault()}>
      {choices.map(({ key, label, options }) => (
        <label key={key}>
          {label}
          <select
            value={(value[key] as string | undefined) ?? ''}
            onChange={(event) =>
              onChange({ ...value, [key]: event.currentTarget.value || undefined })
            }
          >
            {key !== 'sort' && <option value="">any</option>}
            {options.map((option) => (
              <option key={option} value={option}>
                {option.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        Watch
        <input
          value={value.watch ?? ''}
          onChange={(event) =>
            onChange({ ...value, watch: event.currentTarget.value || undefined })
          }
        />
      </label>
      <label>
        Text
        <input
          type="search"
          value={value.q ?? ''}
          onChange={(event) => onChange({ ...value, q: event.currentTarget.value || undefined })}
        />
      </label>
    </form>
  );
}
