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

/** The rule contributions that moved the score most, strongest first. */
export function ruleEvidence(contributions: readonly Contribution[]): string[] {
  if (contributions.length === 0) {
    return [];
  }
  return contributions
    .filter((entry) => Math.abs(entry.value) >= 0.05)
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => Math.abs(b.entry.value) - Math.abs(a.entry.value) || a.order - b.order)
    .slice(0, MAX_RULE_EVIDENCE)
    .map(({ entry }) => describe(entry));
}

/** The words the model leaned on towards the chosen label ("model: refund (-0.3)"). */
export function modelEvidence(
  pulls: readonly FeaturePull[],
  nameOf: (origin: number) => string,
): string[] {
  const names = pulls.map((entry) => `model: ${nameOf(entry.origin)} (${signed(entry.pull)})`);
  return [...new Set(names)];
}
