import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { versionName } from '../domain/correction.js';
import type { JobPayloads, QueueName } from './catalogue.js';

/** The custom backoff name; the strategy itself is registered on every worker (workers/backoff.ts). */
export const BACKOFF_TYPE = 'earshot';

/** Options of every job, set here once rather than at each `add`. */
export function jobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: BACKOFF_TYPE },
    // Completed jobs are kept a day so that a job id seen again within that day is not run twice.
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** Notifications retry on their own, shorter schedule: exponential from `backoffMs`. */
export function notifyJobOptions(attempts: number, backoffMs: number): JobsOptions {
  return {
    ...jobOptions(attempts),
    backoff: { type: 'exponential', delay: backoffMs },
  };
}

/**
 * How long a re-score waits after the switch it follows: longer than the workers' model cache
 * (MODEL_CACHE_MS, 60 s), so that mentions scored with the old model in that minute are among the
 * ones it scores again.
 */
export const RESCORE_DELAY_MS = 90_000;

export function rescoreJobOptions(attempts: number): JobsOptions {
  return { ...jobOptions(attempts), delay: RESCORE_DELAY_MS };
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 20);
}

/** Deterministic job ids: the same work asked for twice (two schedulers, a retry) is one job. */
export function jobId<Q extends QueueName>(queue: Q, data: JobPayloads[Q]): string {
  if (queue === 'poll') {
    const poll = data as JobPayloads['poll'];
    return `poll-${poll.watchId}-${digest(poll.sourceKey)}-${Date.parse(poll.slot)}`;
  }
  if (queue === 'notify') {
    // One delivery per alert, channel, event and severity: an escalation to a new severity is a
    // new message, the same one asked for twice is not.
    const note = data as JobPayloads['notify'];
    return `notify-${note.alertId}-${note.channelId}-${note.event}-${note.severity}`;
  }
  if (queue === 'retrain') {
    const retrain = data as JobPayloads['retrain'];
    return `retrain-${retrain.watchId}-${digest(retrain.marker)}`;
  }
  if (queue === 'rescore') {
    const rescore = data as JobPayloads['rescore'];
    const version = versionName(rescore.version);
    const round = rescore.round === undefined ? '' : `-r${rescore.round}`;
    return `rescore-${rescore.watchId}-${version}-${Date.parse(rescore.switchedAt)}${round}`;
  }
  const batch = data as JobPayloads['analyze'];
  return `${queue}-${batch.watchId}-${digest(batch.mentionIds.join(','))}`;
}
