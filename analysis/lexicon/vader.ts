import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// VADER's lexicon (Hutto & Gilbert 2014; about 7,500 words, emoticons and slang rated -4..4 by
// people), shipped inside the `vader-sentiment` package. A second lexicon, made independently of
// AFINN, gives the model evidence that does not depend on the topics of its training tweets.
// Read once at module load; each line is "token<TAB>mean<TAB>sd<TAB>ratings".
const require = createRequire(import.meta.url);
const text = readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8');

function parse(source: string): Map<string, number> {
  const entries = new Map<string, number>();
  for (const line of source.split('\n')) {
    const [token, mean] = line.split('\t');
    const value = Number(mean);
    if (token !== undefined && token !== '' && mean !== undefined && Number.isFinite(value)) {
      entries.set(token, value);
    }
  }
  return entries;
}

/** Token as listed (words lowercase, emoticons as written) -> mean human valence, -4..4. */
export const VADER_LEXICON: ReadonlyMap<string, number> = parse(text);
