import { describe, expect, it } from 'vitest';
import { matchesLanguage, passesExclusions } from '../../analysis/match.js';

describe('matchesLanguage', () => {
  const watch = { languages: ['en', 'de'] };

  it('keeps a mention in one of the languages, by primary subtag', () => {
    expect(matchesLanguage(watch, 'en')).toBe(true);
    expect(matchesLanguage(watch, 'DE-at')).toBe(true);
    expect(matchesLanguage(watch, 'en_GB')).toBe(true);
  });

  it('drops a mention in another language', () => {
    expect(matchesLanguage(watch, 'ja')).toBe(false);
    expect(matchesLanguage(watch, 'fr-CA')).toBe(false);
  });

  it('keeps a mention whose language is unknown, and everything when no language is named', () => {
    expect(matchesLanguage(watch, null)).toBe(true);
    expect(matchesLanguage({}, 'ja')).toBe(true);
    expect(matchesLanguage({ languages: [] }, 'ja')).toBe(true);
  });
});

describe('passesExclusions', () => {
  it('rejects a text carrying an exclusion, whole words only', () => {
    expect(passesExclusions({ exclusions: ['festival'] }, 'Lumora festival tickets')).toBe(false);
    expect(passesExclusions({ exclusions: ['festival'] }, 'festivals')).toBe(true);
  });
});
