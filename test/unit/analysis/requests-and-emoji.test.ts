import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analyze.js';
import { scoreRules } from '../../../analysis/rules.js';
import { watchTerms } from '../../../analysis/terms.js';
import { tokenize } from '../../../analysis/tokenize.js';
import type { Contribution, RuleResult } from '../../../analysis/types.js';

function rules(text: string): RuleResult {
  return scoreRules(tokenize(text), watchTerms({}));
}

function entry(result: RuleResult, label: string): Contribution | undefined {
  return result.contributions.find((item) => item.label.toLowerCase() === label.toLowerCase());
}

describe('sarcastic emoji', () => {
  it('turns a clap or a thumbs-up next to a strong complaint negative', () => {
    const clapped = rules('flight delayed 3 hours 👏');
    expect(entry(clapped, '👏')?.value).toBeLessThan(0);
    expect(clapped.sarcasm).toBe(true);
    expect(entry(rules('lost my parcel again 👍🏽'), '👍🏽')?.value).toBeLessThan(0);
    expect(analyze('@AirlineCo flight 22 delayed 3 hours 👏👏').label).toBe('negative');
  });

  it('keeps them positive with no complaint, or after a "but"', () => {
    expect(entry(rules('got me on an earlier flight 👍'), '👍')?.value).toBeGreaterThan(0);
    expect(
      entry(rules('flight delayed 3 hours but they rebooked me fast 👍'), '👍')?.value,
    ).toBeGreaterThan(0);
  });
});

describe('requests', () => {
  it('counts thanks and please in a question as politeness, not praise', () => {
    const asked = rules('can I bring a guitar as carry on? thanks');
    expect(entry(asked, 'thanks')?.value).toBe(0);
    expect(entry(asked, 'thanks')?.notes).toContain('politeness in a question');
    expect(analyze('@AirlineCo hi, can I bring a guitar as carry on? thanks').label).toBe(
      'neutral',
    );
    expect(entry(rules('thanks, it works now'), 'thanks')?.value).toBe(2);
  });

  it('reads "would like" and "I\'d like" as asking, not liking', () => {
    expect(entry(rules("I'd like to change my delivery address"), 'like')).toBeUndefined();
    expect(entry(rules('I would like a refund'), 'like')).toBeUndefined();
    expect(entry(rules('I like the new app'), 'like')?.value).toBe(2);
  });
});
