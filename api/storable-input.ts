import type { RequestHandler } from 'express';
import { unstorablePath, UNSTORABLE_MESSAGE } from '../domain/storable.js';
import { InvalidInputError } from '../domain/errors.js';

/**
 * A 400 naming the field for any query value, body value or path segment the store cannot hold
 * (NUL, an unpaired surrogate), before a route reads it: such input used to reach the store and
 * fail there with a 500.
 */
export const refuseUnstorable: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    throw new InvalidInputError('path: not valid percent-encoding');
  }
  const field =
    (unstorablePath(path) && 'path') ??
    unstorablePath(req.query, 'query') ??
    unstorablePath(req.body as unknown, 'body');
  if (field) {
    throw new InvalidInputError(
      `${field.replace(/^(query|body)\.?/, '') || field}: ${UNSTORABLE_MESSAGE}`,
    );
  }
  next();
};
