import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemHandler, type Problem } from '../../../api/problem.js';
import { createLogger } from '../../../config/logger.js';
import {
  ConfigError,
  EarshotError,
  ERROR_CATALOGUE,
  KeyNameTaken,
  NotFoundError,
  QueryTimeoutError,
  SourceHttpError,
  UsageError,
  type ErrorCode,
} from '../../../domain/errors.js';

interface Answer {
  status: number;
  type: string;
  body: Problem;
  logged: Array<Record<string, unknown>>;
}

/** Runs the middleware on one error, with a request whose logger (as pino-http makes it) is captured. */
function answer(error: unknown): Answer {
  const logged: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const out = { status: 0, type: '', body: undefined as unknown as Problem, logged };
  const req = {
    id: 'req-7',
    originalUrl: '/alerts?x=1',
    log: pino(sink).child({ reqId: 'req-7' }),
  } as unknown as Request;
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    type(value: string) {
      out.type = value;
      return res;
    },
    json(body: Problem) {
      out.body = body;
      return res;
    },
  } as unknown as Response;
  problemHandler(createLogger('silent'))(error, req, res, (() => undefined) as NextFunction);
  return out;
}

describe('error catalogue', () => {
  it('maps every code to an HTTP error status', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
    }
  });

  it('gives every error class a catalogued code and its status', () => {
    const errors: EarshotError[] = [
      new NotFoundError('alert', 'a1'),
      new KeyNameTaken('desk'),
      new ConfigError(['PORT: bad']),
      new UsageError('no command'),
      new QueryTimeoutError(10),
      new SourceHttpError('reddit', 503, 'https://reddit.example/x', null),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(EarshotError);
      expect(error.httpStatus).toBe(ERROR_CATALOGUE[error.code].status);
    }
    expect(new KeyNameTaken('desk').httpStatus).toBe(409);
    // A source's own status stays apart from the status the API would answer with.
    expect(new SourceHttpError('reddit', 503, 'u', null).status).toBe(503);
    expect(new SourceHttpError('reddit', 503, 'u', null).httpStatus).toBe(502);
  });

  it('is the table docs/api.md shows callers: every code the API answers with, and its status', () => {
    const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` +\| (\d{3}) +\|/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const shown = Object.entries(ERROR_CATALOGUE)
      .filter(([code, entry]) => entry.api || code === 'INTERNAL')
      .map(([code, entry]) => [code, entry.status]);
    expect(rows.sort()).toEqual(shown.sort());
  });
});

describe('problemHandler', () => {
  it('answers a catalogued error with its status, code, detail and the request id', () => {
    const out = answer(new NotFoundError('alert', 'a1'));
    expect(out.status).toBe(404);
    expect(out.type).toBe('application/problem+json');
    expect(out.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'alert a1 does not exist',
      instance: '/alerts?x=1',
      code: 'NOT_FOUND',
      requestId: 'req-7',
    });
    expect(out.logged).toEqual([]);
  });

  it('turns a validation error into INVALID_INPUT naming the field', () => {
    const parsed = z.object({ limit: z.number() }).safeParse({ limit: 'ten' });
    const out = answer(parsed.error);
    expect(out.status).toBe(400);
    expect(out.body.code).toBe('INVALID_INPUT');
    expect(out.body.detail).toMatch(/^limit: /);
  });

  it("maps body-parser's statuses to the catalogue's body codes", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect(answer(tooLarge).body).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    const charset = Object.assign(new Error('unsupported charset'), { status: 415 });
    expect(answer(charset).body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('names the API limit when a query ran past it', () => {
    const out = answer(new QueryTimeoutError(250));
    expect(out.status).toBe(503);
    expect(out.body.code).toBe('QUERY_TIMEOUT');
    expect(out.body.detail).toContain('250 ms limit (API_QUERY_TIMEOUT_MS)');
  });

  it('answers an unknown error with a bare 500 and logs it through the request logger', () => {
    const out = answer(new TypeError('cannot read x of undefined'));
    expect(out.status).toBe(500);
    expect(out.body).toMatchObject({ code: 'INTERNAL', requestId: 'req-7' });
    expect(out.body.detail).not.toContain('cannot read');
    expect(out.logged).toHaveLength(1);
    expect(out.logged[0]).toMatchObject({ reqId: 'req-7', requestId: 'req-7', level: 50 });
    expect((out.logged[0]?.err as { message: string }).message).toBe('cannot read x of undefined');
  });

  it('keeps a worker-side error (a source URL) out of the answer: a logged 500', () => {
    const code: ErrorCode = 'SOURCE_HTTP';
    const out = answer(
      new SourceHttpError('reddit', 502, 'https://reddit.example/?t=secret', null),
    );
    expect(ERROR_CATALOGUE[code].api).toBe(false);
    expect(out.status).toBe(500);
    expect(out.body.code).toBe('INTERNAL');
    expect(JSON.stringify(out.body)).not.toContain('secret');
    expect(out.logged).toHaveLength(1);
  });
});
