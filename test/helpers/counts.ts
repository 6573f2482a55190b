import type { Db, Document, Filter } from 'mongodb';

/** Ids of the mentions through the flag stage: those their hour's bucket counts. */
export async function flaggedIds(db: Db): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const doc of db
    .collection<{ ids: Record<string, unknown[]> }>('rollup_members')
    .find()) {
    Object.values(doc.ids).forEach((list) => list.forEach((id) => ids.add(String(id))));
  }
  return ids;
}

/** How many of the mentions that match `filter` are through the flag stage. */
export async function countFlagged(db: Db, filter: Filter<Document> = {}): Promise<number> {
  const flagged = await flaggedIds(db);
  const mentions = await db
    .collection('mentions')
    .find(filter, { projection: { _id: 1 } })
    .toArray();
  return mentions.filter((mention) => flagged.has(String(mention._id))).length;
}

/** What the store holds after a run, to compare with what was fed in. */
export interface StoreCounts {
  mentions: number;
  unanalysed: number;
  unflagged: number;
  /** Sum of every author profile's total: each mention counted once. */
  profileTotal: number;
  /** Sum of the hourly rollups' totals. */
  rollupTotal: number;
  disgruntled: number;
  advocates: number;
}

/** The counts once every line of a replay file has gone through: each mention stored, analysed,
 * flagged and counted once, one complaint alert per angry author, one advocate alert per fan. */
export function replayCounts(
  lines: number,
  plan: { angryAuthors: number; fans: number },
): StoreCounts {
  return {
    mentions: lines,
    unanalysed: 0,
    unflagged: 0,
    profileTotal: lines,
    rollupTotal: lines,
    disgruntled: plan.angryAuthors,
    advocates: plan.fans,
  };
}

export async function storeCounts(db: Db, watchId?: string): Promise<StoreCounts> {
  const scope = watchId === undefined ? {} : { watchId };
  const mentions = db.collection('mentions');
  const sum = async (collection: string) => {
    const docs = await db.collection(collection).find(scope).toArray();
    return docs.reduce((total, doc) => total + (doc.counts as { total: number }).total, 0);
  };
  const alerts = db.collection('alerts');
  return {
    mentions: await mentions.countDocuments(scope),
    unanalysed: await mentions.countDocuments({ ...scope, analysis: null }),
    unflagged: (await mentions.countDocuments(scope)) - (await countFlagged(db, scope)),
    profileTotal: await sum('authors'),
    rollupTotal: await sum('rollups_hourly'),
    disgruntled: await alerts.countDocuments({ ...scope, type: 'disgruntled_customer' }),
    advocates: await alerts.countDocuments({ ...scope, type: 'emerging_advocate' }),
  };
}

/**
 * Polls the counts until they equal `expected` or the time runs out, and returns the last ones: the
 * caller's `toEqual` then shows what differs.
 */
export async function settledCounts(
  db: Db,
  expected: StoreCounts,
  timeoutMs = 60_000,
  watchId?: string,
): Promise<StoreCounts> {
  const until = Date.now() + timeoutMs;
  let counts = await storeCounts(db, watchId);
  while (Date.now() < until && JSON.stringify(counts) !== JSON.stringify(expected)) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    counts = await storeCounts(db, watchId);
  }
  return counts;
}
