/** Words that flip the sentiment of what follows them in the same clause. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nor',
  'neither',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'without',
  'cannot',
  "can't",
  'cant',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "won't",
  'wont',
  "isn't",
  'isnt',
  "aren't",
  'arent',
  "wasn't",
  'wasnt',
  "weren't",
  'werent',
  "haven't",
  'havent',
  "hasn't",
  'hasnt',
  "hadn't",
  'hadnt',
  "shouldn't",
  'shouldnt',
  "wouldn't",
  'wouldnt',
  "couldn't",
  'couldnt',
  "ain't",
  'aint',
  'hardly',
  'barely',
  'lack',
  'lacks',
  'lacking',
  'non',
]);

/**
 * Words that turn the negator before them into an idiom that negates nothing: "no doubt the best",
 * "no wonder", "no matter how", "not only", "nothing but love", "never mind".
 */
export const NEGATION_IDIOMS: ReadonlySet<string> = new Set([
  'doubt',
  'wonder',
  'matter',
  'only',
  'but',
  'mind',
]);

/** How far (in words) a negator reaches, unless a clause stop comes first. */
export const NEGATION_REACH = 3;
/** VADER's factor for a negated word: "not good" is less bad than "bad" is bad. */
export const NEGATION_FACTOR = -0.74;

/** Words that strengthen (> 1) or soften (< 1) the next sentiment word. */
export const DEGREE: ReadonlyMap<string, number> = new Map([
  ['very', 1.3],
  ['really', 1.3],
  ['so', 1.25],
  ['extremely', 1.5],
  ['super', 1.3],
  ['totally', 1.3],
  ['absolutely', 1.4],
  ['completely', 1.3],
  ['incredibly', 1.4],
  ['utterly', 1.4],
  ['too', 1.2],
  ['most', 1.2],
  ['soo', 1.4],
  ['sooo', 1.5],
  ['truly', 1.3],
  ['highly', 1.3],
  ['seriously', 1.3],
  ['insanely', 1.4],
  ['damn', 1.3],
  ['fucking', 1.4],
  ['freaking', 1.3],
  ['friggin', 1.3],
  ['hella', 1.3],
  ['mega', 1.3],
  ['ridiculously', 1.4],
  ['beyond', 1.3],
  ['especially', 1.2],
  ['such', 1.2],
  ['quite', 1.1],
  ['pretty', 1.1],
  ['kinda', 0.6],
  ['kind', 0.6],
  ['sorta', 0.6],
  ['sort', 0.6],
  ['somewhat', 0.6],
  ['slightly', 0.5],
  ['bit', 0.7],
  ['little', 0.7],
  ['fairly', 0.8],
  ['almost', 0.7],
  ['marginally', 0.5],
  ['partly', 0.6],
  ['occasionally', 0.6],
  ['less', 0.6],
  ['minor', 0.6],
  ['mildly', 0.6],
]);

/**
 * Diminishers: words that make a whole clause milder ("Minor annoyance", "lags sometimes", "a bit
 * slow"). Every sentiment in their clause counts DIMINISH times (unless a degree word already
 * softened it), and the text's score and confidence are tempered (see analyze.ts).
 */
export const DIMINISHERS: ReadonlySet<string> = new Set([
  'minor',
  'slightly',
  'sometimes',
  'occasionally',
  'somewhat',
  'mildly',
  'marginally',
]);
/** Diminishers that count only after "a": "a bit", "a little", "a tad". */
export const DIMINISHERS_AFTER_A: ReadonlySet<string> = new Set(['bit', 'little', 'tad']);
export const DIMINISH = 0.6;

/** "but" and friends: the clause after counts more than the clause before. */
export const CONTRAST_AFTER: ReadonlySet<string> = new Set(['but', 'however', 'except']);
/** "although" and friends: their own clause counts less ("Although X, Y"). */
export const CONCESSIVE: ReadonlySet<string> = new Set(['although', 'though', 'despite']);
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;

/**
 * Politeness and laughter that are no praise when the text is a complaint ("please help, thanks",
 * "driver ate my fries lol").
 */
export const POLITENESS: ReadonlySet<string> = new Set([
  'lol',
  'lmao',
  'haha',
  'hahaha',
  'please',
  'pls',
  'plz',
  'thanks',
  'thank',
  'thx',
  'ty',
  'appreciate',
  'appreciated',
  'help',
  'kindly',
  'welcome',
  'hope',
  'hopefully',
  'sorry',
  'apologize',
  'apologise',
  'apologies',
]);

/** Words that mark what follows as sarcastic when the text also complains. */
export const SARCASM_TAGS: ReadonlySet<string> = new Set(['sarcasm', 'sarcastic', 'not', 'irony']);
