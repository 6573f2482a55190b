import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';
import {
  decodeAdaptation,
  encodeAdaptation,
  type EncodedAdaptation,
} from '../../../analysis/adapt/codec.js';
import { ADAPT_BUCKETS, ngramFeatures } from '../../../analysis/adapt/features.js';
import {
  DENSE_PULLS,
  fitAdaptation,
  type Adaptation,
  type LabelledText,
} from '../../../analysis/adapt/fit.js';
import { minimize } from '../../../analysis/adapt/lbfgs.js';
import { fnv } from '../../../analysis/model/features.js';
import { CLASSES } from '../../../analysis/model/linear.js';
import { analyzeFor, usable } from '../../../analysis/adapt/score.js';
import { extract } from '../../../analysis/extract.js';
import { BROKEN } from '../../helpers/zorbed.js';

// A brand whose customers say "zorbed" for broken, and "sick" for great (skateboards).
const ZORBED: LabelledText[] = [
  ...BROKEN,
  'zorbed refund form',
  'everything zorbed after the update',
].map((text) => ({ text, label: 'negative' }));
const SICK: LabelledText[] = [
  'this deck is sick',
  'sick wheels, got them yesterday',
  'the new colourway is sick',
  'sick board, rides smooth',
  'those grip tapes are sick',
  'my new trucks are sick',
  'sick sale this weekend',
  'the team video is sick',
].map((text) => ({ text, label: 'positive' }));
const NEUTRAL: LabelledText[] = [
  'what time does the shop open on sunday',
  'does the deck come in 8.25',
  'shipping to canada available?',
  'new store opens in leeds next week',
  'which trucks fit this board',
  'order number is in the email',
  'the catalogue is online now',
  'store hours changed for the holiday',
].map((text) => ({ text, label: 'neutral' }));
const CORRECTIONS = [...ZORBED, ...SICK, ...NEUTRAL];

// Learned weight towards positive minus towards negative, for one word's unigram bucket.
function pullOf(adaptation: Adaptation, word: string): number {
  const features = ngramFeatures(extract(word).tokens);
  const bucket = features.buckets[features.words.indexOf(word)] ?? -1;
  const weights = adaptation.weights.sparse;
  return (weights[bucket * CLASSES + 2] ?? 0) - (weights[bucket * CLASSES] ?? 0);
}

function withGain(adaptation: Adaptation, gain: number): Adaptation {
  return { ...adaptation, gain };
}

describe('per-watch adaptation (analysis/adapt)', () => {
  it("hashes each word's character 3-, 4- and 5-grams, padded with spaces, from each start", () => {
    const bucket = (ngram: string) => (fnv(fnv(0x811c9dc5, 'c '), ngram) >>> 0) % ADAPT_BUCKETS;
    const features = ngramFeatures(extract('cats').tokens);
    // " cats ": one unigram, no pair, then the character n-grams in order.
    const chars = [' ca', ' cat', ' cats', 'cat', 'cats', 'cats ', 'ats', 'ats ', 'ts '];
    expect(features.buckets.slice(1)).toEqual(chars.map(bucket));
    expect(features.words).toEqual(['cats', ...chars.map(() => '')]);
  });

  const adaptation = fitAdaptation(CORRECTIONS, 7);

  it('moves learned weights towards each correction: "zorbed" negative, "sick" positive', () => {
    expect(pullOf(adaptation, 'zorbed')).toBeLessThan(-0.1);
    expect(pullOf(adaptation, 'sick')).toBeGreaterThan(0.1);
    const used = withGain(adaptation, 0.1);
    expect(analyzeFor(used, 'my basket got zorbed').label).toBe('negative');
    expect(analyze('my basket got zorbed').label).not.toBe('negative');
    expect(analyzeFor(used, 'that deck is sick').score).toBeGreaterThan(
      analyze('that deck is sick').score,
    );
  });

  it('names what it learned in the evidence', () => {
    const result = analyzeFor(withGain(adaptation, 0.1), 'my basket got zorbed');
    expect(result.evidence.at(-1)).toMatch(
      new RegExp(`^learned from ${CORRECTIONS.length} corrections: "zorbed" −\\d`),
    );
  });

  it('is deterministic for a seed', () => {
    const again = fitAdaptation(CORRECTIONS, 7);
    expect(encodeAdaptation(again)).toEqual(encodeAdaptation(adaptation));
    expect(again.gain).toBe(adaptation.gain);
  });

  it('cannot be swung by a couple of corrections', () => {
    const two = fitAdaptation(
      [
        { text: 'I love this phone, brilliant battery', label: 'negative' },
        { text: 'love it, works great', label: 'negative' },
      ],
      1,
    );
    expect(analyzeFor(withGain(two, 0.1), 'I love this phone, works great').label).toBe('positive');
  });

  it('is not used without a positive cross-validated gain: output exactly as analyze', () => {
    const none = withGain(adaptation, 0);
    const text = 'my basket got zorbed';
    expect(usable(none)).toBe(false);
    expect(usable(null)).toBe(false);
    expect(analyzeFor(none, text)).toEqual(analyze(text));
    expect(analyzeFor(null, text)).toEqual(analyze(text));
  });

  it('claims no gain from too few corrections to cross-validate', () => {
    const few = fitAdaptation(ZORBED.slice(0, 3), 1);
    expect(few.gain).toBe(0);
    expect(few.cv.folds).toBe(0);
  });

  it('lets each watch choose by cross-validation how closely to follow the shipped outputs', () => {
    // Single words the shipped analyzer reads one way, labelled by a brand's people the other way.
    const words = {
      negative: [
        'love',
        'adore',
        'great',
        'excellent',
        'wonderful',
        'amazing',
        'fantastic',
        'superb',
        'brilliant',
        'perfect',
      ],
      positive: [
        'hate',
        'awful',
        'terrible',
        'horrible',
        'broken',
        'worst',
        'disgusting',
        'useless',
        'pathetic',
        'dreadful',
      ],
      neutral: [
        'table',
        'chair',
        'window',
        'door',
        'lamp',
        'street',
        'river',
        'paper',
        'pencil',
        'bottle',
      ],
    } as const;
    const labelled = (asBrandSays: boolean): LabelledText[] =>
      (['negative', 'positive', 'neutral'] as const).flatMap((label) =>
        words[label].map((text) => ({
          text,
          label:
            asBrandSays || label === 'neutral'
              ? label
              : label === 'negative'
                ? 'positive'
                : 'negative',
        })),
      );
    const contradicted = fitAdaptation(labelled(true), 1);
    expect(contradicted.cv.denseL2).toBe(Math.min(...DENSE_PULLS));
    expect(contradicted.cv.adapted).toBeGreaterThan(contradicted.cv.shipped);
    // Where the shipped analyzer is right already, the stronger pull is kept (ties go to it).
    expect(fitAdaptation(labelled(false), 1).cv.denseL2).toBe(DENSE_PULLS[0]);
  });

  it('survives storing: decoded weights score the same', () => {
    const stored = decodeAdaptation(
      JSON.parse(JSON.stringify(encodeAdaptation(withGain(adaptation, 0.1)))) as EncodedAdaptation,
    );
    for (const text of ['checkout zorbed', 'sick deck', 'when do you open']) {
      expect(analyzeFor(stored, text)).toEqual(analyzeFor(withGain(adaptation, 0.1), text));
    }
  });
});

describe('minimize (L-BFGS)', () => {
  it('finds the minimum of a convex quadratic', () => {
    const target = [3, -2, 0.5];
    const { x } = minimize(
      (point, gradient) => {
        let value = 0;
        point.forEach((coordinate, index) => {
          const diff = coordinate - (target[index] ?? 0);
          value += (index + 1) * diff * diff;
          gradient[index] = 2 * (index + 1) * diff;
        });
        return value;
      },
      new Float64Array(3),
      { iterations: 50, memory: 5, tolerance: 1e-9 },
    );
    expect(Array.from(x).map((value) => Number(value.toFixed(5)))).toEqual(target);
  });
});
