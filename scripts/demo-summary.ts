/** Prints what the demo's API serves: the alerts by type with their explanations, and the advocates. */
const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const headers = { authorization: `Bearer ${process.env.ADMIN_API_KEY ?? ''}` };

interface AlertItem {
  type: string;
  severity: string;
  authorHandle: string | null;
  watchId: string;
  reason: string;
  score: number;
  evidenceCount: number;
  evidence: Array<{ excerpt: string; url: string | null }>;
}
interface AdvocateItem {
  handle: string;
  advocateScore: number;
  counts: { positive: number; recommendations: number };
}
interface StatsBody {
  series: Array<{ buckets: Array<{ counts: { total: number } }> }>;
}

const get = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${base}${path}`, { headers })).json()) as T;

/** Flagged mentions so far (the stats endpoint counts them; the demo's are from November 2026). */
async function flagged(): Promise<number> {
  const stats = await get<StatsBody>('/stats?from=2026-10-25T00:00:00Z&to=2026-11-30T00:00:00Z');
  return stats.series.flatMap((s) => s.buckets).reduce((sum, b) => sum + b.counts.total, 0);
}

// Wait until the flag stage has gone through the file: the count stands still for 3 seconds.
let mentions = await flagged();
for (let still = 0, round = 0; still < 3 && round < 180; round++) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const now = await flagged();
  still = now === mentions && now > 0 ? still + 1 : 0;
  mentions = now;
}

const alerts = await get<{ items: AlertItem[] }>('/alerts?limit=200');
const advocates = await get<{ items: AdvocateItem[] }>('/advocates?limit=5');

console.log(`\nGET ${base}/alerts  (${alerts.items.length} alerts)`);
for (const type of ['negative_spike', 'disgruntled_customer', 'emerging_advocate']) {
  const ofType = alerts.items.filter((a) => a.type === type);
  console.log(`\n  ${type} (${ofType.length})`);
  for (const a of ofType) {
    const who = a.authorHandle ? `@${a.authorHandle}` : `watch ${a.watchId}`;
    console.log(
      `    ${a.severity.padEnd(8)} ${who.padEnd(12)} score ${a.score}, ${a.evidenceCount} mention(s)`,
    );
    console.log(`      why: ${a.reason}`);
    const last = a.evidence[a.evidence.length - 1];
    if (last) {
      console.log(`      e.g. "${last.excerpt.slice(0, 90)}" ${last.url ?? ''}`);
    }
  }
}
console.log(`\nGET ${base}/advocates  (top ${advocates.items.length})`);
for (const a of advocates.items) {
  console.log(
    `  @${a.handle.padEnd(10)} score ${String(a.advocateScore).padEnd(6)} ${a.counts.positive} positive, ${a.counts.recommendations} recommending`,
  );
}
const perThousand = mentions ? ((alerts.items.length * 1000) / mentions).toFixed(1) : 'n/a';
console.log(
  `\n${alerts.items.length} alerts from ${mentions} mentions: ${perThousand} per 1,000 mentions`,
);
