import type { Intent } from '../domain/mention.js';
import type { Token } from './tokenize.js';

type Slot =
  | { kind: 'words'; options: readonly (readonly string[])[] }
  | { kind: 'num' | 'time' | 'duration' | 'det' | 'thing' | 'gap' };

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

const NUMBER_WORDS = new Set(
  'a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty few several couple multiple many hundred'.split(
    ' ',
  ),
);
const TIME_UNITS = new Set(
  'sec secs second seconds min mins minute minutes hr hrs hour hours day days week weeks month months year years'.split(
    ' ',
  ),
);
const DETERMINERS = new Set('my our the a an your his her their this that these those'.split(' '));
const THINGS = new Set(
  'order orders package parcel delivery refund bag bags luggage suitcase baggage money item items card phone account payment ticket tickets flight reservation booking replacement laptop device router modem credit voucher reimbursement check cheque claim case complaint shipment food tracking response reply answer callback technician engineer installation bill invoice deposit'.split(
    ' ',
  ),
);
const NUMBER_WITH_UNIT = /^\d+(?:\.\d+)?(?:h|hr|hrs|hours?|mins?|days?)$/;
const GAP = 3;

function parseSlot(part: string): Slot {
  const special = /^\{(num|time|duration|det|thing)\}$/.exec(part)?.[1];
  if (special !== undefined) {
    return { kind: special as 'num' | 'time' | 'duration' | 'det' | 'thing' };
  }
  if (part === '*') {
    return { kind: 'gap' };
  }
  return { kind: 'words', options: part.split('/').map((option) => option.split('_')) };
}

function compile(rule: PhraseRule): CompiledPhrase {
  return { ...rule, slots: rule.pattern.split(' ').map(parseSlot) };
}

function isBarrier(token: Token): boolean {
  return token.kind === 'stop' || token.kind === 'exclaim';
}

function isNumber(token: Token | undefined): boolean {
  return token !== undefined && (token.kind === 'number' || NUMBER_WORDS.has(token.text));
}

function singleMatches(kind: 'num' | 'time' | 'det' | 'thing', token: Token | undefined): boolean {
  if (token === undefined) {
    return false;
  }
  switch (kind) {
    case 'num':
      return isNumber(token);
    case 'time':
      return TIME_UNITS.has(token.text);
    case 'det':
      return DETERMINERS.has(token.text);
    case 'thing':
      return THINGS.has(token.text);
  }
}

function wordsMatch(words: readonly string[], stream: readonly Token[], at: number): boolean {
  for (let offset = 0; offset < words.length; offset += 1) {
    const token = stream[at + offset];
    const word = words[offset];
    if (
      token === undefined ||
      (token.text !== word && !(word === '?' && token.kind === 'question'))
    ) {
      return false;
    }
  }
  return true;
}

/** "2 hours", "2hrs", "an hour": where the duration ends, or -1. */
function durationEnd(stream: readonly Token[], at: number): number {
  const token = stream[at];
  if (token?.kind === 'number' && NUMBER_WITH_UNIT.test(token.text)) {
    return at + 1;
  }
  const unit = stream[at + 1];
  return isNumber(token) && unit !== undefined && TIME_UNITS.has(unit.text) ? at + 2 : -1;
}

// "*" takes as few words as it can, up to GAP, never across a clause stop.
function matchGap(
  slots: readonly Slot[],
  index: number,
  stream: readonly Token[],
  at: number,
): number {
  for (let end = at; end <= at + GAP; end += 1) {
    const skipped = stream[end - 1];
    if (end > at && (skipped === undefined || isBarrier(skipped))) {
      return -1;
    }
    const last = matchFrom(slots, index + 1, stream, end);
    if (last >= 0) {
      return last;
    }
  }
  return -1;
}

function matchWords(
  slots: readonly Slot[],
  index: number,
  stream: readonly Token[],
  at: number,
  options: readonly (readonly string[])[],
): number {
  for (const words of options) {
    const last = wordsMatch(words, stream, at)
      ? matchFrom(slots, index + 1, stream, at + words.length)
      : -1;
    if (last >= 0) {
      return last;
    }
  }
  return -1;
}

/** Where the pattern from slot `index` on ends when matched at `at`; -1 if it does not match. */
function matchFrom(
  slots: readonly Slot[],
  index: number,
  stream: readonly Token[],
  at: number,
): number {
  const slot = slots[index];
  if (slot === undefined) {
    return at;
  }
  switch (slot.kind) {
    case 'gap':
      return matchGap(slots, index, stream, at);
    case 'words':
      return matchWords(slots, index, stream, at, slot.options);
    case 'duration': {
      const end = durationEnd(stream, at);
      return end < 0 ? -1 : matchFrom(slots, index + 1, stream, end);
    }
    case 'num':
    case 'time':
    case 'det':
    case 'thing':
      return singleMatches(slot.kind, stream[at])
        ? matchFrom(slots, index + 1, stream, at + 1)
        : -1;
  }
}

function firstWords(phrase: CompiledPhrase): readonly string[] | undefined {
  const first = phrase.slots[0];
  return first?.kind === 'words' ? first.options.map((words) => words[0] ?? '') : undefined;
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

  constructor(rules: readonly PhraseRule[]) {
    for (const phrase of rules.map(compile)) {
      const words = firstWords(phrase);
      if (words === undefined) {
        this.anyStart.push(phrase);
        continue;
      }
      for (const word of new Set(words)) {
        const list = this.byFirstWord.get(word) ?? [];
        list.push(phrase);
        this.byFirstWord.set(word, list);
      }
    }
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
      this.tryAll(this.byFirstWord.get(token.text), stream, start, found);
      // Only numbers and determiners can open a pattern that starts with a slot class.
      if (isNumber(token) || DETERMINERS.has(token.text)) {
        this.tryAll(this.anyStart, stream, start, found);
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
    for (const phrase of phrases ?? []) {
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
