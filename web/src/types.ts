/**
 * The API's shapes, taken from the server's own types and zod schemas: a route that changes its
 * answer or its query breaks this build, not the page. `Json<T>` is T as it crosses the wire
 * (dates become ISO strings).
 */
import type { z } from 'zod';
import type { ApiKey } from '../../domain/access.js';
import type { Alert } from '../../domain/alert.js';
import type { AuthorProfile } from '../../domain/author.js';
import type { Mention, SentimentLabel } from '../../domain/mention.js';
import type { User } from '../../domain/user.js';
import type { Watch } from '../../domain/watch.js';
import type { AdvocatesQuery } from '../../api/routes/advocates.js';
import type { AlertDetail, AlertPatch, AlertsQuery } from '../../api/routes/alerts.js';
import type { AuthorView } from '../../api/routes/authors.js';
import type { MentionCorrection } from '../../api/routes/corrections.js';
import type { Page as ServerPage } from '../../api/cursor.js';
import type { Me } from '../../api/routes/auth.js';
import type { MentionsQuery } from '../../api/routes/mentions.js';
import type { OverviewBody, OverviewQuery } from '../../api/routes/overview.js';
import type { StatsBody, StatsQuery } from '../../api/routes/stats.js';
import type { CreatedKey, KeyBody, UserPatch } from '../../api/routes/team.js';
import type { ChannelTestBody, ScheduleBody } from '../../api/routes/watches.js';
import type { NewUser } from '../../domain/user.js';

export type Json<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Json<U>>
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type { Me, SentimentLabel };
export type AlertJ = Json<Alert>;
export type MentionJ = Json<Mention>;
export type ProfileJ = Json<AuthorProfile>;
export type WatchJ = Json<Watch> & { updatedAt?: string };
export type UserJ = Json<User>;
export type KeyJ = Json<ApiKey>;

/** One page of a list route (`{ items, nextCursor }`). */
export type Page<T> = Json<ServerPage<T>>;

/** GET /alerts/:id: the alert, its evidence mentions and its author (null for a spike). */
export type AlertDetailJ = Json<AlertDetail>;
export type AuthorJ = Json<AuthorView>;
export type StatsJ = Json<StatsBody>;
export type OverviewJ = Json<OverviewBody>;
export type ScheduleJ = Json<ScheduleBody>;
export type ChannelTestJ = Json<ChannelTestBody>;
export type CreatedKeyJ = Json<CreatedKey>;

/** Query strings as the routes accept them (their zod input types). */
export type AlertsParams = z.input<typeof AlertsQuery>;
export type MentionsParams = z.input<typeof MentionsQuery>;
export type AdvocatesParams = z.input<typeof AdvocatesQuery>;
export type StatsParams = z.input<typeof StatsQuery>;
export type OverviewParams = z.input<typeof OverviewQuery>;
export type AlertPatchBody = z.input<typeof AlertPatch>;
export type NewUserBody = z.input<typeof NewUser>;
export type UserPatchBody = z.input<typeof UserPatch>;
export type KeyBodyJ = z.input<typeof KeyBody>;
/** PATCH /mentions/:id (the label correction; the route is the learning issue's, #17). */
export type MentionPatchBody = z.input<typeof MentionCorrection>;
