import type { Intent } from '../domain/mention.js';
import type { ClauseShape } from './clauses.js';
import { emojiValence, emoticonValence } from './lexicon/emoji.js';
import { DIMINISH, NEGATION_FACTOR } from './lexicon/modifiers.js';
import { wordEntry } from './lexicon/entries.js';
import { LIKE_AS_VERB, WORD_VALENCE } from './lexicon/words.js';
import type { PhraseMatch } from './phrases.js';
import type { WatchTerms } from './terms.js';
import type { Token } from './tokenize.js';
import type { Contribution } from './types.js';
import { degreeBefore, negatorBefore } from './word-context.js';

const CAPS_FACTOR = 1.4;
const ELONGATION_FACTOR = 1.2;
const QUESTION_FACTOR = 0.5;

/** One text, read once, that every token is scored against. */
export interface Scene {
  tokens: readonly Token[];
  shape: ClauseShape;
  terms: WatchTerms;
}

// Words used as something else: "kind of" is a softener, "like" mostly a preposition.
function isFalseFriend(scene: Scene, index: number, word: string): boolean {
  if (word === 'kind' || word === 'sort') {
    return scene.tokens[index + 1]?.text === 'of';
  }
  return word === 'like' && !LIKE_AS_VERB.has(scene.tokens[index - 1]?.text ?? '');
}

function lexiconValence(token: Token): number | undefined {
  const value = (token.entry ?? wordEntry(token.text)).valence;
  if (value !== undefined || !token.elongated) {
    return value;
  }
  // "sooo" was cut to "soo"; try "so" too.
  return WORD_VALENCE.get(token.text.replace(/(\p{L})\1/gu, '$1'));
}

function lookupWord(scene: Scene, index: number): { value: number; custom: boolean } | undefined {
  const token = scene.tokens[index];
  const { ignore, words } = scene.terms;
  // Most watches have no terms of their own: then skip both lookups (this runs for every word).
  if (token === undefined || (ignore.size > 0 && ignore.has(token.text))) {
    return undefined;
  }
  const custom = words.size > 0 ? words.get(token.text) : undefined;
  if (custom !== undefined) {
    return { value: custom, custom: true };
  }
  const value = lexiconValence(token);
  if (value === undefined || value === 0 || isFalseFriend(scene, index, token.text)) {
    return undefined;
  }
  return { value, custom: false };
}

// A diminisher in the clause ("minor", "sometimes", "a bit"), unless a degree word already softened it.
function diminishFactor(scene: Scene, index: number, notes: string[]): number {
  const diminisher = scene.shape.diminisher?.[index];
  if (diminisher === undefined || notes.some((note) => note.startsWith('softened'))) {
    return 1;
  }
  notes.push(`diminished by "${diminisher}"`);
  return DIMINISH;
}

// Clause weight ("but"), diminishers, and the damping of praise asked about ("is it any good?").
function placeInText(scene: Scene, index: number, value: number, notes: string[]): number {
  const weight = (scene.shape.weight?.[index] ?? 1) * diminishFactor(scene, index, notes);
  const clause = scene.shape.weight?.[index] ?? 1;
  if (clause !== 1) {
    notes.push(clause > 1 ? 'after contrast' : 'before contrast');
  }
  const asked = value > 0 && scene.shape.inQuestion?.[index] === true;
  if (asked) {
    notes.push('in question');
  }
  return value * weight * (asked ? QUESTION_FACTOR : 1);
}

/** A lexicon word with its degree word, capitals, elongation, negation and clause applied. */
export function scoreWord(scene: Scene, index: number): Contribution | undefined {
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
  if (token.allCaps && scene.shape.capsEmphasis) {
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
  return {
    label: token.raw,
    value,
    notes,
    intents: [],
    source: found.custom ? 'custom' : 'word',
    at: index,
  };
}

export function scoreEmoji(scene: Scene, index: number): Contribution | undefined {
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
  return { label: token.raw, value, notes, intents: [], source: 'emoji', at: index };
}

export function scorePhrase(scene: Scene, match: PhraseMatch): Contribution {
  const notes: string[] = ['phrase'];
  let value = match.rule.weight;
  let intents: readonly Intent[] = match.rule.intents;
  // "not great service": a negated positive phrase turns against the brand, so no praise either;
  // "can anyone recommend ...?" asks for a recommendation rather than giving one.
  const negated = value > 0 && negatorBefore(scene.tokens, match.start, 2) >= 0;
  if (negated) {
    value *= NEGATION_FACTOR;
    notes.push('negated');
  }
  if (negated || scene.shape.inQuestion?.[match.start] === true) {
    intents = intents.filter((intent) => intent !== 'praise' && intent !== 'recommendation');
  }
  value = placeInText(scene, match.start, value, notes);
  return { label: match.text, value, notes, intents, source: 'phrase', at: match.start };
}
