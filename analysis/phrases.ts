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

/** Where the slot ends when it matches at `at`, or the ends it may take (gap); [] if no match. */
function slotEnds(slot: Slot, stream: readonly Token[], at: number): number[] {
  const token = stream[at];
  switch (slot.kind) {
    case 'gap':
      return gapEnds(stream, at);
    case 'words':
      return slot.options
        .filter((words) => wordsMatch(words, stream, at))
        .map((words) => at + words.length);
    case 'num':
      return isNumber(token) ? [at + 1] : [];
    case 'time':
      return token !== undefined && TIME_UNITS.has(token.text) ? [at + 1] : [];
    case 'duration':
      return durationEnds(stream, at);
    case 'det':
      return token !== undefined && DETERMINERS.has(token.text) ? [at + 1] : [];
    case 'thing':
      return token !== undefined && THINGS.has(token.text) ? [at + 1] : [];
  }
}

function gapEnds(stream: readonly Token[], at: number): number[] {
  const ends = [at];
  for (let end = at; end < at + GAP && end < stream.length; end += 1) {
    const token = stream[end];
    if (token === undefined || isBarrier(token)) {
      break;
    }
    ends.push(end + 1);
  }
  return ends;
}

function wordsMatch(words: readonly string[], stream: readonly Token[], at: number): boolean {
  return words.every(
    (word, offset) =>
      stream[at + offset]?.text === word ||
      (word === '?' && stream[at + offset]?.kind === 'question'),
  );
}

function durationEnds(stream: readonly Token[], at: number): number[] {
  const token = stream[at];
  if (token?.kind === 'number' && NUMBER_WITH_UNIT.test(token.text)) {
    return [at + 1];
  }
  const unit = stream[at + 1];
  return isNumber(token) && unit !== undefined && TIME_UNITS.has(unit.text) ? [at + 2] : [];
}

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
  for (const end of slotEnds(slot, stream, at)) {
    const last = matchFrom(slots, index + 1, stream, end);
    if (last >= 0) {
      return last;
    }
  }
  return -1;
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
    tokens.forEach((token, index) => {
      if (isMatchable(token)) {
        positions.push(index);
        stream.push(token);
      }
    });
    const candidates = this.candidates(stream);
    return pickNonOverlapping(candidates).map(({ phrase, start, end }) => {
      const first = positions[start] ?? 0;
      const last = positions[end - 1] ?? first;
      return {
        rule: { pattern: phrase.pattern, weight: phrase.weight, intents: phrase.intents },
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
    const tryAll = (phrases: readonly CompiledPhrase[], start: number): void => {
      for (const phrase of phrases) {
        const end = matchFrom(phrase.slots, 0, stream, start);
        if (end > start) {
          found.push({ phrase, start, end });
        }
      }
    };
    stream.forEach((token, start) => {
      tryAll(this.byFirstWord.get(token.text) ?? [], start);
      tryAll(this.anyStart, start);
    });
    return found;
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
