import type { RequestHandler } from 'express';
import { InvalidInputError } from '../domain/errors.js';

/** Where clients sometimes put an API key; Earshot reads keys from `Authorization` only. */
const KEY_PARAMS = ['key', 'api_key', 'apikey', 'api-key', 'access_token', 'token'];
const KEY_HEADERS = ['x-api-key', 'api-key'];

/**
 * A 400 for a key sent anywhere but `Authorization`: in a query string it ends up in proxy and
 * access logs and browser history. The request log masks such values (config/logger.ts).
 */
export const keyOnlyInAuthorization: RequestHandler = (req, _res, next) => {
  const param = KEY_PARAMS.find((name) => name in (req.query as Record<string, unknown>));
  const header = KEY_HEADERS.find((name) => req.get(name) !== undefined);
  const place = param !== undefined ? `query parameter "${param}"` : header && `header ${header}`;
  if (place) {
    throw new InvalidInputError(
      `${param ?? header}: API keys are read only from "Authorization: Bearer <key>", never from the ${place}; this key is now in logs that may be kept, so consider revoking it`,
    );
  }
  next();
};
