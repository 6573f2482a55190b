import type { Intent } from '../domain/mention.js';
import { shapeClauses, type ClauseShape } from './clauses.js';
import { emojiValence, emoticonValence } from './lexicon/emoji.js';
import { NEGATION_FACTOR } from './lexicon/modifiers.js';
import { LIKE_AS_VERB, WORD_VALENCE } from './lexicon/words.js';
import { capsAreEmphasis, degreeBefore, exclamations, negatorBefore } from './modifiers.js';
import type { PhraseMatch } from './phrases.js';
import { adjustForContext } from './context.js';
import { BASE_PHRASES, type WatchTerms } from './terms.js';
import type { Token } from './tokenize.js';
import type { Contribution, RuleResult } from './types.js';

const CAPS_FACTOR = 1.4;
const ELONGATION_FACTOR = 1.2;
const QUESTION_FACTOR = 0.5;
const EXCLAIM_STEP = 0.07;

interface Scene {
  tokens: readonly Token[];
  shape: ClauseShape;
  capsEmphasis: boolean;
  terms: WatchTerms;
}

function findPhrases(tokens: readonly Token[], terms: WatchTerms): PhraseMatch[] {
  const custom = terms.phrases?.find(tokens) ?? [];
  const base = BASE_PHRASES.find(tokens).filter((match) =>
    custom.every((own) => match.end <= own.start || match.start >= own.end),
  );
  return [...custom, ...base].sort((a, b) => a.start - b.start);
}

// Words used as something else: "kind of" is a softener, "like" mostly a preposition.
function isFalseFriend(scene: Scene, index: number, word: string): boolean {
  if (word === 'kind' || word === 'sort') {
    return scene.tokens[index + 1]?.text === 'of';
  }
  return word === 'like' && !LIKE_AS_VERB.has(scene.tokens[index - 1]?.text ?? '');
}

function lexiconValence(token: Token): number | undefined {
  const value = WORD_VALENCE.get(token.text);
  if (value !== undefined || !token.elongated) {
    return value;
  }
  // "sooo" was cut to "soo"; try "so" too.
  return WORD_VALENCE.get(token.text.replace(/(\p{L})\1/gu, '$1'));
}

function lookupWord(scene: Scene, index: number): { value: number; custom: boolean } | undefined {
  const token = scene.tokens[index];
  if (token === undefined || scene.terms.ignore.has(token.text)) {
    return undefined;
  }
  const custom = scene.terms.words.get(token.text);
  if (custom !== undefined) {
    return { value: custom, custom: true };
  }
  const value = lexiconValence(token);
  if (value === undefined || value === 0 || isFalseFriend(scene, index, token.text)) {
    return undefined;
  }
  return { value, custom: false };
}

// Clause weight ("but"), and the damping of praise asked about ("is it any good?").
function placeInText(scene: Scene, index: number, value: number, notes: string[]): number {
  const weight = scene.shape.weight?.[index] ?? 1;
  if (weight !== 1) {
    notes.push(weight > 1 ? 'after contrast' : 'before contrast');
  }
  const asked = value > 0 && scene.shape.inQuestion?.[index] === true;
  if (asked) {
    notes.push('in question');
  }
  return value * weight * (asked ? QUESTION_FACTOR : 1);
}

function scoreWord(scene: Scene, index: number): Contribution | undefined {
  const token = scene.tokens[index];
  const found = lookupWord(scene, index);
  if (token === undefined || found === undefined) {
    return undefined;
  }
  const notes: string[] = [];
  let value = found.value;
  const degree = degreeBefore(scene.tokens, index);
  if (degree !== undefined) {
    value *= degree.factor;
    notes.push(`${degree.factor > 1 ? 'strengthened' : 'softened'} by "${degree.word}"`);
  }
  if (token.allCaps && scene.capsEmphasis) {
    value *= CAPS_FACTOR;
    notes.push('caps');
  }
  if (token.elongated) {
    value *= ELONGATION_FACTOR;
    notes.push('elongated');
  }
  const negator = negatorBefore(scene.tokens, index);
  if (negator >= 0) {
    value *= NEGATION_FACTOR;
    notes.push(`negated by "${scene.tokens[negator]?.raw ?? ''}"`);
  }
  value = placeInText(scene, index, value, notes);
  return { label: token.raw, value, notes, intents: [], source: found.custom ? 'custom' : 'word' };
}

function scoreEmoji(scene: Scene, index: number): Contribution | undefined {
  const token = scene.tokens[index];
  if (token === undefined) {
    return undefined;
  }
  const valence = token.kind === 'emoji' ? emojiValence(token.raw) : emoticonValence(token.raw);
  if (valence === undefined || valence === 0) {
    return undefined;
  }
  const notes: string[] = [];
  const value = placeInText(scene, index, valence, notes);
  return { label: token.raw, value, notes, intents: [], source: 'emoji' };
}

function scorePhrase(scene: Scene, match: PhraseMatch): Contribution {
  const notes: string[] = ['phrase'];
  let value = match.rule.weight;
  let intents: readonly Intent[] = match.rule.intents;
  // "not great service": a negated positive phrase turns against the brand, so no praise either.
  if (value > 0 && negatorBefore(scene.tokens, match.start, 2) >= 0) {
    value *= NEGATION_FACTOR;
    notes.push('negated');
    intents = intents.filter((intent) => intent !== 'praise' && intent !== 'recommendation');
  }
  value = placeInText(scene, match.start, value, notes);
  return { label: match.text, value, notes, intents, source: 'phrase' };
}

function collect(scene: Scene, matches: readonly PhraseMatch[]): Contribution[] {
  const contributions: Contribution[] = [];
  const phraseAt = new Map(matches.map((match) => [match.start, match]));
  for (let index = 0; index < scene.tokens.length; index += 1) {
    const match = phraseAt.get(index);
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
  tokens: readonly Token[],
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
    exclaims: exclamations(tokens),
    question: tokens.some((token) => token.kind === 'question'),
    sarcasm,
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
    capsEmphasis: capsAreEmphasis(tokens),
    terms,
  };
  const found = collect(scene, findPhrases(tokens, terms));
  const { contributions, sarcasm } = adjustForContext(found, tokens, starRating);
  return summarise(contributions, tokens, sarcasm);
}
