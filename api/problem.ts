import type { ErrorRequestHandler, RequestHandler } from 'express';
import { STATUS_CODES } from 'node:http';
import { ZodError } from 'zod';
import { ConflictError, NotFoundError, QueryTimeoutError } from '../domain/errors.js';
import type { Logger } from '../config/logger.js';

/** An error the API answers with its own status and an RFC 9457 problem body. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function send(
  res: Parameters<RequestHandler>[1],
  status: number,
  title: string,
  detail: string,
  instance: string,
): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: 'about:blank', title, status, detail, instance });
}

export const notFound: RequestHandler = (req, res) => {
  send(res, 404, 'Not Found', `no route for ${req.method} ${req.path}`, req.originalUrl);
};

/** The one error middleware: known errors to their status, anything else to a logged 500. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof ZodError) {
      const detail = error.issues
        .map((issue) => {
          const field =
            issue.code === 'unrecognized_keys'
              ? [...issue.path, issue.keys.join(', ')].join('.')
              : issue.path.join('.') || 'request';
          return `${field}: ${issue.message}`;
        })
        .join('; ');
      send(res, 400, 'Bad Request', detail, req.originalUrl);
      return;
    }
    if (error instanceof NotFoundError) {
      send(res, 404, 'Not Found', error.message, req.originalUrl);
      return;
    }
    if (error instanceof ConflictError) {
      send(res, 409, 'Conflict', error.message, req.originalUrl);
      return;
    }
    if (error instanceof QueryTimeoutError) {
      // Not worth retrying as it is: the same query would run as long again.
      const detail = `the query ran past the API's ${error.limitMs} ms limit (API_QUERY_TIMEOUT_MS); narrow it with filters such as watch, from and to`;
      send(res, 503, 'Service Unavailable', detail, req.originalUrl);
      return;
    }
    if (error instanceof HttpProblem) {
      send(res, error.status, error.title, error.detail, req.originalUrl);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser and friends: malformed JSON (400), body too large (413), wrong charset (415).
      const title = STATUS_CODES[status] ?? 'Bad Request';
      send(res, status, title, `body: ${(error as Error).message}`, req.originalUrl);
      return;
    }
    log.error({ err: error, url: req.originalUrl }, 'unhandled API error');
    send(
      res,
      500,
      'Internal Server Error',
      'the server failed to answer; see its log',
      req.originalUrl,
    );
  };
}
