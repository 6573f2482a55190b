/** Prints what the demo's API serves: the alerts and the advocate ranking. */
const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const headers = { authorization: `Bearer ${process.env.ADMIN_API_KEY ?? ''}` };

interface AlertItem {
  type: string;
  severity: string;
  authorHandle: string;
  reason: string;
  evidenceCount: number;
}
interface AdvocateItem {
  handle: string;
  advocateScore: number;
  counts: { positive: number; recommendations: number };
}

const alerts = (await (await fetch(`${base}/alerts?limit=50`, { headers })).json()) as {
  items: AlertItem[];
};
const advocates = (await (await fetch(`${base}/advocates?limit=5`, { headers })).json()) as {
  items: AdvocateItem[];
};

console.log(`\nGET ${base}/alerts  (${alerts.items.length} alerts)`);
for (const a of alerts.items) {
  console.log(
    `  ${a.type.padEnd(21)} ${a.severity.padEnd(8)} @${a.authorHandle.padEnd(10)} ${a.evidenceCount} mention(s): ${a.reason}`,
  );
}
console.log(`\nGET ${base}/advocates  (top ${advocates.items.length})`);
for (const a of advocates.items) {
  console.log(
    `  @${a.handle.padEnd(10)} score ${String(a.advocateScore).padEnd(6)} ${a.counts.positive} positive, ${a.counts.recommendations} recommending`,
  );
}
