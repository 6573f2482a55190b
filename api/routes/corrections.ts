import { Router } from 'express';
import { z } from 'zod';
import { CorrectionLabel, versionName } from '../../domain/correction.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Store } from '../../store/db.js';
import { correctMention, undoCorrection } from '../../services/learning/corrections.js';
import type { LearningHooks } from '../../services/learning/hooks.js';
import { allow, principalOf } from '../access.js';
import { limit, objectIdParam, watchId } from '../query.js';

export const MentionParams = z.object({ id: objectIdParam }).strict();
export const CorrectionParams = MentionParams;
export const MentionCorrection = z.object({ label: CorrectionLabel }).strict();

export const CorrectionsQuery = z
  .object({
    watch: watchId,
    active: z.enum(['true', 'false']).optional().describe('only corrections not undone'),
    limit,
  })
  .strict();

export const ModelsParams = z.object({ id: watchId }).strict();
export const ModelChoice = z
  .object({
    version: z
      .union([z.number().int().min(1), z.literal('shipped')])
      .describe('a stored version number, or "shipped" for the analyzer alone'),
  })
  .strict();

/** Corrections (PATCH /mentions/:id, GET /corrections, undo) and a watch's model versions. */
export function correctionsRouter(
  store: Store,
  hooks: LearningHooks = {},
  clock: () => Date = () => new Date(),
): Router {
  const router = Router();
  router.patch('/mentions/:id', allow('triage'), async (req, res) => {
    const { id } = MentionParams.parse(req.params);
    const { label } = MentionCorrection.parse(req.body ?? {});
    const correction = await correctMention(store, id, label, principalOf(res).name, clock());
    await hooks.corrected?.(correction.watchId);
    res.json(correction);
  });
  router.get('/corrections', allow('read'), async (req, res) => {
    const query = CorrectionsQuery.parse(req.query);
    const items = await store.corrections.list(query.watch, query.limit, query.active === 'true');
    res.json({ items });
  });
  router.post('/corrections/:id/undo', allow('triage'), async (req, res) => {
    const { id } = CorrectionParams.parse(req.params);
    const correction = await undoCorrection(store, id, principalOf(res).name, clock());
    await hooks.corrected?.(correction.watchId);
    res.json(correction);
  });
  router.get('/watches/:id/models', allow('read'), async (req, res) => {
    const { id } = ModelsParams.parse(req.params);
    const [current, versions] = await Promise.all([
      store.models.currentOf(id),
      store.models.list(id),
    ]);
    const version = current?.version ?? null;
    res.json({ current: { version, name: versionName(version) }, versions });
  });
  router.put('/watches/:id/models/current', allow('watchesWrite'), async (req, res) => {
    const { id } = ModelsParams.parse(req.params);
    const { version } = ModelChoice.parse(req.body ?? {});
    const chosen = version === 'shipped' ? null : version;
    if (chosen !== null && !(await store.models.weights(id, chosen))) {
      throw new NotFoundError(`model of watch ${id}, version`, String(chosen));
    }
    await store.models.setCurrent(id, chosen, principalOf(res).name, clock());
    await hooks.modelChanged?.(id);
    res.json({ current: { version: chosen, name: versionName(chosen) } });
  });
  return router;
}
