import { createHash } from 'node:crypto';
import { encodeAdaptation } from '../../analysis/adapt/codec.js';
import { fitAdaptation, type LabelledText } from '../../analysis/adapt/fit.js';
import type { AnalyzeOptions } from '../../analysis/types.js';
import type { Correction, WatchModelInfo } from '../../domain/correction.js';
import type { Store } from '../../store/db.js';

/** The retraining job's settings. */
export interface RetrainSettings {
  /**
   * Retrain once this many corrections were added (or undone) since the latest model.
   * @defaultValue 20
   */
  every: number;
  /** @defaultValue 1 */
  seed: number;
}

export const RETRAIN_DEFAULTS: RetrainSettings = { every: 20, seed: 1 };

/** Who a watch's model pointer names when a retrain switched it. */
export const RETRAINED_BY = 'retrain';

export interface RetrainOutcome {
  model: WatchModelInfo | null;
  /** False when the latest model already learned from exactly these corrections. */
  trained: boolean;
  /** Whether the watch now scores with the new model (only when its gain is positive). */
  promoted: boolean;
}

/** A digest of the labels learned from: the same corrections give the same fingerprint. */
export function fingerprintOf(corrections: readonly Correction[]): string {
  const hash = createHash('sha256');
  for (const correction of corrections) {
    hash.update(`${correction.mentionId}\0${correction.to}\0${correction.text}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

function examplesOf(corrections: readonly Correction[], base: AnalyzeOptions): LabelledText[] {
  return corrections.map((correction) => ({
    text: correction.text,
    label: correction.to,
    options: correction.rating === null ? base : { ...base, starRating: correction.rating },
  }));
}

/**
 * Trains a new model version from the watch's active corrections and stores it with its
 * cross-validated gain; the watch switches to it only when that gain is positive. Idempotent: a
 * run over the same corrections as the latest version stores nothing.
 */
export async function retrainWatch(
  store: Store,
  watchId: string,
  now: Date,
  settings: RetrainSettings = RETRAIN_DEFAULTS,
): Promise<RetrainOutcome> {
  const corrections = await store.corrections.active(watchId);
  const fingerprint = fingerprintOf(corrections);
  const latest = await store.models.latest(watchId);
  if (corrections.length === 0 || latest?.fingerprint === fingerprint) {
    return { model: latest, trained: false, promoted: false };
  }
  const options = (await store.watches.get(watchId))?.analysis ?? {};
  const adaptation = fitAdaptation(examplesOf(corrections, options), settings.seed);
  const model = await store.models.add(
    {
      watchId,
      createdAt: now,
      corrections: adaptation.corrections,
      cv: adaptation.cv,
      gain: adaptation.gain,
      seed: adaptation.seed,
      fingerprint,
    },
    encodeAdaptation(adaptation),
  );
  const promoted = adaptation.gain > 0;
  if (promoted) {
    await store.models.setCurrent(watchId, model.version, RETRAINED_BY, now);
  }
  return { model, trained: true, promoted };
}

/** Whether enough has changed since the latest model to retrain now. */
export async function retrainDue(
  store: Store,
  watchId: string,
  every: number = RETRAIN_DEFAULTS.every,
): Promise<boolean> {
  const [corrections, latest] = await Promise.all([
    store.corrections.active(watchId),
    store.models.latest(watchId),
  ]);
  return Math.abs(corrections.length - (latest?.corrections ?? 0)) >= every;
}
