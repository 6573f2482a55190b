import { Router } from 'express';
import { z } from 'zod';
import {
  EgressRefusedError,
  InvalidInputError,
  NotFoundError,
  NotifyDeliveryError,
} from '../../domain/errors.js';
import { outboundUrls, Watch } from '../../domain/watch.js';
import { urlRefusal } from '../../domain/egress-policy.js';
import { currentEgressPolicy } from '../../egress/settings.js';
import { nextSlots } from '../../jobs/schedule.js';
import { deliver, testAlert } from '../../notify/deliver.js';
import type { Store } from '../../store/db.js';
import type { WatchRepository } from '../../store/watches.js';
import { allow } from '../access.js';
import { redactChannels, restoreChannels } from '../channel-secrets.js';
import { redactSources, restoreSources } from '../source-secrets.js';
import { watchId } from '../query.js';

/**
 * A watch as the API accepts it: the shared schema, no unknown fields, and replay files only as
 * relative paths inside the working directory (a key must not make workers read arbitrary files).
 */
export const WatchBody = Watch.strict().superRefine((watch, ctx) => {
  watch.sources.forEach((source, index) => {
    if (
      source.type === 'replay' &&
      (source.file.startsWith('/') || source.file.split(/[\\/]/).includes('..'))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['sources', index, 'file'],
        message: 'a relative path without ..',
      });
    }
  });
  // Refused here already when the address is literal; host names are checked when they resolve.
  for (const { path, url } of outboundUrls(watch)) {
    // Zod runs this even when a field failed its own check: an unreadable URL has its issue already.
    if (!URL.canParse(url)) {
      continue;
    }
    const refusal = urlRefusal(new URL(url), currentEgressPolicy());
    if (refusal) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `Earshot does not fetch from here: ${refusal} (see EGRESS_ALLOW)`,
      });
    }
  }
});

/** A watch as GET returns it can be sent back: the read-only `updatedAt` is dropped. */
function writable(body: unknown): Record<string, unknown> {
  const { updatedAt: _readOnly, ...rest } = (body ?? {}) as Record<string, unknown>;
  return rest;
}

export const WatchParams = z.object({ id: watchId }).strict();
export const ChannelParams = z
  .object({ id: watchId, channelId: z.string().min(1).max(100) })
  .strict();

/** How long a test notification may take before it counts as not delivered. */
const TEST_TIMEOUT_MS = 10_000;
/** Upcoming runs shown for a watch's schedule. */
const NEXT_RUNS = 5;

/** GET /watches/:id/schedule. */
export interface ScheduleBody {
  schedule: string;
  enabled: boolean;
  nextRuns: Date[];
}

/** POST /watches/:id/channels/:channelId/test: whether the channel took the test message. */
export interface ChannelTestBody {
  delivered: boolean;
  detail: string;
}

/** A watch as the API shows it: channel URLs and secrets, and source URLs' credentials, masked. */
const redacted = <T extends Watch>(watch: T): T => redactSources(redactChannels(watch));

/** A stored watch as the API shows it: `updatedAt` included, secrets masked. */
async function shown(watches: WatchRepository, id: string) {
  const watch = await watches.getStored(id);
  if (!watch) {
    throw new NotFoundError('watch', id);
  }
  return redacted(watch);
}

export function watchesRouter(store: Store): Router {
  const router = Router();
  const { watches } = store;
  router.get('/watches', allow('read'), async (_req, res) => {
    res.json({ items: (await watches.list()).map(redacted) });
  });
  router.get('/watches/:id', allow('read'), async (req, res) => {
    const { id } = WatchParams.parse(req.params);
    res.json(await shown(watches, id));
  });
  router.post('/watches', allow('watchesWrite'), async (req, res) => {
    const watch = WatchBody.parse(restoreChannels(writable(req.body), null));
    await watches.create(watch);
    res
      .status(201)
      .location(`/watches/${watch.id}`)
      .json(await shown(watches, watch.id));
  });
  router.put('/watches/:id', allow('watchesWrite'), async (req, res) => {
    const { id } = WatchParams.parse(req.params);
    const body = writable(req.body);
    if (body.id !== undefined && body.id !== id) {
      throw new InvalidInputError(`id: the body's id differs from the path's (${id})`);
    }
    const stored = await watches.get(id);
    const watch = WatchBody.parse(restoreChannels(restoreSources({ ...body, id }, stored), stored));
    if (!(await watches.replace(watch))) {
      throw new NotFoundError('watch', id);
    }
    res.json(await shown(watches, id));
  });
  router.get('/watches/:id/schedule', allow('read'), async (req, res) => {
    const { id } = WatchParams.parse(req.params);
    const watch = await watches.get(id);
    if (!watch) {
      throw new NotFoundError('watch', id);
    }
    const nextRuns = watch.enabled ? nextSlots(watch.schedule, new Date(), NEXT_RUNS) : [];
    res.json({ schedule: watch.schedule, enabled: watch.enabled, nextRuns } satisfies ScheduleBody);
  });
  // Sends a test message to one channel now and says whether it was accepted: a failure is the
  // answer, not an API error.
  router.post('/watches/:id/channels/:channelId/test', allow('watchesWrite'), async (req, res) => {
    const { id, channelId } = ChannelParams.parse(req.params);
    const watch = await watches.get(id);
    const channel = watch?.alerting?.channels.find((candidate) => candidate.id === channelId);
    if (!watch || !channel) {
      throw new NotFoundError('channel', `${id}/${channelId}`);
    }
    try {
      await deliver(channel, testAlert(watch.id, new Date()), 'new', TEST_TIMEOUT_MS);
      res.json({
        delivered: true,
        detail: `${channel.id} accepted the test notification`,
      } satisfies ChannelTestBody);
    } catch (error) {
      if (!(error instanceof NotifyDeliveryError) && !(error instanceof EgressRefusedError)) {
        throw error;
      }
      res.json({ delivered: false, detail: error.message } satisfies ChannelTestBody);
    }
  });
  router.delete('/watches/:id', allow('watchesWrite'), async (req, res) => {
    const { id } = WatchParams.parse(req.params);
    if (!(await watches.delete(id))) {
      throw new NotFoundError('watch', id);
    }
    res.status(204).end();
  });
  return router;
}
