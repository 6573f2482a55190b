import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import type { Alert } from '../../domain/alert.js';
import type { AuthorProfile } from '../../domain/author.js';
import { SourceName, type Mention } from '../../domain/mention.js';
import type { Store } from '../../store/db.js';
import type { ReadBudget } from '../../store/read-budget.js';
import { allow } from '../access.js';

export const AuthorParams = z.object({ id: z.string().min(1).max(200) }).strict();
export const AuthorQuery = z.object({ source: SourceName.optional() }).strict();

const RECENT = 20;

/** GET /authors/:id. */
export interface AuthorView {
  authorId: string;
  profiles: AuthorProfile[];
  mentions: Mention[];
  alerts: Alert[];
}

/** One person: their profile in each watch, their latest mentions, the alerts about them. */
export function authorsRouter(store: Store, budget: ReadBudget = {}): Router {
  const router = Router();
  router.get('/authors/:id', allow('read'), async (req, res) => {
    const { id } = AuthorParams.parse(req.params);
    const { source } = AuthorQuery.parse(req.query);
    const [profiles, mentions, alerts] = await Promise.all([
      store.authors.profilesOf(id, source, budget),
      store.mentions.search({ authorId: id, source }, RECENT, null, budget),
      store.alerts.triage.search({ authorId: id, source }, 'newest', RECENT, null, budget),
    ]);
    if (profiles.length === 0 && mentions.length === 0) {
      throw new NotFoundError('author', id);
    }
    res.json({ authorId: id, profiles, mentions, alerts } satisfies AuthorView);
  });
  return router;
}
