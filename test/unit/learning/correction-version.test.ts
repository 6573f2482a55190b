import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../domain/mention.js';
import { correctionFor } from '../../../services/learning/corrections.js';

const AT = new Date('2026-11-02T10:00:00Z');

function mention(analysis: Mention['analysis']): Mention {
  return {
    id: '0123456789abcdef01234567',
    watchId: 'acme',
    source: 'replay',
    externalId: 'x1',
    url: null,
    text: 'parcel zorbed again',
    author: { id: 'u1', handle: 'u1', name: null, followers: null },
    createdAt: AT,
    engagement: { likes: 0, replies: 0, shares: 0, score: 0 },
    lang: 'en',
    rating: null,
    ingestedAt: AT,
    analysis,
  };
}

const analysis = {
  label: 'neutral',
  score: 0,
  confidence: 0.6,
  intents: [],
  evidence: [],
} as const;
const request = { to: 'negative', by: 'pat', at: AT, origin: 'mention' } as const;

describe('correctionFor', () => {
  it('records the model that scored the mention, not the watch model of the moment', () => {
    const scoredByV2 = mention({
      ...analysis,
      intents: [],
      evidence: [],
      model: 'v2',
      analyzedAt: AT,
    });
    expect(correctionFor(scoredByV2, request, 'v3')).toMatchObject({
      from: 'neutral',
      to: 'negative',
      analysisVersion: 'v2',
    });
  });

  it('reads a mention stored before models were recorded as scored by the shipped analyzer', () => {
    const old = mention({ ...analysis, intents: [], evidence: [], analyzedAt: AT });
    expect(correctionFor(old, request, 'v3').analysisVersion).toBe('shipped');
  });

  it("takes the watch's model for a mention not analysed yet, the one that will score it", () => {
    expect(correctionFor(mention(null), request, 'v3')).toMatchObject({
      from: null,
      analysisVersion: 'v3',
    });
  });
});
