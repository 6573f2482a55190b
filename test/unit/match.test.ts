import { describe, expect, it } from 'vitest';
import { matchesWatch } from '../../analysis/match.js';

const watch = (keywords: string[], exclusions: string[] = []) => ({ keywords, exclusions });

describe('matchesWatch', () => {
  it('matches a keyword as a whole word, whatever its case', () => {
    expect(matchesWatch(watch(['acme']), 'Just tried ACME and it broke.')).toBe(true);
    expect(matchesWatch(watch(['Acme']), 'acme support never answered')).toBe(true);
    expect(matchesWatch(watch(['acme']), "acme's billing page")).toBe(true);
  });

  it('does not match a keyword inside another word', () => {
    expect(matchesWatch(watch(['acme']), 'acmeville is a nice town')).toBe(false);
    expect(matchesWatch(watch(['acme']), 'the pinnacle of megaacme')).toBe(false);
    expect(matchesWatch(watch(['acme']), 'acme_corp on the forum')).toBe(false);
    expect(matchesWatch(watch(['acme']), 'acme2 is out')).toBe(false);
  });

  it('matches a multi-word keyword only as the whole phrase', () => {
    const cloud = watch(['acme cloud']);
    expect(matchesWatch(cloud, 'Moving everything to Acme Cloud today!')).toBe(true);
    expect(matchesWatch(cloud, 'acme has a cloud offering')).toBe(false);
    expect(matchesWatch(cloud, 'acme cloudy weather')).toBe(false);
  });

  it('matches when any one of several keywords is present', () => {
    const several = watch(['acme', 'roadrunner']);
    expect(matchesWatch(several, 'beep beep said the roadrunner')).toBe(true);
    expect(matchesWatch(several, 'nothing to see here')).toBe(false);
  });

  it('lets an exclusion win over a keyword', () => {
    const excluded = watch(['acme'], ['coyote', 'looney tunes']);
    expect(matchesWatch(excluded, 'Wile E. Coyote ordered another Acme rocket')).toBe(false);
    expect(matchesWatch(excluded, 'Acme in the Looney Tunes cartoons')).toBe(false);
    expect(matchesWatch(excluded, 'Acme billing is broken')).toBe(true);
  });

  it('applies the whole-word rule to exclusions too', () => {
    expect(matchesWatch(watch(['acme'], ['coyote']), 'acme for coyotes is fine')).toBe(true);
  });

  it('treats accented and non-Latin letters as letters of a word', () => {
    expect(matchesWatch(watch(['café']), 'Le café était froid')).toBe(true);
    expect(matchesWatch(watch(['café']), 'trois cafés plus tard')).toBe(false);
    expect(matchesWatch(watch(['acme']), 'éacme is not our brand')).toBe(false);
    expect(matchesWatch(watch(['ÉCOLE']), "l'école est fermée")).toBe(true);
    expect(matchesWatch(watch(['東京']), 'I love 東京 in spring')).toBe(true);
  });

  it('matches a #hashtag keyword only as that hashtag', () => {
    const tag = watch(['#acmefail']);
    expect(matchesWatch(tag, 'third outage this week #AcmeFail')).toBe(true);
    expect(matchesWatch(tag, 'acmefail is not a tag here')).toBe(false);
    expect(matchesWatch(tag, '#acmefailure is a different tag')).toBe(false);
  });

  it('finds a plain keyword inside a hashtag of that word', () => {
    expect(matchesWatch(watch(['acme']), 'loving it #acme')).toBe(true);
  });

  it('treats regular-expression characters in a keyword literally', () => {
    expect(matchesWatch(watch(['c++']), 'rewrote it in C++ last year')).toBe(true);
    expect(matchesWatch(watch(['node.js']), 'nodexjs is not a thing')).toBe(false);
    expect(matchesWatch(watch(['node.js']), 'our node.js service')).toBe(true);
  });

  it('ignores spaces around a keyword', () => {
    expect(matchesWatch(watch(['  acme ']), 'acme is down')).toBe(true);
  });
});
