import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../domain/access.js';
import { ERROR_CATALOGUE } from '../domain/errors.js';
import { Watch } from '../domain/watch.js';
import { AdvocatesCsvQuery, AdvocatesQuery } from './routes/advocates.js';
import { AlertParams, AlertPatch, AlertsQuery } from './routes/alerts.js';
import { AuthorParams, AuthorQuery } from './routes/authors.js';
import { IngestMention } from './routes/ingest.js';
import {
  CorrectionParams,
  CorrectionsQuery,
  MentionCorrection,
  MentionParams,
  ModelChoice,
  ModelsParams,
} from './routes/corrections.js';
import { MentionsQuery } from './routes/mentions.js';
import { StatsQuery } from './routes/stats.js';
import { StreamQuery } from './routes/stream.js';
import { ChannelParams, WatchParams } from './routes/watches.js';
import { NewUser } from '../domain/user.js';
import { SignInBody } from './routes/auth.js';
import { OverviewQuery } from './routes/overview.js';
import { KeyBody, UserPatch } from './routes/team.js';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path syntax (`/alerts/:id`). */
  path: string;
  summary: string;
  /** Absent on public routes. */
  permission?: Permission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  ok: { status: number; type: string; description: string };
}

const json = (description: string, status = 200) => ({
  status,
  type: 'application/json',
  description,
});

/** Every route the API serves; a test checks this list against the routes Express registered. */
export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness: the process is up', ok: json('alive') },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: Redis and MongoDB reachable (503 naming what is not)',
    ok: json('ready'),
  },
  {
    method: 'get',
    path: '/alerts',
    summary: 'List alerts, filtered, newest or most severe first',
    permission: 'read',
    query: AlertsQuery,
    ok: json('{ items: Alert[], nextCursor }'),
  },
  {
    method: 'get',
    path: '/alerts/stream',
    summary: 'Server-sent events of new and changed alerts (Last-Event-ID resumes)',
    permission: 'read',
    query: StreamQuery,
    ok: { status: 200, type: 'text/event-stream', description: 'event: alert, data: Alert' },
  },
  {
    method: 'get',
    path: '/alerts/:id',
    summary: 'One alert with its explanation, evidence mentions and author',
    permission: 'read',
    params: AlertParams,
    ok: json('Alert & { explanation, mentions, author: { profile, mentions } | null }'),
  },
  {
    method: 'patch',
    path: '/alerts/:id',
    summary: 'Triage: status, assignee, tags, note; each change is logged in history',
    permission: 'triage',
    params: AlertParams,
    body: AlertPatch,
    ok: json('the changed Alert'),
  },
  {
    method: 'get',
    path: '/advocates',
    summary: 'Authors ranked by advocate score (JSON pages, or CSV with Accept: text/csv)',
    permission: 'advocates',
    query: AdvocatesQuery,
    ok: json('{ items: AuthorProfile[], nextCursor }'),
  },
  {
    method: 'get',
    path: '/advocates.csv',
    summary: 'The whole advocate ranking as CSV',
    permission: 'advocates',
    query: AdvocatesCsvQuery,
    ok: { status: 200, type: 'text/csv', description: 'one row per advocate, with a header' },
  },
  {
    method: 'get',
    path: '/authors/:id',
    summary: 'One author: profiles per watch, recent mentions, alerts',
    permission: 'read',
    params: AuthorParams,
    query: AuthorQuery,
    ok: json('{ authorId, profiles, mentions, alerts }'),
  },
  {
    method: 'get',
    path: '/mentions',
    summary: 'List mentions, filtered, newest first',
    permission: 'read',
    query: MentionsQuery,
    ok: json('{ items: Mention[], nextCursor }'),
  },
  {
    method: 'patch',
    path: '/mentions/:id',
    summary: "Correct a mention's sentiment label (recorded for the watch's learned model)",
    permission: 'triage',
    params: MentionParams,
    body: MentionCorrection,
    ok: json('Correction'),
  },
  {
    method: 'get',
    path: '/corrections',
    summary: "A watch's corrections, newest first",
    permission: 'read',
    query: CorrectionsQuery,
    ok: json('{ items: Correction[] }'),
  },
  {
    method: 'post',
    path: '/corrections/:id/undo',
    summary: 'Undo a correction (it stays listed, marked undone)',
    permission: 'triage',
    params: CorrectionParams,
    ok: json('Correction'),
  },
  {
    method: 'get',
    path: '/watches/:id/models',
    summary: "A watch's learned model versions with their gain, and which one it uses",
    permission: 'read',
    params: ModelsParams,
    ok: json('{ current: { version, name }, versions: WatchModel[] }'),
  },
  {
    method: 'put',
    path: '/watches/:id/models/current',
    summary: 'Choose the model a watch scores with: a version, or "shipped" (rollback)',
    permission: 'watchesWrite',
    params: ModelsParams,
    body: ModelChoice,
    ok: json('{ current: { version, name } }'),
  },
  {
    method: 'get',
    path: '/stats',
    summary: 'Mention volume by sentiment, per hour or day',
    permission: 'read',
    query: StatsQuery,
    ok: json('{ bucket, from, to, series }'),
  },
  {
    method: 'get',
    path: '/watches',
    summary: 'List watches',
    permission: 'read',
    ok: json('{ items: Watch[] }'),
  },
  {
    method: 'post',
    path: '/watches',
    summary: 'Create a watch',
    permission: 'watchesWrite',
    body: Watch,
    ok: json('the Watch', 201),
  },
  {
    method: 'get',
    path: '/watches/:id',
    summary: 'One watch',
    permission: 'read',
    params: WatchParams,
    ok: json('the Watch'),
  },
  {
    method: 'put',
    path: '/watches/:id',
    summary: 'Replace a watch (effective at the scheduler’s next tick)',
    permission: 'watchesWrite',
    params: WatchParams,
    body: Watch,
    ok: json('the Watch'),
  },
  {
    method: 'delete',
    path: '/watches/:id',
    summary: 'Delete a watch (its mentions and alerts stay)',
    permission: 'watchesWrite',
    params: WatchParams,
    ok: { status: 204, type: '', description: 'deleted' },
  },
  {
    method: 'get',
    path: '/watches/:id/schedule',
    summary: "A watch's schedule and its next five runs (none while disabled)",
    permission: 'read',
    params: WatchParams,
    ok: json('{ schedule, enabled, nextRuns: string[] }'),
  },
  {
    method: 'post',
    path: '/watches/:id/channels/:channelId/test',
    summary: 'Send a test notification to one channel now; the answer says whether it was accepted',
    permission: 'watchesWrite',
    params: ChannelParams,
    ok: json('{ delivered: boolean, detail }'),
  },
  {
    method: 'post',
    path: '/ingest/:watchId',
    summary:
      'Inbound webhook: one mention or { mentions: [...] }, signed with HMAC-SHA256 over timestamp.body',
    params: z.object({ watchId: z.string() }),
    body: z.union([IngestMention, z.object({ mentions: z.array(IngestMention).min(1).max(1000) })]),
    ok: json('{ received, inserted, duplicates }', 202),
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    permission: 'ops',
    ok: { status: 200, type: 'text/plain', description: 'Prometheus text format' },
  },
  {
    method: 'get',
    path: '/admin/queues',
    summary: 'bull-board queue dashboard (HTML; its assets and API live under this path)',
    permission: 'ops',
    ok: { status: 200, type: 'text/html', description: 'the dashboard' },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    permission: 'read',
    ok: json('OpenAPI 3.1'),
  },
  // The web app's sign-in and admin routes (api/session.ts, api/routes/auth.ts, team.ts, overview.ts).
  {
    method: 'post',
    path: '/auth/login',
    summary: 'Sign a person in: sets the session cookie, answers the CSRF token (throttled)',
    body: SignInBody,
    ok: json('{ kind, email, name, role, permissions, csrf }'),
  },
  {
    method: 'post',
    path: '/auth/logout',
    summary: "End this browser's session (session and X-CSRF-Token)",
    permission: 'read',
    ok: { status: 204, type: '', description: 'signed out' },
  },
  {
    method: 'post',
    path: '/auth/logout-all',
    summary: 'End every session of the signed-in person (session and X-CSRF-Token)',
    permission: 'read',
    ok: json('{ ended }'),
  },
  {
    method: 'get',
    path: '/auth/me',
    summary: 'Who is calling (a person or a key), their permissions and CSRF token',
    permission: 'read',
    ok: json('{ kind, email, name, role, permissions, csrf }'),
  },
  {
    method: 'get',
    path: '/overview',
    summary: 'Per watch: open alerts by severity, top intents and spikes in a range',
    permission: 'read',
    query: OverviewQuery,
    ok: json('{ from, to, items: WatchOverview[] }'),
  },
  {
    method: 'get',
    path: '/users',
    summary: 'People who sign in',
    permission: 'team',
    ok: json('{ items: User[] }'),
  },
  {
    method: 'post',
    path: '/users',
    summary: 'Add a person (password hashed with scrypt)',
    permission: 'team',
    body: NewUser,
    ok: json('User', 201),
  },
  {
    method: 'patch',
    path: '/users/:id',
    summary: "Change a person's name, role, password or disable them (ends their sessions)",
    permission: 'team',
    body: UserPatch,
    ok: json('User'),
  },
  {
    method: 'get',
    path: '/keys',
    summary: 'API keys (never the keys themselves)',
    permission: 'team',
    ok: json('{ items: ApiKey[] }'),
  },
  {
    method: 'post',
    path: '/keys',
    summary: 'Create an API key: the answer is the only time the key is shown',
    permission: 'team',
    body: KeyBody,
    ok: json('ApiKey & { key }', 201),
  },
  {
    method: 'delete',
    path: '/keys/:name',
    summary: 'Revoke the API key of this name',
    permission: 'team',
    ok: { status: 204, type: '', description: 'revoked' },
  },
];

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function parameters(where: 'query' | 'path', schema: z.ZodType | undefined) {
  if (!schema) {
    return [];
  }
  const object = jsonSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
  }));
}

const problem = {
  description: 'problem+json (RFC 9457); detail names the field',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const serverProblem = {
  description:
    'problem+json: 503 when a query ran past API_QUERY_TIMEOUT_MS (narrow the filters), 500 otherwise',
  content: problem.content,
};

function operation(op: Operation) {
  return {
    summary: op.summary,
    ...(op.permission
      ? {
          description: `Roles: ${PERMISSIONS[op.permission].join(', ')}.`,
          security: [{ apiKey: [] }],
        }
      : { security: [] }),
    parameters: [...parameters('path', op.params), ...parameters('query', op.query)],
    ...(op.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(op.body) } },
      },
    }),
    responses: {
      [String(op.ok.status)]: {
        description: op.ok.description,
        ...(op.ok.type && { content: { [op.ok.type]: {} } }),
      },
      '4XX': problem,
      '5XX': serverProblem,
    },
  };
}

export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3.1 document, its parameters and bodies generated from the routes' zod schemas. */
export function openapiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const path = toOpenApiPath(op.path);
    paths[path] = { ...paths[path], [op.method]: operation(op) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Earshot API', version: '0.1.0' },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            code: { type: 'string', enum: Object.keys(ERROR_CATALOGUE) },
            requestId: { type: 'string', description: 'also in the X-Request-Id header' },
          },
        },
      },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
