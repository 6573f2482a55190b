import type { Job } from 'bullmq';
import { DAY_MS } from '../domain/time.js';
import type { RetrainJob } from '../jobs/catalogue.js';
import { requestRescore } from '../services/learning/rescore.js';
import { RETRAINED_BY, retrainWatch } from '../services/learning/retrain.js';
import type { StageDeps } from './deps.js';

/**
 * Retrains one watch's model; a run over the same corrections as the latest model stores nothing.
 * A switch to a new version is followed by a re-score of the watch's recent mentions. It is asked
 * for whenever the watch's model was switched by a retrain within the last day, so a job retried
 * after a crash between the switch and the request still asks; the re-score's id carries the
 * switch, so asking again is one job.
 */
export async function processRetrain(job: Job<RetrainJob>, deps: StageDeps, now = new Date()) {
  const { watchId } = job.data;
  const outcome = await retrainWatch(deps.store, watchId, now);
  const current = await deps.store.models.currentOf(watchId);
  const switched =
    current?.setBy === RETRAINED_BY && now.getTime() - current.setAt.getTime() < DAY_MS;
  const rescore = switched
    ? await requestRescore(deps.store, deps.producer, watchId, deps.config.learning.rescoreDays)
    : null;
  deps.log.info(
    {
      jobId: job.id,
      watchId,
      trained: outcome.trained,
      promoted: outcome.promoted,
      version: outcome.model?.version ?? null,
      gain: outcome.model?.gain ?? null,
      rescore,
    },
    'retrain finished',
  );
  return { trained: outcome.trained, promoted: outcome.promoted, rescore };
}
