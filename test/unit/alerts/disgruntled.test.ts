import { describe, expect, it } from 'vitest';
import { assessDisgruntled, isLateNegative } from '../../../analysis/alerts/disgruntled.js';
import { NOW, SETTINGS, hoursBefore, mentionOf, profile, recent } from './fixtures.js';

const ANGRY = {
  label: 'negative',
  score: -0.84,
  confidence: 0.87,
  intents: ['complaint'],
} as const;

describe('assessDisgruntled', () => {
  it('does not alert on a single mildly negative remark from a small account', () => {
    const entry = recent('negative', -0.33, NOW);
    const mention = mentionOf(entry, {
      label: 'negative',
      score: -0.33,
      confidence: 0.49,
      intents: ['complaint'],
      followers: 120,
    });
    expect(assessDisgruntled(profile([entry]), mention, SETTINGS)).toBeNull();
  });

  it('ignores mentions that are not negative', () => {
    const entry = recent('positive', 0.9, NOW);
    expect(
      assessDisgruntled(
        profile([entry]),
        mentionOf(entry, { label: 'positive', score: 0.9 }),
        SETTINGS,
      ),
    ).toBeNull();
  });

  it('adds the named factors up to the score, by the documented formulas', () => {
    const earlier = [
      recent('negative', -0.8, hoursBefore(5)),
      recent('negative', -0.8, hoursBefore(2)),
    ];
    const entry = recent('negative', -0.84, NOW);
    const decision = assessDisgruntled(
      profile([...earlier, entry]),
      mentionOf(entry, { ...ANGRY, intents: ['complaint'], followers: 120 }),
      SETTINGS,
    );
    expect(decision?.factors).toEqual({
      negativity: 2.92, // 4 × 0.84 × 0.87
      complaint: 0.5,
      churn: 0,
      repetition: 4, // 2 × two earlier negatives in 24 h
      reach: 0.08, // log10(121 / 100)
      engagement: 0,
      escalation: 0.12, // 3 × (-0.80 − -0.84)
      unanswered: 0.1, // 0.5 per day × 5 h
    });
    expect(decision?.score).toBe(7.72);
    expect(decision?.severity).toBe('high');
    expect(decision?.reason).toMatch(/^repeated within the window \+4; negative tone \+2.92/);
  });

  it('flags three angry posts in a day high, and rises with each', () => {
    const entries = [
      recent('negative', -0.84, hoursBefore(10)),
      recent('negative', -0.84, hoursBefore(5)),
      recent('negative', -0.84, NOW),
    ];
    const severities = entries.map(
      (entry, k) =>
        assessDisgruntled(profile(entries.slice(0, k + 1)), mentionOf(entry, ANGRY), SETTINGS)
          ?.severity ?? null,
    );
    expect(severities).toEqual([null, 'medium', 'high']);
  });

  it('does not count negatives outside the repetition window', () => {
    const old = [
      recent('negative', -0.84, hoursBefore(30)),
      recent('negative', -0.84, hoursBefore(26)),
    ];
    const entry = recent('negative', -0.84, NOW);
    const decision = assessDisgruntled(profile([...old, entry]), mentionOf(entry, ANGRY), SETTINGS);
    expect(decision?.factors.repetition ?? 0).toBe(0);
  });

  it('flags one furious post with a large audience', () => {
    const entry = recent('negative', -0.86, NOW);
    const decision = assessDisgruntled(
      profile([entry]),
      mentionOf(entry, {
        label: 'negative',
        score: -0.86,
        confidence: 0.87,
        intents: ['complaint', 'churn_risk'],
        followers: 52_000,
      }),
      SETTINGS,
    );
    expect(decision?.factors.reach).toBe(2.72);
    expect(decision?.factors.churn).toBe(2);
    expect(decision?.severity).toBe('high');
  });

  it('caps reach, so a huge account alone does not make a mild remark critical', () => {
    const entry = recent('negative', -0.2, NOW);
    const decision = assessDisgruntled(
      profile([entry]),
      mentionOf(entry, { label: 'negative', score: -0.2, confidence: 0.4, followers: 50_000_000 }),
      SETTINGS,
    );
    expect(decision).toBeNull();
  });

  it('scores escalation: getting more negative than the last week', () => {
    const mild = recent('negative', -0.33, hoursBefore(48));
    const entry = recent('negative', -0.84, NOW);
    const decision = assessDisgruntled(profile([mild, entry]), mentionOf(entry, ANGRY), SETTINGS);
    expect(decision?.factors.escalation).toBe(1.5); // 3 × 0.51, capped at 1.5
  });

  it('counts time unanswered since the first negative after the team last answered', () => {
    const first = recent('negative', -0.8, hoursBefore(72));
    const entry = recent('negative', -0.84, NOW);
    const never = assessDisgruntled(profile([first, entry]), mentionOf(entry, ANGRY), SETTINGS);
    expect(never?.factors.unanswered).toBe(1.5); // 3 days × 0.5
    const answered = assessDisgruntled(
      profile([first, entry], { answeredAt: hoursBefore(24) }),
      mentionOf(entry, ANGRY),
      SETTINGS,
    );
    expect(answered?.factors.unanswered).toBe(0);
  });

  it('follows the configured weights and thresholds', () => {
    const entry = recent('negative', -0.84, NOW);
    const mention = mentionOf(entry, ANGRY);
    expect(assessDisgruntled(profile([entry]), mention, SETTINGS)).toBeNull();
    const strict = assessDisgruntled(profile([entry]), mention, {
      ...SETTINGS,
      severityLow: 3,
      complaintPoints: 1,
    });
    expect(strict?.severity).toBe('low');
    expect(strict?.factors.complaint).toBe(1);
  });
});

describe('isLateNegative', () => {
  const late = recent('negative', -0.84, hoursBefore(5));
  const newest = recent('negative', -0.84, NOW);

  it('holds for a negative mention older than the author’s latest, within the window', () => {
    expect(isLateNegative(profile([late, newest]), mentionOf(late, ANGRY), SETTINGS)).toBe(true);
  });

  it('does not hold for the latest mention, a non-negative one, or one outside the window', () => {
    expect(isLateNegative(profile([late, newest]), mentionOf(newest, ANGRY), SETTINGS)).toBe(false);
    const praise = recent('positive', 0.9, hoursBefore(5));
    expect(
      isLateNegative(
        profile([praise, newest]),
        mentionOf(praise, { label: 'positive', score: 0.9 }),
        SETTINGS,
      ),
    ).toBe(false);
    const old = recent('negative', -0.84, hoursBefore(SETTINGS.repeatWindowHours + 1));
    expect(isLateNegative(profile([old, newest]), mentionOf(old, ANGRY), SETTINGS)).toBe(false);
  });
});
