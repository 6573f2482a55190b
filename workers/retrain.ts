import type { Job } from 'bullmq';
import type { RetrainJob } from '../jobs/catalogue.js';
import { retrainWatch } from '../services/learning/retrain.js';
import type { StageDeps } from './deps.js';

/** Retrains one watch's model; a run over the same corrections as the latest model stores nothing. */
export async function processRetrain(job: Job<RetrainJob>, deps: StageDeps) {
  const { watchId } = job.data;
  const outcome = await retrainWatch(deps.store, watchId, new Date());
  deps.log.info(
    {
      jobId: job.id,
      watchId,
      trained: outcome.trained,
      promoted: outcome.promoted,
      version: outcome.model?.version ?? null,
      gain: outcome.model?.gain ?? null,
    },
    'retrain finished',
  );
  return { trained: outcome.trained, promoted: outcome.promoted };
}
