import { pino, type Logger } from 'pino';
import { maskTargetSecrets, scrubSecrets } from '../domain/url-secrets.js';

export type { Logger };

/** A field that may hold a URL with credentials: a source key (`rss:<url>`), a URL, a path. */
function scrubbed(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  return value.startsWith('/') ? maskTargetSecrets(value) : scrubSecrets(value);
}

/** Errors as pino writes them, with any URL credentials in the message or stack masked. */
function scrubbedError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of ['message', 'stack']) {
    const value = serialized[field];
    if (typeof value === 'string') {
      serialized[field] = scrubSecrets(value);
    }
  }
  return serialized;
}

/**
 * One structured logger; children add job ids, watch ids and request ids. Credentials never reach
 * the log: auth headers, cookies and signatures are redacted, and URLs (source keys, error
 * messages) have their user info and token-like query values masked.
 */
export function createLogger(
  level: string,
  name = 'earshot',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: [
      '*.password',
      '*.token',
      '*.authorization',
      'req.headers.authorization',
      'req.headers.cookie',
      // The web app's session token is set in a cookie: the response's header is the token.
      'res.headers["set-cookie"]',
      'req.headers["x-api-key"]',
      'req.headers["api-key"]',
      'req.headers["x-earshot-signature"]',
    ],
    // Serializers apply to child bindings too (a poll's logger is bound to its source key).
    serializers: { err: scrubbedError, sourceKey: scrubbed, url: scrubbed },
  };
  return destination ? pino(options, destination) : pino(options);
}
