import type { FeaturePull } from './model/linear.js';
import type { Contribution } from './types.js';

const MAX_RULE_EVIDENCE = 5;

function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}`;
}

/** `"on hold for 2 hours" (-3.5, phrase)`: the word or phrase, its weight and what changed it. */
function describe(entry: Contribution): string {
  const notes = entry.notes.length > 0 ? `, ${entry.notes.join(', ')}` : '';
  return `"${entry.label}" (${signed(entry.value)}${notes})`;
}

/**
 * The rule contributions that moved the score most, strongest first (ties in text order): kept
 * sorted by hand as they come, since this runs for every mention and most have a few.
 */
export function ruleEvidence(contributions: readonly Contribution[]): string[] {
  const top: Contribution[] = [];
  for (const entry of contributions) {
    const strength = Math.abs(entry.value);
    if (!(strength >= 0.05)) {
      continue;
    }
    // After every one at least as strong: an earlier contribution wins a tie.
    let at = top.length;
    while (at > 0 && Math.abs((top[at - 1] as Contribution).value) < strength) {
      at -= 1;
    }
    if (at < MAX_RULE_EVIDENCE) {
      top.splice(at, 0, entry);
      top.length = Math.min(top.length, MAX_RULE_EVIDENCE);
    }
  }
  return top.map(describe);
}

/** The words the model leaned on towards the chosen label ("model: refund (-0.3)"). */
export function modelEvidence(
  pulls: readonly FeaturePull[],
  nameOf: (origin: number) => string,
): string[] {
  const names = pulls.map((entry) => `model: ${nameOf(entry.origin)} (${signed(entry.pull)})`);
  return [...new Set(names)];
}
