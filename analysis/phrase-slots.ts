import type { Token } from './tokenize.js';

/**
 * One part of a phrase pattern (see lexicon/service.ts for the syntax) and how it matches a
 * stream of tokens.
 */
export type Slot =
  | {
      kind: 'words';
      options: readonly (readonly string[])[];
      /** The options by their first word, in their order: a token is looked up, not compared to each. */
      byFirst: ReadonlyMap<string, readonly (readonly string[])[]>;
    }
  | { kind: 'num' | 'time' | 'duration' | 'long' | 'det' | 'thing' | 'gap' };

function byFirstWord(
  options: readonly (readonly string[])[],
): ReadonlyMap<string, readonly (readonly string[])[]> {
  const byFirst = new Map<string, (readonly string[])[]>();
  for (const words of options) {
    const first = words[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), words]);
  }
  return byFirst;
}

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(' '));
}

/** Words that stand for an amount ("an hour", "two days", "a few weeks"). */
export const NUMBER_WORDS = wordSet(
  'a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty few several couple multiple many hundred',
);
const TIME_UNITS = wordSet(
  'sec secs second seconds min mins minute minutes hr hrs hour hours day days week weeks month months year years',
);
const DETERMINERS = wordSet('my our the a an your his her their this that these those');
const THINGS = wordSet(
  'order orders package parcel delivery refund bag bags luggage suitcase baggage money item items card phone account payment ticket tickets flight reservation booking replacement laptop device router modem credit voucher reimbursement check cheque claim case complaint shipment food tracking response reply answer callback technician engineer installation bill invoice deposit',
);
const NUMBER_WITH_UNIT = /^\d+(?:\.\d+)?(?:h|hr|hrs|hours?|mins?|days?)$/;
/** Units that make any amount a long wait for a customer ("an hour", "2 days"). */
// Years are tenure more often than waiting ("a customer for 5 years").
const LONG_UNITS = wordSet('hr hrs hour hours day days week weeks month months');
const MINUTE_UNITS = wordSet('min mins minute minutes');
/** Number words that make minutes a long wait. */
const MANY_MINUTES = wordSet('thirty forty fifty hundred');
/** A long wait starts here, in minutes. */
const LONG_MINUTES = 30;
/** Words before a duration that make it short or welcome: "in minutes", "within an hour", "only 5 min". */
const SHORT_FRAME = wordSet('in within under only just less fewer barely');
const GAP = 3;
const FEW_OPTIONS = 4;

/** Reads one space-separated part of a pattern. */
export function parseSlot(part: string): Slot {
  const special = /^\{(num|time|duration|long|det|thing)\}$/.exec(part)?.[1];
  if (special !== undefined) {
    return { kind: special as 'num' | 'time' | 'duration' | 'long' | 'det' | 'thing' };
  }
  if (part === '*') {
    return { kind: 'gap' };
  }
  const options = part.split('/').map((option) => option.split('_'));
  return { kind: 'words', options, byFirst: byFirstWord(options) };
}

function isBarrier(token: Token): boolean {
  return token.kind === 'stop' || token.kind === 'exclaim';
}

export function isNumberWord(word: string): boolean {
  return NUMBER_WORDS.has(word);
}

export function isNumber(token: Token | undefined): boolean {
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

// "in 2 hours", "only 45 minutes", and "only took an hour" (an "only" one word further back).
function isShortFramed(stream: readonly Token[], at: number): boolean {
  return SHORT_FRAME.has(stream[at - 1]?.text ?? '') || stream[at - 2]?.text === 'only';
}

function isLongAmount(amount: Token, unit: string): boolean {
  if (LONG_UNITS.has(unit) || /^(?:h|hours?)$/.test(unit)) {
    return true;
  }
  if (!MINUTE_UNITS.has(unit)) {
    return false;
  }
  const count = Number.parseFloat(amount.text);
  return Number.isNaN(count) ? MANY_MINUTES.has(amount.text) : count >= LONG_MINUTES;
}

/**
 * A duration that is long for a customer to wait: 30 minutes or more, hours, days, weeks, months; not one
 * framed as short ("in 2 hours", "within a day", "only 45 minutes"). Where it ends, or -1.
 */
function longDurationEnd(stream: readonly Token[], at: number): number {
  const end = durationEnd(stream, at);
  const amount = stream[at];
  if (end < 0 || amount === undefined || isShortFramed(stream, at)) {
    return -1;
  }
  const unit = end === at + 1 ? amount.text.replace(/^[\d.]+/, '') : (stream[at + 1]?.text ?? '');
  return isLongAmount(amount, unit) ? end : -1;
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
  slot: Extract<Slot, { kind: 'words' }>,
): number {
  const token = stream[at];
  if (token === undefined) {
    return -1;
  }
  // Only options opening with the token's word can match, in the same order; a "?" option matches
  // any question mark ("??" too), so a question token tries them all. A few options are compared
  // faster than they are looked up.
  const options =
    token.kind === 'question' || slot.options.length <= FEW_OPTIONS
      ? slot.options
      : slot.byFirst.get(token.text);
  if (options === undefined) {
    return -1;
  }
  for (let option = 0; option < options.length; option += 1) {
    const words = options[option] as readonly string[];
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
export function matchFrom(
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
      return matchWords(slots, index, stream, at, slot);
    case 'duration': {
      const end = durationEnd(stream, at);
      return end < 0 ? -1 : matchFrom(slots, index + 1, stream, end);
    }
    case 'long': {
      const end = longDurationEnd(stream, at);
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
