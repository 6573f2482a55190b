import { stringify } from 'csv-stringify';
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AuthorProfile } from '../../domain/author.js';
import { SourceName } from '../../domain/mention.js';
import type { AdvocateSearch } from '../../store/advocate-search.js';
import { ADVOCATE_ORDER } from '../../store/advocate-search.js';
import type { Store } from '../../store/db.js';
import type { ReadBudget } from '../../store/read-budget.js';
import { allow } from '../access.js';
import { safeCsvOptions } from '../csv.js';
import { cursorParam, keysetFor, pageOf } from '../cursor.js';
import { decimal, isoTime, limit, watchId } from '../query.js';

const AdvocateFilters = z.object({
  watch: watchId.optional(),
  source: SourceName.optional(),
  minScore: decimal().pipe(z.number().min(0).max(1e9)).default(0.01),
  activeSince: isoTime.optional().describe('last mention at or after'),
});

export const AdvocatesQuery = AdvocateFilters.extend({ limit, cursor: cursorParam(2) }).strict();
export const AdvocatesCsvQuery = AdvocateFilters.strict();

const CSV_COLUMNS = [
  'rank',
  'watch',
  'source',
  'author_id',
  'handle',
  'name',
  'followers',
  'advocate_score',
  'positive',
  'recommendations',
  'negative',
  'total',
  'first_seen',
  'last_seen',
];

function toSearch(query: z.infer<typeof AdvocateFilters>): AdvocateSearch {
  return {
    watchId: query.watch,
    source: query.source,
    minScore: query.minScore,
    activeSince: query.activeSince,
  };
}

async function* csvRows(store: Store, search: AdvocateSearch) {
  let rank = 0;
  for await (const a of store.authors.eachAdvocate(search)) {
    rank += 1;
    yield [
      rank,
      a.watchId,
      a.source,
      a.authorId,
      a.handle,
      a.name ?? '',
      a.followers ?? '',
      a.advocateScore,
      a.counts.positive,
      a.counts.recommendations,
      a.counts.negative,
      a.counts.total,
      a.firstSeen.toISOString(),
      a.lastSeen.toISOString(),
    ];
  }
}

/** Streams the whole ranking as CSV (RFC 4180 quoting by csv-stringify, formulas neutralised). */
async function sendCsv(store: Store, req: Request, res: Response): Promise<void> {
  const query = AdvocatesCsvQuery.parse(
    Object.fromEntries(Object.entries(req.query).filter(([key]) => key !== 'limit')),
  );
  res.type('text/csv; charset=utf-8');
  res.attachment('advocates.csv');
  await pipeline(
    Readable.from(csvRows(store, toSearch(query))),
    stringify(safeCsvOptions(CSV_COLUMNS)),
    res,
  );
}

const keysetOf = (a: AuthorProfile) => [a.advocateScore, a.id];

/** Authors ranked by advocate score (see README "Alerts"), best first; JSON pages or CSV. */
/**
 * A ranking lists people, not their posts: each profile's latest mentions (up to 50) stay out of the
 * list; `GET /authors/:id` serves them.
 */
function withoutRecent({
  recent: _recent,
  ...profile
}: AuthorProfile): Omit<AuthorProfile, 'recent'> {
  return profile;
}

export function advocatesRouter(store: Store, budget: ReadBudget = {}): Router {
  const router = Router();
  router.get('/advocates.csv', allow('advocates'), async (req, res) => {
    await sendCsv(store, req, res);
  });
  router.get('/advocates', allow('advocates'), async (req, res) => {
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      await sendCsv(store, req, res);
      return;
    }
    const query = AdvocatesQuery.parse(req.query);
    const after = keysetFor(query.cursor, 'score', ADVOCATE_ORDER.length);
    const advocates = await store.authors.advocates(
      toSearch(query),
      query.limit + 1,
      after,
      budget,
    );
    const page = pageOf(advocates, query.limit, 'score', keysetOf);
    res.json({ ...page, items: page.items.map(withoutRecent) });
  });
  return router;
}
