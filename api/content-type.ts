import type { RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from '../domain/errors.js';

/** 415 for a request body that is not JSON: express.json leaves it unread, so it would look empty. */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    throw new UnsupportedMediaTypeError(
      `content-type: send the body as application/json, not ${req.get('content-type') ?? 'untyped'}`,
    );
  }
  next();
};
