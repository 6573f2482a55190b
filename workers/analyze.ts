import type { Job } from 'bullmq';
import { analyze } from '../analysis/analyze.js';
import type { AnalyzeOptions } from '../analysis/types.js';
import type { AnalyzeJob } from '../jobs/catalogue.js';
import type { StageDeps } from './deps.js';

/** Scores the batch's mentions not scored yet, then hands the whole batch to the flag stage. */
export async function processAnalyze(
  job: Job<AnalyzeJob>,
  deps: StageDeps,
): Promise<{ analyzed: number }> {
  const { watchId, mentionIds } = job.data;
  const mentions = await deps.store.mentions.findUnanalyzed(mentionIds);
  // One options object per job and star rating: the analyzer caches its per-watch tables by identity.
  const base: AnalyzeOptions = (await deps.store.watches.get(watchId))?.analysis ?? {};
  const rated = new Map<number, AnalyzeOptions>();
  const optionsFor = (rating: number | null | undefined): AnalyzeOptions => {
    if (rating === null || rating === undefined) {
      return base;
    }
    const options = rated.get(rating) ?? { ...base, starRating: rating };
    rated.set(rating, options);
    return options;
  };
  await deps.store.mentions.saveAnalyses(
    mentions.map((mention) => ({
      id: mention.id,
      analysis: analyze(mention.text, optionsFor(mention.rating)),
    })),
  );
  // Always all ids: a retry after a crash between save and enqueue must still reach the flag stage.
  await deps.producer.enqueue('flag', { watchId, mentionIds });
  deps.log.debug({ jobId: job.id, watchId, analyzed: mentions.length }, 'analyze finished');
  return { analyzed: mentions.length };
}
