import { POLITENESS, SARCASM_TAGS } from './lexicon/modifiers.js';
import { isClauseEnd } from './clauses.js';
import type { Token } from './tokenize.js';
import type { Contribution } from './types.js';

const SARCASM_FLIP = -0.6;
/** A complaint this strong turns "great", "love", "awesome" in the same text sarcastic. */
const SARCASTIC_COMPLAINT = -2.5;
const SARCASM_WORDS: ReadonlySet<string> = new Set([
  'great',
  'love',
  'loving',
  'awesome',
  'wonderful',
  'fantastic',
  'perfect',
  'brilliant',
  'nice',
  'amazing',
  'lovely',
  'fun',
  'best',
  'good',
  'excellent',
  'cool',
  'yay',
]);

/** A closing sentence of at most this many words can be a stock sign-off ("Great job.", "love it"). */
const SIGN_OFF_WORDS = 4;

function isComplaint(entry: Contribution): boolean {
  return entry.source === 'phrase' && entry.value < 0 && entry.intents.includes('complaint');
}

/** Emoji that read as sarcasm next to a strong complaint, skin tone aside. */
const SARCASM_EMOJI: ReadonlySet<string> = new Set(['👏', '👍', '👌', '🙌', '🙂', '😊', '🎉']);

function bareEmoji(emoji: string): string {
  return emoji.replace(/\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu, '');
}

function complaintSum(contributions: readonly Contribution[], before = Infinity): number {
  return contributions
    .filter((entry) => isComplaint(entry) && (entry.at ?? 0) < before)
    .reduce((sum, entry) => sum + entry.value, 0);
}

function hasPraisePhrase(contributions: readonly Contribution[]): boolean {
  return contributions.some(
    (entry) => entry.source === 'phrase' && entry.intents.includes('praise'),
  );
}

/**
 * Where the text's closing sentence starts, when it is short enough to be a stock sign-off
 * ("... cancelled again. Thanks a lot @airline", "... down all week, love it"); -1 otherwise or when
 * the text is that one sentence. Handles, hashtags, emoji and links after it do not count as words.
 */
export function signOffStart(tokens: readonly Token[]): number {
  let words = 0;
  let index = tokens.length - 1;
  // Stops, "!" and "?" that close the text belong to the sign-off.
  while (index >= 0 && isClauseEnd(tokens[index] as Token)) {
    index -= 1;
  }
  for (; index >= 0; index -= 1) {
    const token = tokens[index] as Token;
    if (isClauseEnd(token)) {
      return words > 0 && words <= SIGN_OFF_WORDS ? index + 1 : -1;
    }
    words += token.kind === 'word' && !token.fromHashtag ? 1 : 0;
  }
  return -1;
}

// Praise in a closing sign-off after a strong complaint, not after a "but": sarcasm.
function isSarcasticSignOff(entry: Contribution, start: number): boolean {
  return (
    start >= 0 &&
    (entry.at ?? -1) >= start &&
    entry.value > 0 &&
    (entry.source === 'phrase' ||
      (entry.source === 'word' && SARCASM_WORDS.has(entry.label.toLowerCase()))) &&
    !entry.notes.includes('after contrast')
  );
}

// "Great job.", "Well done", "love it" closing a strong complaint turn negative and lose their praise.
function readSignOff(
  contributions: readonly Contribution[],
  tokens: readonly Token[],
): { contributions: readonly Contribution[]; sarcasm: boolean } {
  // Most texts have no strong complaint: then there is no sentence to look for.
  if (complaintSum(contributions) > SARCASTIC_COMPLAINT) {
    return { contributions, sarcasm: false };
  }
  const start = signOffStart(tokens);
  if (start < 0 || complaintSum(contributions, start) > SARCASTIC_COMPLAINT) {
    return { contributions, sarcasm: false };
  }
  let sarcasm = false;
  const adjusted = contributions.map((entry) => {
    if (!isSarcasticSignOff(entry, start)) {
      return entry;
    }
    sarcasm = true;
    return {
      ...replaced(entry, entry.value * SARCASM_FLIP, 'sarcastic sign-off after a complaint'),
      intents: entry.intents.filter((intent) => intent !== 'praise' && intent !== 'recommendation'),
    };
  });
  return { contributions: adjusted, sarcasm };
}

function hasSarcasmTag(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.kind === 'hashtag' && SARCASM_TAGS.has(token.text.slice(1)));
}

function isSarcasmNote(note: string): boolean {
  return note.startsWith('sarcastic');
}

function replaced(entry: Contribution, value: number, note: string): Contribution {
  return { ...entry, value, notes: [...entry.notes, note] };
}

function starContribution(stars: number): Contribution | undefined {
  const value = stars <= 1 ? -4 : stars <= 2 ? -3 : stars >= 5 ? 3 : stars >= 4 ? 2 : 0;
  if (value === 0) {
    return undefined;
  }
  return {
    label: `${stars} stars`,
    value,
    notes: ['rating'],
    intents: value < 0 ? ['complaint'] : ['praise'],
    source: 'stars',
  };
}

/**
 * Reads words against the rest of the text: politeness in a complaint is no praise, and
 * "great", "love", "awesome" next to a strong complaint (or with #sarcasm) are sarcasm.
 * Returns the adjusted contributions and whether sarcasm was read.
 */
export function adjustForContext(
  contributions: readonly Contribution[],
  tokens: readonly Token[],
  starRating?: number,
): { contributions: Contribution[]; sarcasm: boolean } {
  if (contributions.length === 0 && starRating === undefined) {
    return { contributions: [], sarcasm: hasSarcasmTag(tokens) };
  }
  const signOff = readSignOff(contributions, tokens);
  const complaint = complaintSum(signOff.contributions);
  const praise = hasPraisePhrase(signOff.contributions);
  const tagged = hasSarcasmTag(tokens);
  const implied = complaint <= SARCASTIC_COMPLAINT && !praise;
  let sarcasm = signOff.sarcasm;
  const asks = tokens.some((token) => token.kind === 'question');
  const adjusted = signOff.contributions.map((entry) => {
    if (entry.value <= 0 || entry.notes.some(isSarcasmNote)) {
      return entry;
    }
    if (entry.source === 'emoji') {
      // A thumbs-up or a slow clap after a cancelled flight is no praise; after a "but" it can be.
      if (
        (tagged || implied) &&
        SARCASM_EMOJI.has(bareEmoji(entry.label)) &&
        !entry.notes.includes('after contrast')
      ) {
        sarcasm = true;
        return replaced(entry, entry.value * SARCASM_FLIP, 'sarcastic next to a complaint');
      }
      return entry;
    }
    if (entry.source !== 'word') {
      return entry;
    }
    const word = entry.label.toLowerCase();
    if ((tagged || implied) && SARCASM_WORDS.has(word)) {
      sarcasm = true;
      return replaced(entry, entry.value * SARCASM_FLIP, 'sarcastic next to a complaint');
    }
    if (!praise && POLITENESS.has(word)) {
      if (complaint < 0) {
        return replaced(entry, 0, 'politeness in a complaint');
      }
      // "can I bring a guitar on board? thanks": a request, thanked in advance, is no praise.
      if (asks) {
        return replaced(entry, 0, 'politeness in a question');
      }
    }
    return entry;
  });
  const stars = starRating === undefined ? undefined : starContribution(starRating);
  return {
    contributions: stars === undefined ? adjusted : [...adjusted, stars],
    sarcasm: sarcasm || tagged,
  };
}
