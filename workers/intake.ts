import { analyzeBatch } from '../analysis/batch.js';
import type { NewMention } from '../domain/mention.js';
import type { Watch } from '../domain/watch.js';
import type { Producer } from '../jobs/producer.js';
import type { Store } from '../store/db.js';

export interface IntakeOutcome {
  inserted: number;
  /** Flag jobs queued (and analyze jobs, for mentions an earlier version stored unanalysed). */
  jobs: number;
}

/**
 * Analyses mentions of one watch and stores them, each once and already scored (a mention already
 * stored is left as it is), then hands every one not yet flagged to the flag stage. Shared by the
 * poll stage and the inbound webhook; both may run twice over the same mentions without storing
 * or counting anything twice.
 */
export async function storeAndEnqueue(
  deps: { store: Store; producer: Producer },
  watch: Watch,
  mentions: NewMention[],
): Promise<IntakeOutcome> {
  const analyses = analyzeBatch(mentions, watch.analysis ?? {});
  const { inserted, pending, unanalyzed } = await deps.store.mentions.insertPending(
    mentions.map((mention, index) => ({ ...mention, analysis: analyses[index]! })),
  );
  const jobs =
    (await deps.producer.enqueueBatches('flag', watch.id, pending)) +
    (await deps.producer.enqueueBatches('analyze', watch.id, unanalyzed));
  return { inserted, jobs };
}
