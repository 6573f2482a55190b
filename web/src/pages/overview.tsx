import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { VolumeChart } from '../components/volume-chart.js';
import { useLoad } from '../hooks.js';
import { words } from '../format.js';
import type { OverviewJ, StatsJ } from '../types.js';

const RANGES = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
type Range = keyof typeof RANGES;

/** Per watch: volume by sentiment with spikes, open alerts by severity, top intents (2 requests). */
export function Overview() {
  const [range, setRange] = useState<Range>('90d');
  const [bucket, setBucket] = useState<'hour' | 'day'>('day');
  const load = async () => {
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[range] * 86_400_000);
    const span = { from: from.toISOString(), to: to.toISOString() };
    const [stats, overview] = await Promise.all([
      api<StatsJ>(`/stats${query({ ...span, bucket })}`),
      api<OverviewJ>(`/overview${query(span)}`),
    ]);
    return { stats, overview };
  };
  const data = useLoad(load, `${range}:${bucket}`);
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
          </select>
        </label>
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
      {data.error && <p class="error">{data.error}</p>}
      {data.data?.overview.items.map((watch) => {
        const series = data.data?.stats.series.find((s) => s.watchId === watch.watchId);
        return (
          <section key={watch.watchId} class="watch-overview">
            <h2>{watch.name}</h2>
            <VolumeChart
              title={`Mentions per ${bucket} for ${watch.name}`}
              buckets={series?.buckets ?? []}
              spikes={watch.spikes.map((s) => s.createdAt)}
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
