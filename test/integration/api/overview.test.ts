import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSubject } from '../../../domain/alert.js';
import { AlertService } from '../../../services/alerts/service.js';
import { startApi, type TestApi } from '../../helpers/api.js';
import { createRig, type TestRig } from '../../helpers/env.js';
import { seedAlert, seedMention } from '../../helpers/seed.js';

// The mentions' own instants: the alerts are raised whenever the test runs, long after them, as a
// replay or a backfill raises them.
const T0 = Date.UTC(2026, 10, 2, 0);
const at = (hours: number, minutes = 0) => new Date(T0 + hours * 3_600_000 + minutes * 60_000);
const range = (fromHour: number, toHour: number) =>
  `from=${at(fromHour).toISOString()}&to=${at(toHour).toISOString()}`;

interface OverviewBody {
  items: Array<{
    watchId: string;
    openBySeverity: Record<string, number>;
    topIntents: Array<{ intent: string; count: number }>;
    spikes: Array<{ id: string; severity: string; hours: string[] }>;
  }>;
}

describe("GET /overview: what the web app shows beside each watch's chart", () => {
  let rig: TestRig;
  let api: TestApi;

  beforeAll(async () => {
    rig = await createRig('api_overview');
    api = await startApi(rig);
    await rig.store.watches.upsert({
      id: 'acme',
      name: 'Acme',
      keywords: ['acme'],
      exclusions: [],
      sources: [{ type: 'hackernews' }],
      schedule: '*/5 * * * *',
      enabled: true,
    });
    await seedAlert(rig, { authorId: 'grumpy', severity: 'high', at: at(1) });
    await seedMention(rig, { authorId: 'fan', label: 'positive', intents: ['praise'], at: at(2) });
    const samples = [
      await seedMention(rig, { authorId: 'a', at: at(5, 10) }),
      await seedMention(rig, { authorId: 'b', at: at(5, 40) }),
    ];
    await new AlertService(rig.store).apply(
      [
        {
          kind: 'raise',
          decision: {
            type: 'negative_spike',
            severity: 'critical',
            score: 9,
            reason: 'seeded spike',
            factors: { zScore: 9 },
          },
          subject: watchSubject('acme'),
          mentions: samples,
        },
      ],
      0,
    );
  });

  afterAll(async () => {
    await api.close();
    await rig.cleanup();
  });

  async function overview(query: string): Promise<OverviewBody['items'][number]> {
    const response = await api.call(`/overview?${query}`, { role: 'marketing' });
    expect(response.status, await response.clone().text()).toBe(200);
    const [item] = ((await response.json()) as OverviewBody).items;
    return item!;
  }

  it('marks a spike at the hour it happened, though it was raised later', async () => {
    const acme = await overview(range(0, 24));
    expect(acme.spikes).toHaveLength(1);
    expect(acme.spikes[0]).toMatchObject({ severity: 'critical', hours: [at(5).toISOString()] });
  });

  it('leaves out a spike whose hour is outside the range', async () => {
    expect((await overview(range(6, 24))).spikes).toEqual([]);
  });

  it('counts open alerts by severity and the intents of the range', async () => {
    const acme = await overview(range(0, 24));
    expect(acme.openBySeverity).toEqual({ low: 0, medium: 0, high: 1, critical: 1 });
    expect(acme.topIntents).toEqual([
      { intent: 'complaint', count: 3 },
      { intent: 'praise', count: 1 },
    ]);
    const later = await overview(range(3, 24));
    expect(later.topIntents).toEqual([{ intent: 'complaint', count: 2 }]);
  });
});
