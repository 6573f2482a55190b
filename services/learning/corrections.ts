import type { Alert } from '../../domain/alert.js';
import { versionName, type Correction, type CorrectionOrigin } from '../../domain/correction.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Mention, SentimentLabel } from '../../domain/mention.js';
import type { Store } from '../../store/db.js';

/** The dismissal reason that says a complaint alert's evidence was not negative. */
export const NOT_A_COMPLAINT = 'not a complaint';

async function correctionOf(
  store: Store,
  mention: Mention,
  to: SentimentLabel,
  by: string,
  at: Date,
  origin: CorrectionOrigin,
): Promise<Correction> {
  const current = await store.models.currentOf(mention.watchId);
  return store.corrections.record({
    watchId: mention.watchId,
    mentionId: mention.id,
    text: mention.text,
    rating: mention.rating,
    from: mention.analysis?.label ?? null,
    to,
    by,
    at,
    analysisVersion: versionName(current?.version ?? null),
    origin,
    undoneAt: null,
    undoneBy: null,
  });
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
  return correctionOf(store, mention, to, by, at, 'mention');
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
    made.push(await correctionOf(store, mention, 'neutral', by, at, 'alert_dismissal'));
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
