import type { Db } from 'mongodb';
import { SEVERITIES, severityRank, type Severity } from '../domain/alert.js';
import { INTENTS, type Intent } from '../domain/mention.js';
import { HOUR_MS } from '../domain/time.js';

/** The distinct starts of the hours of a spike's evidence mentions within the range, in order. */
function spikeHours(
  evidence: Array<{ createdAt: Date }> | undefined,
  range: { from: Date; to: Date },
): Date[] {
  const starts = new Set<number>();
  for (const { createdAt } of evidence ?? []) {
    if (createdAt >= range.from && createdAt < range.to) {
      starts.add(Math.floor(createdAt.getTime() / HOUR_MS) * HOUR_MS);
    }
  }
  return [...starts].sort((a, b) => a - b).map((start) => new Date(start));
}

/** What the web app's Overview shows of one watch beside its volume chart. */
export interface WatchOverview {
  watchId: string;
  name: string;
  /** Open and acknowledged alerts, by severity. */
  openBySeverity: Record<Severity, number>;
  /** Mentions in the range with each intent, most frequent first (intents never seen left out). */
  topIntents: Array<{ intent: Intent; count: number }>;
  /**
   * Negative spikes raised in the range or about hours in it, for marks on the chart; `hours` are
   * the starts of the spiking hours (those of its evidence mentions), which is where the marks go:
   * a spike found late (a replay, a backfill, a slow source) is raised long after its hour.
   */
  spikes: Array<{ id: string; createdAt: Date; severity: Severity; hours: Date[] }>;
}

/** The Overview's figures: reads of the watches, alerts and mentions collections, never a write. */
export class OverviewReader {
  constructor(private readonly db: Db) {}

  /**
   * Counts per severity and per intent, one count query each: a handful of small indexed counts
   * rather than an aggregation pipeline, so it runs the same on MongoDB and the local store.
   */
  async watches(range: { from: Date; to: Date; watchId?: string }): Promise<WatchOverview[]> {
    const watches = await this.db
      .collection<{ _id: string; name: string }>('watches')
      .find(range.watchId ? { _id: range.watchId } : {}, { projection: { name: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return Promise.all(watches.map(({ _id, name }) => this.watch(_id, name, range)));
  }

  private async watch(
    watchId: string,
    name: string,
    range: { from: Date; to: Date },
  ): Promise<WatchOverview> {
    const alerts = this.db.collection('alerts');
    const mentions = this.db.collection('mentions');
    const created = { $gte: range.from, $lt: range.to };
    const [severities, intents, spikes] = await Promise.all([
      Promise.all(
        SEVERITIES.map((severity) =>
          // Alerts keep their severity as its rank (store/alerts.ts).
          alerts.countDocuments({
            watchId,
            severityRank: severityRank(severity),
            status: { $in: ['open', 'acknowledged'] },
          }),
        ),
      ),
      Promise.all(
        INTENTS.map((intent) =>
          mentions.countDocuments({ watchId, createdAt: created, 'analysis.intents': intent }),
        ),
      ),
      alerts
        .find(
          {
            watchId,
            type: 'negative_spike',
            $or: [{ createdAt: created }, { 'evidence.createdAt': created }],
          },
          { projection: { createdAt: 1, severityRank: 1, 'evidence.createdAt': 1 }, limit: 100 },
        )
        .toArray(),
    ]);
    return {
      watchId,
      name,
      openBySeverity: Object.fromEntries(
        SEVERITIES.map((severity, i) => [severity, severities[i] ?? 0]),
      ) as Record<Severity, number>,
      topIntents: INTENTS.map((intent, i) => ({ intent, count: intents[i] ?? 0 }))
        .filter(({ count }) => count > 0)
        .sort((a, b) => b.count - a.count),
      spikes: spikes.map((spike) => ({
        id: String(spike._id),
        createdAt: spike.createdAt as Date,
        severity: SEVERITIES[spike.severityRank as number] ?? 'low',
        hours: spikeHours(spike.evidence as Array<{ createdAt: Date }> | undefined, range),
      })),
    };
  }
}
