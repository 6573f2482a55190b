import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ZodError } from 'zod';
import {
  EarshotError,
  ERROR_CATALOGUE,
  InvalidInputError,
  QueryTimeoutError,
  type ErrorCode,
} from '../domain/errors.js';
import type { Logger } from '../config/logger.js';
import { maskTargetSecrets } from '../domain/url-secrets.js';

/** An RFC 9457 problem body, with Earshot's stable error code and the request's id. */
export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  requestId: string;
}

function send(req: Request, res: Response, code: ErrorCode, detail: string): void {
  const { status } = ERROR_CATALOGUE[code];
  const problem: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    // A key misplaced in the query string is not sent back (nor kept by whatever logs answers).
    instance: maskTargetSecrets(req.originalUrl),
    code,
    // Our genReqId (request-id.ts) always gives a string; anything else is not shown.
    requestId: typeof req.id === 'string' ? req.id : '',
  };
  res.status(status).type('application/problem+json').json(problem);
}

export const notFound: RequestHandler = (req, res) => {
  send(req, res, 'ROUTE_NOT_FOUND', `no route for ${req.method} ${req.path}`);
};

/** Zod's issues as one detail, each naming its field (`status: Invalid option …`). */
function zodDetail(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field =
        issue.code === 'unrecognized_keys'
          ? [...issue.path, issue.keys.join(', ')].join('.')
          : issue.path.join('.') || 'request';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** body-parser's client errors, by the status it gives them; anything else it raises is a 500. */
const BODY_ERRORS: Partial<Record<number, ErrorCode>> = {
  400: 'INVALID_INPUT',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** An error as one of the catalogue's, or null for an error nobody raised on purpose. */
export function asCatalogued(error: unknown): EarshotError | null {
  if (error instanceof EarshotError) {
    return error;
  }
  if (error instanceof ZodError) {
    return new InvalidInputError(zodDetail(error));
  }
  const status = (error as { status?: unknown } | null)?.status;
  const code = typeof status === 'number' ? BODY_ERRORS[status] : undefined;
  // body-parser: malformed JSON (400), body too large (413), wrong charset (415).
  return code ? new EarshotError(code, `body: ${(error as Error).message}`) : null;
}

function detailOf(error: EarshotError): string {
  if (error instanceof QueryTimeoutError) {
    // Not worth retrying as it is: the same query would run as long again.
    return `the query ran past the API's ${error.limitMs} ms limit (API_QUERY_TIMEOUT_MS); narrow it with filters such as watch, from and to`;
  }
  return error.message;
}

/**
 * The one error middleware: a catalogued error to its status and code, anything else (or an error
 * the catalogue keeps from callers) to a 500 logged with the request's logger and id.
 */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = asCatalogued(error);
    if (known && ERROR_CATALOGUE[known.code].api) {
      send(req, res, known.code, detailOf(known));
      return;
    }
    // pino-http gives every request a child logger carrying its id; the fallback is for a request
    // that failed before pino-http saw it.
    const logger = (req.log as Logger | undefined) ?? log;
    logger.error({ err: error, url: req.originalUrl, requestId: req.id }, 'unhandled API error');
    send(req, res, 'INTERNAL', 'the server failed to answer; see its log');
  };
}
