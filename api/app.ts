import type { Queue } from 'bullmq';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { pinoHttp } from 'pino-http';
import { requestId } from './request-id.js';
import type { Logger } from '../config/logger.js';
import type { TrustProxy } from '../config/trust-proxy.js';
import { maskApiKeys, maskTargetSecrets } from '../domain/url-secrets.js';
import type { Producer } from '../jobs/producer.js';
import type { Store } from '../store/db.js';
import { authenticate } from './access.js';
import { perIpRateLimits, type IpLimits } from './ip-limits.js';
import { jsonBodiesOnly } from './content-type.js';
import { keyOnlyInAuthorization } from './key-placement.js';
import { corsFor, perKeyRateLimit } from './limits.js';
import { systemClock } from '../sources/clock.js';
import { providerLimits } from '../sources/index.js';
import { ApiMetrics } from './metrics.js';
import { notFound, problemHandler } from './problem.js';
import { AlertStreamHub } from './stream-hub.js';
import { refuseUnstorable } from './storable-input.js';
import { advocatesRouter } from './routes/advocates.js';
import { alertsRouter } from './routes/alerts.js';
import { authorsRouter } from './routes/authors.js';
import { healthRouter } from './routes/health.js';
import { ingestRouter, type WebhookSettings } from './routes/ingest.js';
import { mentionsRouter } from './routes/mentions.js';
import { openapiRouter } from './routes/openapi.js';
import { BULL_BOARD_PATH, opsRouter } from './routes/ops.js';
import { statsRouter } from './routes/stats.js';
import { STREAM_DEFAULTS, streamRouter, type StreamOptions } from './routes/stream.js';
import { watchesRouter } from './routes/watches.js';
import { correctionsRouter } from './routes/corrections.js';
import { learningHooks } from '../services/learning/hooks.js';
import { RETRAIN_DEFAULTS } from '../services/learning/retrain.js';
import { authRouter, meRouter } from './routes/auth.js';
import { teamRouter } from './routes/team.js';
import { overviewRouter } from './routes/overview.js';
import { SESSION_DEFAULTS, SessionStore, sessionAuth, type SessionSettings } from './session.js';
import { SIGN_IN_DEFAULTS, SignInThrottle, type SignInLimits } from './sign-in-limits.js';
import { WEB_DIR_DEFAULT, WEB_PATH, webRouter, webSecurity } from './web.js';

export interface ApiOptions {
  /** Prefix of this deployment's Redis keys (the rate limiter's counters live under it). */
  keyPrefix: string;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Per client IP, before authentication (see ip-limits.ts). */
  ipLimits: IpLimits;
  /** Express's `trust proxy` (TRUST_PROXY): which X-Forwarded-For hops name the client. */
  trustProxy: TrustProxy;
  /** Ingest bodies read at once (INGEST_MAX_IN_FLIGHT). */
  ingestInFlight: number;
  /** How long an ingest body may take to arrive (INGEST_READ_TIMEOUT_MS). */
  ingestReadMs: number;
  bodyLimit: string;
  /** How long one list or stats query may run in the store before the API answers 503. */
  queryTimeoutMs: number;
  stream: Partial<StreamOptions>;
  /** The web app's sessions and sign-in throttle (api/session.ts), and where its files are. */
  sessions: SessionSettings;
  signIn: SignInLimits;
  webDir: string;
  /** The clock of the sessions' expiry and of the providers' blocks in /metrics (tests pass their own). */
  now?: () => number;
}

export const API_DEFAULTS: ApiOptions = {
  keyPrefix: 'earshot',
  corsOrigins: [],
  rateLimitPerMinute: 600,
  ipLimits: { perMinute: 1200, authFailuresPerMinute: 30 },
  trustProxy: false,
  ingestInFlight: 16,
  ingestReadMs: 10_000,
  bodyLimit: '100kb',
  queryTimeoutMs: 10_000,
  stream: STREAM_DEFAULTS,
  sessions: SESSION_DEFAULTS,
  signIn: SIGN_IN_DEFAULTS,
  webDir: WEB_DIR_DEFAULT,
};

export interface ApiDeps {
  store: Store;
  redis: Redis;
  log: Logger;
  /** The pipeline's queues, for /metrics and the queue dashboard. */
  queues: Queue[];
  options?: Partial<ApiOptions>;
  /** Where webhook mentions are handed to the analyze stage; without it /ingest answers 503. */
  producer?: Producer;
  webhook?: WebhookSettings;
  /** Corrections a watch gathers before its model is retrained (RETRAIN_EVERY). */
  retrainEvery?: number;
  /** How far back a switch of model re-scores a watch's mentions (RESCORE_DAYS; 0: not at all). */
  rescoreDays?: number;
}

/** Request headers as logged: an API key sent in any of them is masked. */
function maskHeaderKeys(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      typeof value === 'string' ? maskApiKeys(value) : value,
    ]),
  );
}

export function createApp(deps: ApiDeps): Express {
  const { store, redis, log, queues, options = {} } = deps;
  const settings = { ...API_DEFAULTS, ...options };
  // The providers' blocks are read against the same clock as the sessions (a test's, or the system's).
  const now = settings.now ?? systemClock;
  const metrics = new ApiMetrics(
    store,
    queues,
    providerLimits(redis, settings.keyPrefix, now),
    now,
  );
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', settings.trustProxy);
  const sessions = new SessionStore(redis, settings.keyPrefix, settings.sessions, settings.now);
  const throttle = new SignInThrottle(redis, settings.keyPrefix, settings.signIn);
  const strict = helmet();
  // bull-board's page runs inline scripts; every other route serves JSON, CSV or events.
  const board = helmet({ contentSecurityPolicy: false });
  app.use((req, res, next) =>
    (req.path.startsWith(BULL_BOARD_PATH)
      ? board
      : req.path.startsWith(WEB_PATH)
        ? webSecurity
        : strict)(req, res, next),
  );
  app.use(
    pinoHttp({
      logger: log,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // A key or token misplaced in the query string or a header is masked before the line is
      // written (Authorization, cookies and Set-Cookie are redacted by config/logger.ts).
      serializers: {
        req: ({
          query: _query,
          ...req
        }: {
          url?: string;
          query?: unknown;
          headers?: Record<string, unknown>;
        }) => ({
          ...req,
          ...(req.url && { url: maskTargetSecrets(req.url) }),
          ...(req.headers && { headers: maskHeaderKeys(req.headers) }),
        }),
      },
    }),
  );
  app.use(metrics.observe);
  const cors = corsFor(settings.corsOrigins);
  if (cors) {
    app.use(cors);
  }
  app.use(perIpRateLimits(redis, settings.keyPrefix, settings.ipLimits));
  app.use(keyOnlyInAuthorization);
  // Before express.json: it reads the raw body for the signature.
  app.use(
    ingestRouter({
      ...deps,
      ingestInFlight: settings.ingestInFlight,
      ingestReadMs: settings.ingestReadMs,
    }),
  );
  app.use(express.json({ limit: settings.bodyLimit }));
  app.use(webRouter(settings.webDir));
  // Before the content-type check: a cross-site form post is refused for its missing CSRF token.
  app.use(sessionAuth(sessions));
  app.use(authRouter(store, sessions, throttle));
  app.use(jsonBodiesOnly);
  app.use(authenticate(store));
  app.use(meRouter());
  app.use(perKeyRateLimit(redis, settings.keyPrefix, settings.rateLimitPerMinute));
  app.use(refuseUnstorable);
  app.use(healthRouter(store, redis));
  const hub = new AlertStreamHub(store, { ...STREAM_DEFAULTS, ...settings.stream }, log, (token) =>
    sessions.isLive(token),
  );
  app.use(streamRouter(hub));
  const budget = { maxTimeMS: settings.queryTimeoutMs };
  const learning = learningHooks(
    store,
    deps.producer,
    deps.retrainEvery ?? RETRAIN_DEFAULTS.every,
    log,
    deps.rescoreDays,
  );
  app.use(alertsRouter(store, budget, learning));
  app.use(advocatesRouter(store, budget));
  app.use(authorsRouter(store, budget));
  app.use(mentionsRouter(store, budget));
  app.use(correctionsRouter(store, learning));
  app.use(statsRouter(store, budget));
  app.use(watchesRouter(store));
  app.use(teamRouter(store, sessions));
  app.use(overviewRouter(store));
  app.use(opsRouter(metrics, queues));
  app.use(openapiRouter());
  app.use(notFound);
  app.use(problemHandler(log));
  return app;
}
