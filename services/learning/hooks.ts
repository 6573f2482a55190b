import type { Logger } from '../../config/logger.js';
import type { Producer } from '../../jobs/producer.js';
import type { Store } from '../../store/db.js';
import { requestRescore } from './rescore.js';
import { retrainDue } from './retrain.js';

/**
 * What follows a change of corrections or of a watch's model; the API calls these. They never
 * throw: the correction is stored already, and a missed trigger is caught up by the scheduled run.
 */
export interface LearningHooks {
  corrected?: (watchId: string) => Promise<void>;
  /**
   * A watch's model was chosen by hand (rollback or forward): workers pick it up within their cache
   * time, and the watch's recent mentions are scored again with it (`rescoreDays` back).
   */
  modelChanged?: (watchId: string) => Promise<void>;
}

/**
 * After corrections change, a retrain is enqueued once `every` of them piled up since the latest
 * model. The job id carries the count, so asking twice for the same state enqueues one job. After
 * a switch of model, a re-score (none when `rescoreDays` is 0); its id carries the switch.
 */
export function learningHooks(
  store: Store,
  producer: Producer | undefined,
  every: number,
  log?: Logger,
  rescoreDays = 7,
): LearningHooks {
  return {
    corrected: async (watchId) => {
      try {
        if (!producer || !(await retrainDue(store, watchId, every))) {
          return;
        }
        const active = await store.corrections.active(watchId);
        await producer.enqueue('retrain', { watchId, marker: `count-${active.length}` });
      } catch (error) {
        log?.warn({ err: error, watchId }, 'retrain trigger failed; the scheduled run retrains');
      }
    },
    modelChanged: async (watchId) => {
      try {
        if (producer) {
          await requestRescore(store, producer, watchId, rescoreDays);
        }
      } catch (error) {
        log?.warn(
          { err: error, watchId },
          'rescore trigger failed; choose the model again to retry',
        );
      }
    },
  };
}
