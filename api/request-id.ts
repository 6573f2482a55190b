import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a caller's or a proxy's `X-Request-Id` may look like to be reused: short, no odd bytes. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request's id for logs and problem bodies: the `X-Request-Id` a proxy or caller sent when it is
 * a plain token, else a new UUID (unique across API replicas, unlike a counter). Echoed back in
 * `X-Request-Id` so that a caller can quote it.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
