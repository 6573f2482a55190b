import type { Token } from './tokenize.js';
import {
  AFTER_CONTRAST,
  BEFORE_CONTRAST,
  CONCESSIVE,
  CONTRAST_AFTER,
} from './lexicon/modifiers.js';

/** How much each token's sentiment counts, and whether it sits in a question. */
export interface ClauseShape {
  weight: number[];
  inQuestion: boolean[];
  /** Set when a "but"-like word split the text. */
  contrastAt: number;
}

export function isClauseEnd(token: Token): boolean {
  return token.kind === 'stop' || token.kind === 'exclaim' || token.kind === 'question';
}

function lastContrast(tokens: readonly Token[]): number {
  for (let index = tokens.length - 1; index > 0; index -= 1) {
    const token = tokens[index];
    if (token?.kind === 'word' && CONTRAST_AFTER.has(token.text)) {
      return index;
    }
  }
  return -1;
}

// "Although the crew was nice, we sat for 3 hours": the concessive clause counts less.
function softenConcessive(tokens: readonly Token[], weight: number[]): void {
  tokens.forEach((token, index) => {
    if (token.kind !== 'word' || !CONCESSIVE.has(token.text)) {
      return;
    }
    for (let at = index; at < tokens.length; at += 1) {
      const current = tokens[at];
      if (current === undefined || (at > index && isClauseEnd(current))) {
        break;
      }
      weight[at] = (weight[at] ?? 1) * BEFORE_CONTRAST;
    }
  });
}

function markQuestions(tokens: readonly Token[]): boolean[] {
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
  const contrastAt = lastContrast(tokens);
  const weight = tokens.map((_, index) =>
    contrastAt < 0 ? 1 : index < contrastAt ? BEFORE_CONTRAST : AFTER_CONTRAST,
  );
  softenConcessive(tokens, weight);
  return { weight, inQuestion: markQuestions(tokens), contrastAt };
}
