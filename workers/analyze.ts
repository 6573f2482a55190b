import type { Job } from 'bullmq';
import { analyzeBatch } from '../analysis/batch.js';
import type { AnalyzeJob } from '../jobs/catalogue.js';
import { watchModelsOf } from '../services/learning/models.js';
import type { StageDeps } from './deps.js';

/**
 * Scores stored mentions that were not analysed before they were stored (intake analyses new
 * mentions itself; this stage serves the sweeper and mentions stored by earlier versions), then
 * hands the whole batch to the flag stage.
 */
export async function processAnalyze(
  job: Job<AnalyzeJob>,
  deps: StageDeps,
): Promise<{ analyzed: number }> {
  const { watchId, mentionIds } = job.data;
  const mentions = await deps.store.mentions.findUnanalyzed(mentionIds);
  const base = (await deps.store.watches.get(watchId))?.analysis ?? {};
  // The watch's learned model when it has one with a positive gain, else the shipped analyzer.
  const analyses = analyzeBatch(mentions, base, await watchModelsOf(deps.store).scorer(watchId));
  await deps.store.mentions.saveAnalyses(
    mentions.map((mention, index) => ({ id: mention.id, analysis: analyses[index]! })),
  );
  // Always all ids: a retry after a crash between save and enqueue must still reach the flag stage.
  await deps.producer.enqueue('flag', { watchId, mentionIds });
  deps.log.debug({ jobId: job.id, watchId, analyzed: mentions.length }, 'analyze finished');
  return { analyzed: mentions.length };
}
