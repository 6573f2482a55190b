import type { AlertType, Severity } from '../../domain/alert.js';
import type { MentionAnalysis, SentimentLabel, SourceName } from '../../domain/mention.js';
import type { TestRig } from './env.js';
import { authorSubject } from '../../domain/alert.js';
import { AlertService } from '../../services/alerts/service.js';

let sequence = 0;

export interface SeedMention {
  authorId: string;
  text?: string;
  at?: Date;
  source?: SourceName;
  watchId?: string;
  label?: SentimentLabel;
  intents?: MentionAnalysis['intents'];
  followers?: number;
}

/** Stores one analysed mention as the pipeline would, and returns it. */
export async function seedMention(rig: TestRig, seed: SeedMention) {
  sequence += 1;
  const label = seed.label ?? 'negative';
  const externalId = `seed-${sequence}-${Math.random().toString(36).slice(2)}`;
  await rig.store.mentions.insertNew([
    {
      watchId: seed.watchId ?? 'acme',
      source: seed.source ?? 'replay',
      externalId,
      url: `https://replay.test/${seed.authorId}/${externalId}`,
      text: seed.text ?? `Acme broke again, says ${seed.authorId}`,
      author: {
        id: seed.authorId,
        handle: seed.authorId,
        name: null,
        followers: seed.followers ?? 10,
      },
      createdAt: seed.at ?? new Date(),
      engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
      lang: 'en',
      rating: null,
    },
  ]);
  const stored = await rig.db.collection('mentions').findOne({ externalId });
  const id = stored!._id.toHexString();
  const analysis: MentionAnalysis = {
    label,
    score: label === 'negative' ? -0.9 : label === 'positive' ? 0.8 : 0,
    confidence: 0.9,
    intents: seed.intents ?? (label === 'negative' ? ['complaint'] : []),
    evidence: [],
  };
  await rig.store.mentions.saveAnalyses([{ id, analysis }]);
  const [mention] = await rig.store.mentions.findByIds([id]);
  return mention!;
}

/** Raises an alert from one new mention by this author; returns the alert's id. */
export async function seedAlert(
  rig: TestRig,
  seed: SeedMention & { type?: AlertType; severity?: Severity },
): Promise<string> {
  const mention = await seedMention(rig, seed);
  await new AlertService(rig.store).apply(
    [
      {
        kind: 'raise',
        decision: {
          type: seed.type ?? 'disgruntled_customer',
          severity: seed.severity ?? 'medium',
          score: 1,
          reason: `seeded alert for ${seed.authorId}`,
          factors: { seeded: 1 },
        },
        subject: authorSubject(mention),
        mentions: [mention],
      },
    ],
    0,
  );
  const [alert] = await rig.store.alerts.triage.search(
    { authorId: seed.authorId, source: mention.source },
    'newest',
    1,
    null,
  );
  return alert!.id;
}
