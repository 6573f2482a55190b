import type { Token } from './tokenize.js';
import {
  AFTER_CONTRAST,
  BEFORE_CONTRAST,
  CONCESSIVE,
  CONTRAST_AFTER,
  DIMINISHERS,
  DIMINISHERS_AFTER_A,
} from './lexicon/modifiers.js';
import { WordMap } from './word-map.js';

/** How much each token's sentiment counts, whether it sits in a question, and the text's emphasis. */
export interface ClauseShape {
  /** The text asks something ("?"). */
  question: boolean;
  /** Number of "!", capped at four: more adds nothing. */
  exclaims: number;
  /** Some words are in capitals and some are not: then capitals are emphasis, not style. */
  capsEmphasis: boolean;
  /** Weight per token; null when every token counts 1 (no contrast in the text). */
  weight: number[] | null;
  /** Per token, whether its clause ends in "?"; null when the text asks nothing. */
  inQuestion: boolean[] | null;
  /** Per token, the diminisher of its clause ("minor", "a bit"), if any; null when there is none. */
  diminisher: (string | undefined)[] | null;
}

export function isClauseEnd(token: Token): boolean {
  return token.kind === 'stop' || token.kind === 'exclaim' || token.kind === 'question';
}

function isWordIn(token: Token | undefined, words: ReadonlySet<string>): boolean {
  return token?.kind === 'word' && words.has(token.text);
}

const MAX_EXCLAIMS = 4;

interface Markers {
  lastContrast: number;
  concessive: boolean;
  question: boolean;
  exclaims: number;
  capsWords: number;
  otherWords: number;
  diminished: boolean;
}

function diminisherAt(tokens: readonly Token[], index: number): string | undefined {
  const token = tokens[index];
  if (token?.kind !== 'word') {
    return undefined;
  }
  if (DIMINISHERS.has(token.text)) {
    return token.raw;
  }
  const before = tokens[index - 1];
  return DIMINISHERS_AFTER_A.has(token.text) && before?.text === 'a'
    ? `${before.raw} ${token.raw}`
    : undefined;
}

// The few words that shape clauses, as flags, so each word of a text is looked up once.
const CONTRAST_FLAG = 1;
const CONCESSIVE_FLAG = 2;
const DIMINISHER_FLAG = 4;
const MARKER_FLAGS: WordMap<number> = (() => {
  const flags = new Map<string, number>();
  const mark = (words: ReadonlySet<string>, flag: number): void =>
    words.forEach((word) => flags.set(word, (flags.get(word) ?? 0) | flag));
  mark(CONTRAST_AFTER, CONTRAST_FLAG);
  mark(CONCESSIVE, CONCESSIVE_FLAG);
  mark(DIMINISHERS, DIMINISHER_FLAG);
  mark(DIMINISHERS_AFTER_A, DIMINISHER_FLAG);
  return new WordMap(flags);
})();

function noteWord(markers: Markers, token: Token, index: number): void {
  const flags = MARKER_FLAGS.get(token.text) ?? 0;
  if (flags !== 0) {
    if (index > 0 && (flags & CONTRAST_FLAG) !== 0) {
      markers.lastContrast = index;
    }
    markers.concessive ||= (flags & CONCESSIVE_FLAG) !== 0;
    markers.diminished ||= (flags & DIMINISHER_FLAG) !== 0;
  }
  if (token.text.length > 1) {
    markers.capsWords += token.allCaps ? 1 : 0;
    markers.otherWords += token.allCaps ? 0 : 1;
  }
}

// One pass over the text for everything the shape depends on; most texts have little of it.
function findMarkers(tokens: readonly Token[]): Markers {
  const markers: Markers = {
    lastContrast: -1,
    concessive: false,
    question: false,
    exclaims: 0,
    capsWords: 0,
    otherWords: 0,
    diminished: false,
  };
  tokens.forEach((token, index) => {
    if (token.kind === 'word') {
      noteWord(markers, token, index);
    } else if (token.kind === 'question') {
      markers.question = true;
    } else if (token.kind === 'exclaim') {
      markers.exclaims += token.text.length;
    }
  });
  return markers;
}

// "Although the crew was nice, we sat for 3 hours": the concessive clause counts less.
function softenConcessive(tokens: readonly Token[], weight: number[], from: number): void {
  for (let at = from; at < tokens.length; at += 1) {
    const current = tokens[at];
    if (current === undefined || (at > from && isClauseEnd(current))) {
      return;
    }
    weight[at] = (weight[at] ?? 1) * BEFORE_CONTRAST;
  }
}

function contrastWeights(tokens: readonly Token[], markers: Markers): number[] | null {
  const contrastAt = markers.lastContrast;
  if (contrastAt < 0 && !markers.concessive) {
    return null;
  }
  const weight = tokens.map((_, index) =>
    contrastAt < 0 ? 1 : index < contrastAt ? BEFORE_CONTRAST : AFTER_CONTRAST,
  );
  tokens.forEach((token, index) => {
    if (isWordIn(token, CONCESSIVE)) {
      softenConcessive(tokens, weight, index);
    }
  });
  return weight;
}

function markQuestions(tokens: readonly Token[], markers: Markers): boolean[] | null {
  if (!markers.question) {
    return null;
  }
  const inQuestion = new Array<boolean>(tokens.length).fill(false);
  let clauseStart = 0;
  tokens.forEach((token, index) => {
    if (!isClauseEnd(token)) {
      return;
    }
    if (token.kind === 'question') {
      inQuestion.fill(true, clauseStart, index + 1);
    }
    clauseStart = index + 1;
  });
  return inQuestion;
}

// Each clause (up to a stop or a "but") takes the first diminisher in it, for all its tokens.
function markDiminished(tokens: readonly Token[], markers: Markers): (string | undefined)[] | null {
  if (!markers.diminished) {
    return null;
  }
  const diminisher = new Array<string | undefined>(tokens.length).fill(undefined);
  let clauseStart = 0;
  let found: string | undefined;
  tokens.forEach((token, index) => {
    found ??= diminisherAt(tokens, index);
    // "a little thing, but I love it": a contrast word ends the diminisher's reach too.
    const ends = isClauseEnd(token) || isWordIn(tokens[index + 1], CONTRAST_AFTER);
    if (ends || index === tokens.length - 1) {
      diminisher.fill(found, clauseStart, index + 1);
      clauseStart = index + 1;
      found = undefined;
    }
  });
  return diminisher.some((word) => word !== undefined) ? diminisher : null;
}

/** Works out contrast weighting ("but" makes what follows count more), question clauses and emphasis. */
export function shapeClauses(tokens: readonly Token[]): ClauseShape {
  const markers = findMarkers(tokens);
  return {
    weight: contrastWeights(tokens, markers),
    inQuestion: markQuestions(tokens, markers),
    diminisher: markDiminished(tokens, markers),
    question: markers.question,
    exclaims: Math.min(markers.exclaims, MAX_EXCLAIMS),
    capsEmphasis: markers.capsWords > 0 && markers.otherWords > 0,
  };
}
