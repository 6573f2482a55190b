import type { Job } from 'bullmq';
import { matchesWatch } from '../analysis/match.js';
import { sourceKey } from '../domain/watch.js';
import type { PollJob } from '../jobs/catalogue.js';
import type { StageDeps } from './deps.js';
import { storeAndEnqueue } from './intake.js';

export interface PollOutcome {
  pages: number;
  fetched: number;
  skipped: number;
  unmatched: number;
  inserted: number;
  analyzeJobs: number;
}

/**
 * Pages through a source from the stored cursor. Each page is stored, handed to the analyze stage,
 * and only then is the cursor advanced, so a poll killed at any point loses nothing and a
 * repeated poll stores nothing twice.
 */
export async function processPoll(job: Job<PollJob>, deps: StageDeps): Promise<PollOutcome> {
  const { watchId, sourceKey: key } = job.data;
  const log = deps.log.child({ jobId: job.id, watchId, sourceKey: key });
  const outcome: PollOutcome = {
    pages: 0,
    fetched: 0,
    skipped: 0,
    unmatched: 0,
    inserted: 0,
    analyzeJobs: 0,
  };
  const watch = await deps.store.watches.get(watchId);
  const source = watch?.sources.find((candidate) => sourceKey(candidate) === key);
  if (!watch?.enabled || !source) {
    log.info('watch or source no longer enabled; nothing to poll');
    return outcome;
  }
  const connector = deps.connectors[source.type];
  let cursor = await deps.store.cursors.get(watchId, key);
  let page: string | null = null;
  do {
    const result = await connector.fetchPage({
      watch,
      source,
      cursor,
      page,
      pageSize: deps.config.poll.pageSize,
    });
    const matched = result.mentions.filter((mention) => matchesWatch(watch, mention.text));
    outcome.pages += 1;
    outcome.fetched += result.mentions.length;
    outcome.skipped += result.skipped.length;
    outcome.unmatched += result.mentions.length - matched.length;
    const stored = await storeAndEnqueue(deps, watchId, source.type, matched);
    outcome.inserted += stored.inserted;
    outcome.analyzeJobs += stored.analyzeJobs;
    if (result.cursor !== null) {
      await deps.store.cursors.set(watchId, key, result.cursor);
      cursor = result.cursor;
    }
    for (const skip of result.skipped) {
      log.warn({ reason: skip.reason }, 'skipped a malformed item');
    }
    page = result.nextPage;
  } while (page !== null && outcome.pages < deps.config.poll.maxPages);
  log.info(outcome, 'poll finished');
  return outcome;
}
