import type { Alert } from '../../domain/alert.js';
import { versionName, type Correction, type CorrectionOrigin } from '../../domain/correction.js';
import { NotFoundError } from '../../domain/errors.js';
import { scoredBy, type Mention, type SentimentLabel } from '../../domain/mention.js';
import type { Store } from '../../store/db.js';

/** The dismissal reason that says a complaint alert's evidence was not negative. */
export const NOT_A_COMPLAINT = 'not a complaint';

/** Who corrected a mention to what, when, and from where. */
export interface CorrectionRequest {
  to: SentimentLabel;
  by: string;
  at: Date;
  origin: CorrectionOrigin;
}

/**
 * The correction of a mention. `analysisVersion` is the model that scored it, as its analysis
 * records it, not the watch's model now: a mention scored before a retrain or a rollback was scored
 * by the one before. Only a mention not analysed yet takes `watchModel` (the one that will score it).
 */
export function correctionFor(
  mention: Mention,
  request: CorrectionRequest,
  watchModel: string,
): Omit<Correction, 'id'> {
  return {
    watchId: mention.watchId,
    mentionId: mention.id,
    text: mention.text,
    rating: mention.rating,
    from: mention.analysis?.label ?? null,
    to: request.to,
    by: request.by,
    at: request.at,
    analysisVersion: mention.analysis ? scoredBy(mention.analysis) : watchModel,
    origin: request.origin,
    undoneAt: null,
    undoneBy: null,
  };
}

async function correctionOf(
  store: Store,
  mention: Mention,
  request: CorrectionRequest,
): Promise<Correction> {
  // The store is asked only for a mention no model has scored yet; otherwise the name is unused.
  const watchModel = mention.analysis
    ? 'shipped'
    : versionName((await store.models.currentOf(mention.watchId))?.version ?? null);
  return store.corrections.record(correctionFor(mention, request, watchModel));
}

/** Records that a person labelled this mention `to`. */
export async function correctMention(
  store: Store,
  mentionId: string,
  to: SentimentLabel,
  by: string,
  at: Date,
): Promise<Correction> {
  const [mention] = await store.mentions.findByIds([mentionId]);
  if (!mention) {
    throw new NotFoundError('mention', mentionId);
  }
  return correctionOf(store, mention, { to, by, at, origin: 'mention' });
}

/**
 * A complaint alert dismissed as "not a complaint": its evidence mentions the analyzer called
 * negative are corrected to neutral. Returns the corrections made.
 */
export async function correctDismissedComplaint(
  store: Store,
  alert: Alert,
  by: string,
  at: Date,
): Promise<Correction[]> {
  if (alert.type !== 'disgruntled_customer') {
    return [];
  }
  const mentions = await store.mentions.findByIds(alert.evidence.map((entry) => entry.mentionId));
  const made: Correction[] = [];
  for (const mention of mentions.filter((entry) => entry.analysis?.label === 'negative')) {
    made.push(
      await correctionOf(store, mention, { to: 'neutral', by, at, origin: 'alert_dismissal' }),
    );
  }
  return made;
}

/** Undoes a correction; a NotFoundError when there is none by that id (or it was undone). */
export async function undoCorrection(
  store: Store,
  id: string,
  by: string,
  at: Date,
): Promise<Correction> {
  if (!(await store.corrections.undo(id, by, at))) {
    throw new NotFoundError('active correction', id);
  }
  return (await store.corrections.get(id)) as Correction;
}
