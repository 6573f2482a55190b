import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured logger; children add job ids, watch ids and request ids. */
export function createLogger(level: string, name = 'earshot'): Logger {
  return pino({
    name,
    level,
    redact: ['*.password', '*.token', '*.authorization', 'req.headers.authorization'],
  });
}
