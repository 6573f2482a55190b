import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger.js';
import {
  EarshotError,
  ForbiddenError,
  InvalidInputError,
  NotConfiguredError,
  NotFoundError,
  RequestTimeoutError,
  ServerBusyError,
  UnauthenticatedError,
} from '../../domain/errors.js';
import { fromPosted, MAX_TEXT } from '../../domain/mention.js';
import { dateProblem, unstorablePath, UNSTORABLE_MESSAGE } from '../../domain/storable.js';
import { WatchId } from '../../domain/watch.js';
import type { Producer } from '../../jobs/producer.js';
import type { Store } from '../../store/db.js';
import { storeAndEnqueue } from '../../services/intake.js';
import { signatureProblem, signedHeadersProblem } from '../signature.js';

/** Mentions a batch may hold: one analyze job takes up to 500, so two at most. */
const MAX_BATCH = 1000;

const count = z.number().int().nonnegative();

/** One mention as a webhook sender posts it: the normalised shape, with its source's own id. */
export const IngestMention = z
  .object({
    id: z.string().min(1).max(200),
    text: z.string().trim().min(1).max(MAX_TEXT),
    createdAt: z.iso.datetime({ offset: true }),
    url: z.url({ protocol: /^https?$/ }).nullish(),
    lang: z.string().min(2).max(20).nullish(),
    /** A star rating (1–5) when the sender has one, e.g. a review or a satisfaction survey. */
    rating: z.number().int().min(1).max(5).nullish(),
    author: z
      .object({
        id: z.string().min(1).max(200),
        handle: z.string().min(1).max(200),
        name: z.string().max(200).nullish(),
        followers: count.nullish(),
      })
      .strict(),
    engagement: z
      .object({
        likes: count.optional(),
        replies: count.optional(),
        shares: count.optional(),
        score: z.number().int().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const problem = dateProblem(new Date(item.createdAt), Date.now());
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['createdAt'], message: problem });
    }
  });
export type IngestMention = z.infer<typeof IngestMention>;

const Batch = z.object({ mentions: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();

export interface WebhookSettings {
  secret: string | null;
  maxSkewS: number;
}

export interface IngestDeps {
  store: Store;
  /** Ingest bodies read at once, across all callers; past it, 503 before reading. Default 16. */
  ingestInFlight?: number;
  /** How long a body may take to arrive; past it, 408 and the connection closed. Default 10 s. */
  ingestReadMs?: number;
  producer?: Producer;
  webhook?: WebhookSettings;
  log: Logger;
}

/** The body's mentions, every item validated; any bad item fails the whole batch, naming it. */
export function parseIngestBody(raw: Buffer): IngestMention[] {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidInputError('body: not JSON');
  }
  // Checked on the whole body before anything is stored: a batch is stored whole or not at all.
  const unstorable = unstorablePath(json);
  if (unstorable) {
    throw new InvalidInputError(`nothing stored; ${unstorable}: ${UNSTORABLE_MESSAGE}`);
  }
  const isBatch = typeof json === 'object' && json !== null && 'mentions' in json;
  let items: unknown[] = [json];
  if (isBatch) {
    const batch = Batch.safeParse(json);
    if (!batch.success) {
      const issue = batch.error.issues[0];
      throw new InvalidInputError(
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    items = batch.data.mentions;
  }
  const problems: string[] = [];
  const mentions: IngestMention[] = [];
  items.forEach((item, index) => {
    const parsed = IngestMention.safeParse(item);
    if (parsed.success) {
      mentions.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = [isBatch ? `mentions[${index}]` : '', ...issue.path.map(String)]
        .filter(Boolean)
        .join('.');
      problems.push(`${field || 'body'}: ${issue.message}`);
    }
  });
  if (problems.length > 0) {
    throw new InvalidInputError(`nothing stored; ${problems.join('; ')}`);
  }
  return mentions;
}

/** The signature headers and the timestamp, checked before the body is read. */
function headersFirst(settings: WebhookSettings | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!settings?.secret) {
      throw new NotConfiguredError('WEBHOOK_SECRET is not set');
    }
    const problem = signedHeadersProblem(
      { timestamp: req.get('x-earshot-timestamp'), signature: req.get('x-earshot-signature') },
      settings.maxSkewS,
    );
    if (problem) {
      throw new UnauthenticatedError(problem);
    }
    next();
  };
}

/** The largest ingest body (1000 mentions of up to MAX_TEXT characters fit well below it). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * A body declared larger than MAX_BODY_BYTES is refused before the in-flight cap: express.raw
 * would also refuse it, but only after draining the whole body, holding one of the cap's places
 * while a slow client sends it. The connection is closed rather than drained.
 */
const declaredLengthFirst: RequestHandler = (req, res, next) => {
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    res.set('Connection', 'close');
    throw new EarshotError(
      'BODY_TOO_LARGE',
      `body: ${declared} bytes declared, more than the ${MAX_BODY_BYTES} an ingest request may send`,
    );
  }
  next();
};

/** At most `limit` ingest bodies held in memory at once; a request past it is told to retry. */
function inFlightCap(limit: number): RequestHandler {
  let inFlight = 0;
  return (_req, res, next) => {
    if (inFlight >= limit) {
      res.set('Retry-After', '1');
      throw new ServerBusyError(
        `body: ${limit} ingest requests are being read already; retry in a second`,
      );
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    next();
  };
}

/**
 * A body not in full within `ms` is answered 408 and its connection closed: a client that sends
 * slowly would otherwise hold one of the in-flight places for Node's 300 s request timeout.
 */
function readDeadline(ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (!req.complete && !res.headersSent) {
        res.set('Connection', 'close');
        next(new RequestTimeoutError(`body: not received in full within ${ms} ms`));
      }
    }, ms);
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
    next();
  };
}

function authenticate(req: Request, settings: WebhookSettings | undefined): void {
  if (!settings?.secret) {
    throw new NotConfiguredError('WEBHOOK_SECRET is not set');
  }
  const problem = signatureProblem(
    settings.secret,
    {
      timestamp: req.get('x-earshot-timestamp'),
      signature: req.get('x-earshot-signature'),
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    },
    settings.maxSkewS,
  );
  if (problem) {
    throw new UnauthenticatedError(problem);
  }
}

/**
 * `POST /ingest/:watchId`: mentions pushed by anything that is not polled (a CRM, a support tool, a
 * scraper), HMAC-signed. Stored and analysed like polled mentions; a re-sent batch adds nothing.
 */
export function ingestRouter(deps: IngestDeps): Router {
  const router = Router();
  // The raw body, on this route only: the signature is computed over the bytes as sent.
  const raw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  const cap = inFlightCap(deps.ingestInFlight ?? 16);
  router.post(
    '/ingest/:watchId',
    headersFirst(deps.webhook),
    declaredLengthFirst,
    cap,
    readDeadline(deps.ingestReadMs ?? 10_000),
    raw,
    async (req, res) => {
      authenticate(req, deps.webhook);
      const watchId = WatchId.safeParse(req.params.watchId);
      const watch = watchId.success ? await deps.store.watches.get(watchId.data) : null;
      if (!watch) {
        throw new NotFoundError('watch', String(req.params.watchId), 'watchId');
      }
      if (!watch.enabled || !watch.sources.some((source) => source.type === 'webhook')) {
        throw new ForbiddenError(
          `watchId: watch ${watch.id} is disabled or has no {"type":"webhook"} source`,
        );
      }
      const items = parseIngestBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      if (!deps.producer) {
        throw new NotConfiguredError('this API process has no queue producer');
      }
      const mentions = items.map((item) =>
        fromPosted(watch.id, 'webhook', { ...item, createdAt: new Date(item.createdAt) }),
      );
      const outcome = await storeAndEnqueue(
        { store: deps.store, producer: deps.producer },
        watch,
        mentions,
      );
      deps.log.info({ watchId: watch.id, received: mentions.length, ...outcome }, 'webhook ingest');
      res.status(202).json({
        received: mentions.length,
        inserted: outcome.inserted,
        duplicates: mentions.length - outcome.inserted,
      });
    },
  );
  return router;
}
