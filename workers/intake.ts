import type { NewMention } from '../domain/mention.js';
import type { Producer } from '../jobs/producer.js';
import type { Store } from '../store/db.js';

export interface IntakeOutcome {
  inserted: number;
  analyzeJobs: number;
}

/**
 * Stores mentions of one watch (a mention already stored is left as it is) and hands
 * every one not yet analysed to the analyze stage. Shared by the poll stage and the inbound
 * webhook; both may run twice over the same mentions without storing or analysing anything twice.
 */
export async function storeAndEnqueue(
  deps: { store: Store; producer: Producer },
  watchId: string,
  mentions: NewMention[],
): Promise<IntakeOutcome> {
  const { inserted, pending } = await deps.store.mentions.insertPending(mentions);
  const analyzeJobs = await deps.producer.enqueueBatches('analyze', watchId, pending);
  return { inserted, analyzeJobs };
}
