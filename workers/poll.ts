import type { Job } from 'bullmq';
import { matchesLanguage, matchesWatch, passesExclusions } from '../analysis/match.js';
import { SourceQuotaError } from '../domain/errors.js';
import { NewMention } from '../domain/mention.js';
import { sourceKey, type Watch, type WatchSource } from '../domain/watch.js';
import type { PollJob } from '../jobs/catalogue.js';
import { connectorOf, type Connector, type FetchResult } from '../sources/types.js';
import type { StageDeps } from './deps.js';
import { enqueueWaiting, storeAnalysed, type Waiting } from '../services/intake.js';

export interface PollOutcome {
  pages: number;
  fetched: number;
  skipped: number;
  unmatched: number;
  otherLanguage: number;
  inserted: number;
  jobs: number;
}

/** A quota wait this short is slept through; a longer one becomes a delayed retry of the job. */
const SLEEP_THROUGH_MS = 2000;

async function takeQuota(deps: StageDeps, connector: Connector, source: WatchSource) {
  const key = connector.quotaKey?.(source) ?? source.type;
  for (;;) {
    const wait = await deps.quota.take(source.type, key);
    if (wait === 0) {
      return;
    }
    if (wait > SLEEP_THROUGH_MS) {
      throw new SourceQuotaError(key, wait);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** What of a page the watch keeps: valid mentions on its keywords, exclusions and languages. */
function keep(watch: Watch, connector: Connector, result: FetchResult, outcome: PollOutcome) {
  const kept: NewMention[] = [];
  for (const mention of result.mentions) {
    if (!NewMention.safeParse(mention).success) {
      result.skipped.push({ reason: `${mention.externalId}: not a valid mention` });
    } else if (!matchesLanguage(watch, mention.lang)) {
      outcome.otherLanguage += 1;
    } else if (
      connector.aboutTheWatch
        ? passesExclusions(watch, mention.text)
        : matchesWatch(watch, mention.text)
    ) {
      kept.push(mention);
    } else {
      outcome.unmatched += 1;
    }
  }
  return kept;
}

/**
 * Pages through a source from the stored cursor. Each page is analysed and stored; every
 * FLAG_BATCH_SIZE mentions (and at the end) the stored ones are handed to the flag stage, and only then
 * is the cursor advanced, so a poll killed at any point loses nothing and a repeated poll stores
 * nothing twice.
 */
export async function processPoll(job: Job<PollJob>, deps: StageDeps): Promise<PollOutcome> {
  const { watchId, sourceKey: key } = job.data;
  const log = deps.log.child({ jobId: job.id, watchId, sourceKey: key });
  const outcome: PollOutcome = {
    pages: 0,
    fetched: 0,
    skipped: 0,
    unmatched: 0,
    otherLanguage: 0,
    inserted: 0,
    jobs: 0,
  };
  const watch = await deps.store.watches.get(watchId);
  const source = watch?.sources.find((candidate) => sourceKey(candidate) === key);
  if (!watch?.enabled || !source) {
    log.info('watch or source no longer enabled; nothing to poll');
    return outcome;
  }
  const connector = connectorOf(deps.connectors, source.type);
  let cursor = await deps.store.cursors.get(watchId, key);
  let page: string | null = null;
  const waiting: Waiting = { pending: [], unanalyzed: [] };
  let nextCursor: string | null = null;
  const handOver = async () => {
    outcome.jobs += await enqueueWaiting(deps, watchId, waiting, deps.config.poll.flagBatch);
    waiting.pending = [];
    waiting.unanalyzed = [];
    if (nextCursor !== null) {
      await deps.store.cursors.set(watchId, key, nextCursor);
      nextCursor = null;
    }
  };
  do {
    await takeQuota(deps, connector, source);
    const result = await connector.fetchPage({
      watch,
      source,
      cursor,
      page,
      pageSize: deps.config.poll.pageSize,
    });
    const matched = keep(watch, connector, result, outcome);
    outcome.pages += 1;
    outcome.fetched += result.mentions.length;
    outcome.skipped += result.skipped.length;
    const stored = await storeAnalysed(deps, watch, matched);
    outcome.inserted += stored.inserted;
    waiting.pending.push(...stored.pending);
    waiting.unanalyzed.push(...stored.unanalyzed);
    if (result.cursor !== null) {
      nextCursor = result.cursor;
      cursor = result.cursor;
    }
    // Pages are handed on in flag batches (FLAG_BATCH_SIZE): larger batches, fewer store commands
    // per mention; a poll killed before a hand-over fetches those pages again.
    if (waiting.pending.length + waiting.unanalyzed.length >= deps.config.poll.flagBatch) {
      await handOver();
    }
    for (const skip of result.skipped) {
      log.warn({ reason: skip.reason }, 'skipped a malformed item');
    }
    page = result.nextPage;
  } while (page !== null && outcome.pages < deps.config.poll.maxPages);
  await handOver();
  log.info(outcome, 'poll finished');
  return outcome;
}
