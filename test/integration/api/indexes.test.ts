import { needsRealMongo } from '../../helpers/real-mongo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvocatesQuery } from '../../../api/routes/advocates.js';
import { AlertsQuery } from '../../../api/routes/alerts.js';
import { MentionsQuery } from '../../../api/routes/mentions.js';
import { ADVOCATE_SEARCH_FIELDS } from '../../../store/advocate-search.js';
import { ALERT_SEARCH_FIELDS } from '../../../store/alert-search.js';
import { MENTION_SEARCH_FIELDS } from '../../../store/mention-search.js';
import { createRig, type TestRig } from '../../helpers/env.js';

/** Query parameters that are not filters: paging, order, and the residual text search. */
const NOT_FILTERS = new Set(['limit', 'cursor', 'sort', 'q']);

/** Which stored field each API filter parameter reaches, per list. */
const LISTS = [
  {
    collection: 'alerts',
    schema: AlertsQuery,
    params: {
      type: ALERT_SEARCH_FIELDS.type,
      status: ALERT_SEARCH_FIELDS.status,
      severity: ALERT_SEARCH_FIELDS.minSeverityRank,
      watch: ALERT_SEARCH_FIELDS.watchId,
      assignee: ALERT_SEARCH_FIELDS.assignee,
      source: ALERT_SEARCH_FIELDS.source,
      author: ALERT_SEARCH_FIELDS.authorId,
      from: ALERT_SEARCH_FIELDS.from,
      to: ALERT_SEARCH_FIELDS.to,
    },
  },
  {
    collection: 'mentions',
    schema: MentionsQuery,
    params: {
      watch: MENTION_SEARCH_FIELDS.watchId,
      source: MENTION_SEARCH_FIELDS.source,
      label: MENTION_SEARCH_FIELDS.label,
      intent: MENTION_SEARCH_FIELDS.intent,
      author: MENTION_SEARCH_FIELDS.authorId,
      from: MENTION_SEARCH_FIELDS.from,
      to: MENTION_SEARCH_FIELDS.to,
    },
  },
  {
    collection: 'authors',
    schema: AdvocatesQuery,
    params: {
      watch: ADVOCATE_SEARCH_FIELDS.watchId,
      source: ADVOCATE_SEARCH_FIELDS.source,
      minScore: ADVOCATE_SEARCH_FIELDS.minScore,
      activeSince: ADVOCATE_SEARCH_FIELDS.activeSince,
    },
  },
] as const;

function shapeKeys(schema: unknown): string[] {
  // The list schemas are zod objects (refinements keep the shape).
  return Object.keys((schema as { shape: Record<string, unknown> }).shape);
}

describe('every list filter the API offers leads an index', () => {
  let rig: TestRig;

  beforeAll(async () => {
    rig = await createRig('api_indexes');
  });

  afterAll(async () => {
    await rig.cleanup();
  });

  it.each(LISTS)('$collection', async ({ collection, schema, params }) => {
    const offered = shapeKeys(schema).filter((key) => !NOT_FILTERS.has(key));
    expect(offered.sort()).toEqual(Object.keys(params).sort());
    const indexes = (await rig.db.collection(collection).listIndexes().toArray()) as Array<{
      key: Record<string, number>;
    }>;
    const leading = new Set(indexes.map((index) => Object.keys(index.key)[0]));
    for (const [param, field] of Object.entries(params)) {
      expect(leading.has(field), `${collection}: ${param} → ${field} leads no index`).toBe(true);
    }
  });

  it('the server plans index scans for those filters (MongoDB only)', async (context) => {
    const missing = await needsRealMongo(rig.db);
    if (missing) {
      context.skip(missing);
    }
    for (const { collection, params } of LISTS) {
      const coll = rig.db.collection(collection);
      for (const field of new Set(Object.values(params))) {
        const plan = JSON.stringify(await coll.find({ [field]: { $gte: 'a' } }).explain());
        expect(plan, `${collection}.${field}`).toContain('IXSCAN');
      }
    }
  });
});
