import type { Token } from './tokenize.js';
import {
  AFTER_CONTRAST,
  BEFORE_CONTRAST,
  CONCESSIVE,
  CONTRAST_AFTER,
} from './lexicon/modifiers.js';

/** How much each token's sentiment counts, and whether it sits in a question. */
export interface ClauseShape {
  /** Weight per token; null when every token counts 1 (no contrast in the text). */
  weight: number[] | null;
  /** Per token, whether its clause ends in "?"; null when the text asks nothing. */
  inQuestion: boolean[] | null;
}

export function isClauseEnd(token: Token): boolean {
  return token.kind === 'stop' || token.kind === 'exclaim' || token.kind === 'question';
}

function isWordIn(token: Token | undefined, words: ReadonlySet<string>): boolean {
  return token?.kind === 'word' && words.has(token.text);
}

interface Markers {
  lastContrast: number;
  concessive: boolean;
  question: boolean;
}

// One pass over the text for what the shape depends on; most texts have none of it.
function findMarkers(tokens: readonly Token[]): Markers {
  const markers: Markers = { lastContrast: -1, concessive: false, question: false };
  tokens.forEach((token, index) => {
    if (token.kind === 'question') {
      markers.question = true;
    } else if (token.kind === 'word') {
      markers.lastContrast =
        index > 0 && CONTRAST_AFTER.has(token.text) ? index : markers.lastContrast;
      markers.concessive ||= CONCESSIVE.has(token.text);
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

/** Works out contrast weighting ("but" makes what follows count more) and question clauses. */
export function shapeClauses(tokens: readonly Token[]): ClauseShape {
  const markers = findMarkers(tokens);
  return { weight: contrastWeights(tokens, markers), inQuestion: markQuestions(tokens, markers) };
}
