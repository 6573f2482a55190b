import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { VolumeChart } from '../components/volume-chart.js';
import { useLoad } from '../hooks.js';
import { words } from '../format.js';
import type { OverviewJ, StatsJ } from '../types.js';

const DAY_MS = 86_400_000;
const RANGES = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
type Range = keyof typeof RANGES | 'custom';

/** A date input's day (local) as the instant it starts; `next` the day after it. */
function dayStart(value: string, next = false): Date | null {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) {
    return null;
  }
  return new Date(year, month - 1, day + (next ? 1 : 0));
}

/** The range asked for: the last N days, or whole days from one date to another (inclusive). */
function spanOf(range: Range, custom: { from: string; to: string }) {
  if (range !== 'custom') {
    const to = new Date();
    return { from: new Date(to.getTime() - RANGES[range] * DAY_MS), to };
  }
  const from = dayStart(custom.from);
  const to = dayStart(custom.to, true);
  return from && to ? { from, to } : null;
}

/** Per watch: volume by sentiment with spikes, open alerts by severity, top intents (2 requests). */
export function Overview() {
  const [range, setRange] = useState<Range>('90d');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [bucket, setBucket] = useState<'hour' | 'day'>('day');
  const load = async () => {
    const span = spanOf(range, custom);
    if (!span) {
      return null;
    }
    const times = { from: span.from.toISOString(), to: span.to.toISOString() };
    const [stats, overview] = await Promise.all([
      api<StatsJ>(`/stats${query({ ...times, bucket })}`),
      api<OverviewJ>(`/overview${query(times)}`),
    ]);
    return { stats, overview };
  };
  const data = useLoad(
    load,
    `${range}:${bucket}:${range === 'custom' ? JSON.stringify(custom) : ''}`,
  );
  const day = (key: 'from' | 'to', label: string) => (
    <label>
      {label}
      <input
        type="date"
        value={custom[key]}
        onChange={(e) => setCustom({ ...custom, [key]: e.currentTarget.value })}
      />
    </label>
  );
  return (
    <div class="page">
      <h1>Overview</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Range
          <select value={range} onChange={(e) => setRange(e.currentTarget.value as Range)}>
            {Object.keys(RANGES).map((r) => (
              <option key={r}>{r}</option>
            ))}
            <option value="custom">from … to …</option>
          </select>
        </label>
        {range === 'custom' && (
          <>
            {day('from', 'From (day)')}
            {day('to', 'To (day, included)')}
          </>
        )}
        <label>
          Per
          <select
            value={bucket}
            onChange={(e) => setBucket(e.currentTarget.value as 'hour' | 'day')}
          >
            <option>hour</option>
            <option>day</option>
          </select>
        </label>
      </form>
      {range === 'custom' && !data.data && !data.loading && !data.error && (
        <p class="hint">Choose the first and the last day.</p>
      )}
      {data.error && <p class="error">{data.error}</p>}
      {data.data?.overview.items.map((watch) => {
        const series = data.data?.stats.series.find((s) => s.watchId === watch.watchId);
        return (
          <section key={watch.watchId} class="watch-overview">
            <h2>{watch.name}</h2>
            <VolumeChart
              title={`Mentions per ${bucket} for ${watch.name}`}
              buckets={series?.buckets ?? []}
              spikes={watch.spikes.flatMap((s) => s.hours)}
            />
            <div class="cards">
              <div>
                <h3>Open alerts</h3>
                <ul class="counts">
                  {Object.entries(watch.openBySeverity).map(([severity, count]) => (
                    <li key={severity}>
                      <span class={`sev sev-${severity}`}>{severity}</span> {count}
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h3>Top intents</h3>
                <ol class="counts">
                  {watch.topIntents.map(({ intent, count }) => (
                    <li key={intent}>
                      {words(intent)} {count}
                    </li>
                  ))}
                </ol>
              </div>
            </div>
          </section>
        );
      })}
    </div>
  );
}
