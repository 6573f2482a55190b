import { z } from 'zod';
import { SENTIMENT_LABELS, type SentimentLabel } from './mention.js';

export const CorrectionLabel = z.enum(SENTIMENT_LABELS);

/** Where a correction came from: a person relabelling a mention, or a dismissed complaint alert. */
export type CorrectionOrigin = 'mention' | 'alert_dismissal';

/** A label a person gave a mention, against what the analyzer said. */
export interface Correction {
  id: string;
  watchId: string;
  mentionId: string;
  /** The mention's text and star rating, kept so the model can be retrained from this alone. */
  text: string;
  rating: number | null;
  /** The analyzer's label at the time (null when the mention was not analysed yet). */
  from: SentimentLabel | null;
  to: SentimentLabel;
  /** The API key's name, and when. */
  by: string;
  at: Date;
  /** The model that scored the mention (its analysis records it): "shipped" or "v3". */
  analysisVersion: string;
  origin: CorrectionOrigin;
  undoneAt: Date | null;
  undoneBy: string | null;
}

/** A stored model version of a watch, without its weights. */
export interface WatchModelInfo {
  watchId: string;
  version: number;
  createdAt: Date;
  /** How many corrections it learned from. */
  corrections: number;
  /** Out-of-fold macro-F1 on those corrections, shipped and adapted, and the difference. */
  cv: { folds: number; shipped: number; adapted: number; denseL2?: number };
  gain: number;
  seed: number;
  /** A digest of the corrections it learned from: retraining on the same ones is skipped. */
  fingerprint: string;
}

/** Which model a watch scores with: a version, or null for the shipped analyzer alone. */
export interface CurrentModel {
  watchId: string;
  version: number | null;
  setBy: string;
  setAt: Date;
}

export function versionName(version: number | null): string {
  return version === null ? 'shipped' : `v${version}`;
}

/** A learned model as stored: the non-zero n-gram weights only, as base64 typed arrays. */
export interface EncodedAdaptation {
  corrections: number;
  cv: { folds: number; shipped: number; adapted: number; denseL2?: number };
  gain: number;
  seed: number;
  bias: number[];
  dense: number[];
  /** Indices into the flattened n-gram weights (Int32, base64) and their values (Float32). */
  slots: string;
  values: string;
}
