import { AlertService } from '../../services/alerts/service.js';
import { Router } from 'express';
import { z } from 'zod';
import {
  ALERT_STATUSES,
  ALERT_TYPES,
  SEVERITIES,
  severityRank,
  type Alert,
} from '../../domain/alert.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { SourceName } from '../../domain/mention.js';
import { ALERT_SORTS, type AlertSearch } from '../../store/alert-search.js';
import type { Store } from '../../store/db.js';
import type { ReadBudget } from '../../store/read-budget.js';
import type { Keyset } from '../../store/keyset.js';
import { ObjectId } from 'mongodb';
import { allow, principalOf } from '../access.js';
import { correctDismissedComplaint, NOT_A_COMPLAINT } from '../../services/learning/corrections.js';
import type { LearningHooks } from '../../services/learning/hooks.js';
import { cursorParam, keysetFor, pageOf } from '../cursor.js';
import {
  isoTime,
  limit,
  objectIdParam,
  orderedRange,
  personName,
  text,
  watchId,
} from '../query.js';

/** The filters GET /alerts and GET /alerts/stream share. */
export const AlertFilters = z.object({
  type: z.enum(ALERT_TYPES).optional(),
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional().describe('minimum severity'),
  watch: watchId.optional(),
  assignee: personName.optional(),
  source: SourceName.optional(),
  author: z.string().min(1).max(200).optional().describe('author id at the source'),
  from: isoTime.optional().describe('created at or after'),
  to: isoTime.optional().describe('created before'),
  q: text.optional().describe('words in the reason, handle or evidence'),
});

export const AlertsQuery = AlertFilters.extend({
  sort: z.enum(['newest', 'severity']).default('newest'),
  limit,
  cursor: cursorParam(3),
})
  .strict()
  .superRefine(orderedRange);

export const AlertParams = z.object({ id: objectIdParam }).strict();

export const AlertPatch = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    assignee: personName.nullable().optional().describe('null unassigns'),
    tags: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case tag of 1-40 characters'))
      .max(20)
      .optional(),
    note: z.string().trim().min(1).max(4000).optional(),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(`why it is dismissed; "${NOT_A_COMPLAINT}" corrects its evidence mentions`),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    path: ['body'],
    message: 'name at least one of status, assignee, tags, note',
  });

export function toSearch(query: z.infer<typeof AlertFilters>): AlertSearch {
  return {
    type: query.type,
    status: query.status,
    minSeverityRank: query.severity && severityRank(query.severity),
    watchId: query.watch,
    assignee: query.assignee,
    source: query.source,
    authorId: query.author,
    from: query.from,
    to: query.to,
    text: query.q,
  };
}

function keysetOf(sort: keyof typeof ALERT_SORTS) {
  return (alert: Alert): Keyset =>
    sort === 'severity'
      ? [severityRank(alert.severity), alert.createdAt, new ObjectId(alert.id)]
      : [alert.createdAt, new ObjectId(alert.id)];
}

/** How many of the author's latest mentions GET /alerts/:id carries beside the alert. */
const AUTHOR_LATEST = 5;

/**
 * The person an alert is about, as its detail shows them: their profile in the alert's watch and
 * their latest mentions at its source. Part of GET /alerts/:id, so that the web app's inbox shows
 * an alert with its list in two requests.
 */
async function authorOf(store: Store, alert: Alert, budget: ReadBudget) {
  if (alert.authorId === null) {
    return null;
  }
  const source = SourceName.safeParse(alert.source).data;
  const [profiles, mentions] = await Promise.all([
    store.authors.profilesOf(alert.authorId, source, budget),
    store.mentions.search({ authorId: alert.authorId, source }, AUTHOR_LATEST, null, budget),
  ]);
  return { profile: profiles.find((p) => p.watchId === alert.watchId) ?? null, mentions };
}

async function withEvidence(store: Store, alert: Alert, budget: ReadBudget) {
  const [mentions, author] = await Promise.all([
    store.mentions.findByIds(alert.evidence.map((e) => e.mentionId)),
    authorOf(store, alert, budget),
  ]);
  return {
    ...alert,
    explanation: { reason: alert.reason, severity: alert.severity, factors: alert.factors },
    mentions: mentions.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    author,
  };
}

/** GET /alerts/:id: the alert, its explanation, evidence mentions and author (null for a spike). */
export type AlertDetail = Awaited<ReturnType<typeof withEvidence>>;
export function alertsRouter(
  store: Store,
  budget: ReadBudget = {},
  hooks: LearningHooks = {},
): Router {
  const router = Router();
  router.get('/alerts', allow('read'), async (req, res) => {
    const query = AlertsQuery.parse(req.query);
    const keys = ALERT_SORTS[query.sort];
    const after = keysetFor(query.cursor, query.sort, keys.length);
    const alerts = await store.alerts.triage.search(
      toSearch(query),
      query.sort,
      query.limit + 1,
      after,
      budget,
    );
    res.json(pageOf(alerts, query.limit, query.sort, keysetOf(query.sort)));
  });
  router.get('/alerts/:id', allow('read'), async (req, res) => {
    const { id } = AlertParams.parse(req.params);
    const alert = await store.alerts.triage.get(id);
    if (!alert) {
      throw new NotFoundError('alert', id);
    }
    res.json(await withEvidence(store, alert, budget));
  });
  router.patch('/alerts/:id', allow('triage'), async (req, res) => {
    const { id } = AlertParams.parse(req.params);
    const { reason, ...body } = AlertPatch.parse(req.body ?? {});
    if (reason !== undefined && body.status !== 'dismissed') {
      throw new InvalidInputError('reason: only with status "dismissed"');
    }
    const by = principalOf(res).name;
    const note = body.note ?? (reason === undefined ? undefined : `dismissed: ${reason}`);
    const alert = await new AlertService(store).triage(id, { ...body, note }, by);
    if (reason?.toLowerCase() === NOT_A_COMPLAINT) {
      const made = await correctDismissedComplaint(store, alert, by, new Date());
      if (made.length > 0) {
        await hooks.corrected?.(alert.watchId);
      }
    }
    res.json(alert);
  });
  return router;
}
