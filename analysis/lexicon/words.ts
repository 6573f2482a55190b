import { AFINN_WORDS } from './afinn.js';

/**
 * Corrections to AFINN for text written to a brand, and words AFINN lacks. Written for Earshot.
 * "help" and "please" open most support requests, so they are no praise; "wow" is as often
 * outrage as delight.
 */
const ADJUSTMENTS: Record<string, number> = {
  help: 0,
  please: 0,
  god: 0,
  joke: -1,
  wow: 1,
  unhelpful: -2.5,
  unreliable: -2.5,
  overpriced: -2,
  laggy: -2,
  buggy: -2,
  glitchy: -2,
  glitch: -1.5,
  nightmare: -3,
  shambles: -3,
  trash: -3,
  meh: -1.5,
  smh: -2,
  ffs: -3,
  fml: -3,
  stranded: -2,
  inconvenienced: -2,
  letdown: -2.5,
  sucky: -2.5,
  bs: -2.5,
  idiots: -3,
  lies: -2,
  absurd: -2,
  painless: 2,
  hassle: -1.5,
  legend: 2.5,
  legends: 2.5,
  rockstar: 3,
  yay: 2.5,
  efficient: 2,
  refunded: 1,
  omg: 0,
};

/** AFINN with the adjustments above: the single-word lexicon the rules score with. */
export const WORD_VALENCE: ReadonlyMap<string, number> = new Map([
  ...AFINN_WORDS,
  ...Object.entries(ADJUSTMENTS),
]);

/** Words after which "like" is the verb ("I like", "would like"), not the preposition. */
export const LIKE_AS_VERB: ReadonlySet<string> = new Set([
  'i',
  'we',
  'you',
  'they',
  'really',
  'totally',
  'also',
  'just',
  'do',
  "don't",
  'dont',
  "didn't",
  'didnt',
  'would',
  "i'd",
  'still',
  'kinda',
  'definitely',
  'actually',
  'u',
  'ya',
]);
