import type { Intent, SentimentLabel } from '../domain/mention.js';
import { INTENTS } from '../domain/mention.js';
import type { Token } from './tokenize.js';
import type { RuleResult } from './types.js';

const ASKING_STARTERS: ReadonlySet<string> = new Set([
  'how',
  'what',
  'why',
  'when',
  'where',
  'who',
  'which',
  'can',
  'could',
  'would',
  'will',
  'is',
  'are',
  'does',
  'do',
  'did',
  'should',
  'anyone',
  'any',
  'has',
  'have',
  'wondering',
]);
const ASKING_SECOND: ReadonlySet<string> = new Set([
  'i',
  'you',
  'we',
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'there',
  'it',
  'my',
  'this',
  'the',
  'u',
  'ya',
  'y',
  'know',
  'idea',
  'if',
  'whether',
  'do',
  'does',
  'is',
  'can',
  'long',
  'much',
  'many',
  'to',
]);
/** Below this the praise from words alone is too faint to call praise. */
const PRAISE_FLOOR = 2;
/** A complaint phrase this strong stays a complaint even in a text that reads positive overall. */
const STRONG_COMPLAINT = -2.5;

// A question needs no "?" on social media: "how do I reset my password".
function asksSomething(tokens: readonly Token[]): boolean {
  const opening: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'question') {
      return true;
    }
    if (token.kind === 'word' && !token.fromHashtag && opening.length < 2) {
      opening.push(token.text);
    }
  }
  const [first, second] = opening;
  return (
    first !== undefined &&
    second !== undefined &&
    ASKING_STARTERS.has(first) &&
    ASKING_SECOND.has(second)
  );
}

/** The intents of a text, in the order of INTENTS: from matched phrases, the label and the text's form. */
export function detectIntents(
  rules: RuleResult,
  label: SentimentLabel,
  tokens: readonly Token[],
): Intent[] {
  const found = rules.intents;
  // The label wins over a weak phrase pointing the other way ("Great job" after "you lost my bag").
  const wanted: Record<Intent, boolean> = {
    complaint:
      label === 'negative' ||
      (found.has('complaint') && (label !== 'positive' || rules.complaint <= STRONG_COMPLAINT)),
    churn_risk: label === 'negative' && found.has('churn_risk'),
    praise:
      label !== 'negative' &&
      (found.has('praise') ||
        (label === 'positive' && rules.positive >= PRAISE_FLOOR && rules.complaint === 0)),
    recommendation: found.has('recommendation'),
    question: asksSomething(tokens),
    purchase_intent: found.has('purchase_intent'),
  };
  return INTENTS.filter((intent) => wanted[intent]);
}
