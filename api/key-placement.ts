import type { Request, RequestHandler } from 'express';
import { holdsApiKey } from '../domain/url-secrets.js';
import { InvalidInputError } from '../domain/errors.js';

/** Where clients sometimes put an API key; Earshot reads keys from `Authorization` only. */
const KEY_PARAMS = ['key', 'api_key', 'apikey', 'api-key', 'access_token', 'token'];
const KEY_HEADERS = ['x-api-key', 'api-key'];

/**
 * Where a key stands outside `Authorization`: a query parameter or header named as keys often are,
 * or any query value or header that holds an Earshot key (`?bearer=esk_…`, `X-Auth-Token`).
 */
function misplacedKey(req: Request): { name: string; place: string } | null {
  const query = req.query as Record<string, unknown>;
  const param =
    KEY_PARAMS.find((name) => name in query) ??
    Object.keys(query).find((name) => holdsApiKey(`${name}=${String(query[name])}`));
  if (param !== undefined) {
    return { name: param, place: `query parameter "${param}"` };
  }
  const header =
    KEY_HEADERS.find((name) => req.get(name) !== undefined) ??
    Object.entries(req.headers).find(
      ([name, value]) => name !== 'authorization' && holdsApiKey(String(value)),
    )?.[0];
  return header === undefined ? null : { name: header, place: `header ${header}` };
}

/**
 * A 400 for a key sent anywhere but `Authorization`: in a query string it ends up in proxy and
 * access logs and browser history. The request log masks such values (api/app.ts).
 */
export const keyOnlyInAuthorization: RequestHandler = (req, _res, next) => {
  const misplaced = misplacedKey(req);
  if (misplaced) {
    throw new InvalidInputError(
      `${misplaced.name}: API keys are read only from "Authorization: Bearer <key>", never from the ${misplaced.place}; this key is now in logs that may be kept, so consider revoking it`,
    );
  }
  next();
};
