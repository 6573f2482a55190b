import type { Intent } from '../domain/mention.js';
import { isNumberWord, matchFrom, NUMBER_WORDS, parseSlot, type Slot } from './phrase-slots.js';
import type { Token } from './tokenize.js';
import { WordMap } from './word-map.js';

export interface PhraseRule {
  pattern: string;
  weight: number;
  intents: readonly Intent[];
}

interface CompiledPhrase extends PhraseRule {
  slots: readonly Slot[];
}

/** A phrase found in a text: token indices [start, end) of the token array it was found in. */
export interface PhraseMatch {
  rule: PhraseRule;
  start: number;
  end: number;
  /** The words as written. */
  text: string;
}

function compile(rule: PhraseRule): CompiledPhrase {
  return { ...rule, slots: rule.pattern.split(' ').map(parseSlot) };
}

function firstWords(phrase: CompiledPhrase): readonly string[] | undefined {
  const first = phrase.slots[0];
  return first?.kind === 'words' ? first.options.map((words) => words[0] ?? '') : undefined;
}

function opensWithNumber(phrase: CompiledPhrase): CompiledPhrase {
  const kind = phrase.slots[0]?.kind;
  if (kind !== 'num' && kind !== 'duration' && kind !== 'long') {
    throw new Error(
      `pattern "${phrase.pattern}" must open with a word, {num}, {duration} or {long}`,
    );
  }
  return phrase;
}

function isMatchable(token: Token): boolean {
  return (
    token.kind !== 'handle' &&
    token.kind !== 'url' &&
    token.kind !== 'hashtag' &&
    token.kind !== 'emoji' &&
    token.kind !== 'emoticon'
  );
}

/** Finds multi-word patterns in token streams; built once, used for every text. */
export class PhraseMatcher {
  private readonly byFirstWord = new Map<string, CompiledPhrase[]>();
  private readonly anyStart: CompiledPhrase[] = [];
  /** What to try at each word, with the patterns that open with a number for number words: one lookup. */
  private readonly atWord: WordMap<readonly CompiledPhrase[]>;

  constructor(rules: readonly PhraseRule[]) {
    for (const phrase of rules.map(compile)) {
      const words = firstWords(phrase);
      if (words === undefined) {
        this.anyStart.push(opensWithNumber(phrase));
        continue;
      }
      for (const word of new Set(words)) {
        const list = this.byFirstWord.get(word) ?? [];
        list.push(phrase);
        this.byFirstWord.set(word, list);
      }
    }
    const atWord = new Map<string, readonly CompiledPhrase[]>();
    for (const [word, list] of this.byFirstWord) {
      atWord.set(word, isNumberWord(word) ? [...list, ...this.anyStart] : list);
    }
    if (this.anyStart.length > 0) {
      for (const word of NUMBER_WORDS) {
        if (!atWord.has(word)) {
          atWord.set(word, this.anyStart);
        }
      }
    }
    this.atWord = new WordMap(atWord);
  }

  /** Non-overlapping matches, longest first, in text order. */
  find(tokens: readonly Token[]): PhraseMatch[] {
    const positions: number[] = [];
    const stream: Token[] = [];
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index] as Token;
      if (isMatchable(token)) {
        positions.push(index);
        stream.push(token);
      }
    }
    const candidates = this.candidates(stream);
    if (candidates.length === 0) {
      return [];
    }
    return pickNonOverlapping(candidates).map(({ phrase, start, end }) => {
      const first = positions[start] ?? 0;
      const last = positions[end - 1] ?? first;
      return {
        rule: phrase,
        start: first,
        end: last + 1,
        text: stream
          .slice(start, end)
          .map((token) => token.raw)
          .join(' '),
      };
    });
  }

  private candidates(stream: readonly Token[]): Candidate[] {
    const found: Candidate[] = [];
    for (let start = 0; start < stream.length; start += 1) {
      const token = stream[start] as Token;
      if (token.kind === 'number') {
        // Patterns opening with a slot class all open with a number ("{duration} on hold").
        this.tryAll(this.byFirstWord.get(token.text), stream, start, found);
        this.tryAll(this.anyStart, stream, start, found);
      } else {
        // Number words ("an hour", "two days") get those patterns too: see atWord.
        this.tryAll(this.atWord.get(token.text), stream, start, found);
      }
    }
    return found;
  }

  private tryAll(
    phrases: readonly CompiledPhrase[] | undefined,
    stream: readonly Token[],
    start: number,
    found: Candidate[],
  ): void {
    // Most words open no pattern: an indexed loop, and no empty array made for them.
    if (phrases === undefined) {
      return;
    }
    for (let index = 0; index < phrases.length; index += 1) {
      const phrase = phrases[index] as CompiledPhrase;
      const end = matchFrom(phrase.slots, 0, stream, start);
      if (end > start) {
        found.push({ phrase, start, end });
      }
    }
  }
}

interface Candidate {
  phrase: CompiledPhrase;
  start: number;
  end: number;
}

function pickNonOverlapping(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Math.abs(b.phrase.weight) - Math.abs(a.phrase.weight) ||
      a.start - b.start,
  );
  const taken: Candidate[] = [];
  for (const candidate of ordered) {
    if (taken.every((other) => candidate.end <= other.start || candidate.start >= other.end)) {
      taken.push(candidate);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}
