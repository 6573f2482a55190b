import { shapeClauses, type ClauseShape } from './clauses.js';
import { adjustForContext } from './context.js';
import type { PhraseMatch } from './phrases.js';
import { scoreEmoji, scorePhrase, scoreWord, type Scene } from './score-tokens.js';
import { BASE_PHRASES, type WatchTerms } from './terms.js';
import type { Token } from './tokenize.js';
import type { Contribution, RuleResult } from './types.js';

/** Each "!" (up to four) adds 7% to the total, as emphasis. */
const EXCLAIM_STEP = 0.07;

function findPhrases(tokens: readonly Token[], terms: WatchTerms): PhraseMatch[] {
  const base = BASE_PHRASES.find(tokens);
  const custom = terms.phrases?.find(tokens) ?? [];
  // Most watches have no phrases of their own: the base matches are already in text order.
  if (custom.length === 0) {
    return base;
  }
  const kept = base.filter((match) =>
    custom.every((own) => match.end <= own.start || match.start >= own.end),
  );
  return [...custom, ...kept].sort((a, b) => a.start - b.start);
}

function collect(scene: Scene, matches: readonly PhraseMatch[]): Contribution[] {
  const contributions: Contribution[] = [];
  const phraseAt =
    matches.length === 0 ? undefined : new Map(matches.map((match) => [match.start, match]));
  for (let index = 0; index < scene.tokens.length; index += 1) {
    const match = phraseAt?.get(index);
    if (match !== undefined) {
      contributions.push(scorePhrase(scene, match));
      index = match.end - 1;
      continue;
    }
    const kind = scene.tokens[index]?.kind;
    const found =
      kind === 'word'
        ? scoreWord(scene, index)
        : kind === 'emoji' || kind === 'emoticon'
          ? scoreEmoji(scene, index)
          : undefined;
    if (found !== undefined) {
      contributions.push(found);
    }
  }
  return contributions;
}

function summarise(
  contributions: Contribution[],
  shape: ClauseShape,
  sarcasm: boolean,
): RuleResult {
  const result: RuleResult = {
    contributions,
    total: 0,
    positive: 0,
    negative: 0,
    complaint: 0,
    praise: 0,
    negated: 0,
    exclaims: shape.exclaims,
    question: shape.question,
    sarcasm,
    diminished: false,
    intents: new Set(),
  };
  for (const entry of contributions) {
    result.total += entry.value;
    result.positive += Math.max(entry.value, 0);
    result.negative += Math.min(entry.value, 0);
    if (entry.source === 'phrase') {
      result.complaint += Math.min(entry.value, 0);
      result.praise += Math.max(entry.value, 0);
    }
    result.negated += entry.notes.some((note) => note.startsWith('negated')) ? 1 : 0;
    result.diminished ||= entry.notes.some(
      (note) => note.startsWith('diminished') || note.startsWith('softened'),
    );
    entry.intents.forEach((intent) => result.intents.add(intent));
  }
  result.total *= 1 + EXCLAIM_STEP * result.exclaims;
  return result;
}

/** Scores a tokenised text with the lexicons and rules; every step is kept as a contribution. */
export function scoreRules(
  tokens: readonly Token[],
  terms: WatchTerms,
  starRating?: number,
): RuleResult {
  const scene: Scene = {
    tokens,
    shape: shapeClauses(tokens),
    terms,
  };
  const found = collect(scene, findPhrases(tokens, terms));
  const { contributions, sarcasm } = adjustForContext(found, tokens, starRating);
  return summarise(contributions, scene.shape, sarcasm);
}
