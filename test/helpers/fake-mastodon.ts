import type { Handler } from './fake-source.js';
import { fixture, json } from './fake-source.js';
import { compareIds } from '../../sources/ids.js';

/**
 * Answers like a Mastodon instance from the statuses of a fixture: the hashtag timeline and, with
 * the bearer token, status search. `min_id` gives the statuses just after it, `since_id`/none the
 * newest, always newest first, as Mastodon does.
 */
export function fakeMastodon(name: string, token: string): Handler {
  const statuses = (JSON.parse(fixture(name)) as Array<{ id: string }>).sort((a, b) =>
    compareIds(a.id, b.id),
  );
  return (request, response) => {
    const limit = Number(request.query.get('limit') ?? 20);
    const minId = request.query.get('min_id');
    const after = statuses.filter((status) => !minId || compareIds(status.id, minId) > 0);
    const page = (minId ? after.slice(0, limit) : after.slice(-limit)).reverse();
    if (request.path.startsWith('/api/v1/timelines/tag/')) {
      json(response, JSON.stringify(page));
    } else if (request.path === '/api/v2/search') {
      if (request.headers.authorization !== `Bearer ${token}`) {
        json(response, '{"error":"The access token is invalid"}', 401);
        return;
      }
      json(response, JSON.stringify({ accounts: [], statuses: page, hashtags: [] }));
    } else {
      json(response, '{"error":"Record not found"}', 404);
    }
  };
}
