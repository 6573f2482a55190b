import { analyzeBatch } from '../analysis/batch.js';
import { flagged, isAnalysed, type NewMention } from '../domain/mention.js';
import type { Watch } from '../domain/watch.js';
import type { Producer } from '../jobs/producer.js';
import type { Store } from '../store/db.js';
import { watchModelsOf } from './learning/models.js';

type IntakeDeps = { store: Store; producer: Producer };

/** Mention ids stored and waiting for a stage: the flag stage, or analysis (earlier versions' data). */
export interface Waiting {
  pending: string[];
  unanalyzed: string[];
}

export interface IntakeOutcome {
  inserted: number;
  /** Flag jobs queued (and analyze jobs, for mentions an earlier version stored unanalysed). */
  jobs: number;
}

/**
 * Analyses mentions of one watch and stores them, each once and already scored (a mention already
 * stored is left as it is). Returns what was inserted and what still waits for a stage: the new
 * mentions and those stored before but not flagged yet.
 */
export async function storeAnalysed(
  deps: IntakeDeps,
  watch: Watch,
  mentions: NewMention[],
): Promise<{ inserted: number } & Waiting> {
  const scorer = await watchModelsOf(deps.store).scorer(watch.id);
  const analyses = analyzeBatch(mentions, watch.analysis ?? {}, scorer);
  const { fresh, before } = await deps.store.mentions.insertOrFind(
    mentions.map((mention, index) => ({ ...mention, analysis: analyses[index]! })),
  );
  // Stored before and not through the flag stage yet: a poll run again after a crash.
  const counted = await deps.store.rollups.countedAmong(before.filter(isAnalysed));
  // By id: a mention twice in one batch is stored once and refused once.
  const waiting = [
    ...new Map(
      [...fresh, ...before.filter((m) => !flagged(m, counted))].map((m) => [m.id, m]),
    ).values(),
  ];
  return {
    inserted: fresh.length,
    pending: waiting.filter(isAnalysed).map((m) => m.id),
    unanalyzed: waiting.filter((m) => !isAnalysed(m)).map((m) => m.id),
  };
}

/** Hands stored mentions to the stage each needs next; job ids are deterministic. */
export async function enqueueWaiting(
  deps: IntakeDeps,
  watchId: string,
  waiting: Waiting,
  batchSize = 500,
): Promise<number> {
  return (
    (await deps.producer.enqueueBatches('flag', watchId, waiting.pending, batchSize)) +
    (await deps.producer.enqueueBatches('analyze', watchId, waiting.unanalyzed, batchSize))
  );
}

/**
 * Stores a batch and hands it on at once: the inbound webhook's intake. Running it twice over the
 * same mentions stores and counts nothing twice.
 */
export async function storeAndEnqueue(
  deps: IntakeDeps,
  watch: Watch,
  mentions: NewMention[],
): Promise<IntakeOutcome> {
  const stored = await storeAnalysed(deps, watch, mentions);
  return { inserted: stored.inserted, jobs: await enqueueWaiting(deps, watch.id, stored) };
}
