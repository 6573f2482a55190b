import type { Job } from 'bullmq';
import { withOverrides } from '../domain/alert-settings.js';
import { HOUR_MS } from '../domain/time.js';
import type { RescoreJob } from '../jobs/catalogue.js';
import { AlertService } from '../services/alerts/service.js';
import { nextRound, rescoreWatch, type RescoreOutcome } from '../services/learning/rescore.js';
import type { StageDeps } from './deps.js';
import { assess } from './flag.js';
import { noticeWanted, notifyOutcomes } from './notify-enqueue.js';

/**
 * Scores a watch's recent mentions again after its model switched (RESCORE_DAYS back), with the
 * flag stage's alert rule and notices, and comes back in a later round for mentions that were still
 * in the flag stage. Safe to run twice or after a crash; a job of an older switch stops at its next
 * page.
 */
export async function processRescore(
  job: Job<RescoreJob>,
  deps: StageDeps,
  now: Date = new Date(),
): Promise<RescoreOutcome> {
  const watch = await deps.store.watches.get(job.data.watchId);
  const settings = withOverrides(deps.config.flag, watch?.alerting?.settings);
  const alerts = new AlertService(deps.store);
  const outcome = await rescoreWatch(
    {
      store: deps.store,
      options: watch?.analysis ?? {},
      settings,
      assess,
      raise: async (contributions) =>
        notifyOutcomes(
          deps,
          watch,
          await alerts.apply(contributions, settings.cooldownHours * HOUR_MS, {
            now,
            noticeWanted: noticeWanted(watch),
          }),
        ),
      days: deps.config.learning.rescoreDays,
      now,
    },
    job.data,
  );
  const next = nextRound(job.data, outcome);
  if (next) {
    await deps.producer.enqueue('rescore', next);
  }
  deps.log.info({ jobId: job.id, ...job.data, ...outcome, next: next?.round }, 'rescore finished');
  return outcome;
}
