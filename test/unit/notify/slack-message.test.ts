import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../domain/alert.js';
import { slackMessage, webhookBody } from '../../../notify/messages.js';

const AT = new Date('2026-11-20T10:00:00Z');

function alertBy(handle: string, excerpt: string, url: string | null): Alert {
  return {
    id: '0123456789abcdef01234567',
    type: 'disgruntled_customer',
    status: 'open',
    severity: 'high',
    watchId: 'acme',
    source: 'mastodon',
    authorId: 'a1',
    authorHandle: handle,
    reason: `3 complaints from @${handle} in 24 h`,
    score: 4.2,
    factors: { complaints: 3 },
    evidence: [{ mentionId: 'm1', excerpt, url, score: -0.9, createdAt: AT }],
    evidenceCount: 1,
    createdAt: AT,
    updatedAt: AT,
    assignee: null,
    tags: [],
    notes: [],
    history: [],
    closedAt: null,
  };
}

/** Every mrkdwn string of a Slack message: the fallback text and each block's text. */
function texts(message: string): string[] {
  const body = JSON.parse(message) as { text: string; blocks: Array<{ text: { text: string } }> };
  return [body.text, ...body.blocks.map((block) => block.text.text)];
}

describe("slackMessage with a stranger's handle and excerpt", () => {
  const hostile = alertBy(
    '<!here> & <@U024BE7LH>',
    'Refunds: <https://phish.example|support-team> <!channel> a < b && c > d',
    'https://social.example/@x/1|Click me',
  );
  const message = slackMessage(hostile, 'new');

  it('can ping nobody: no <!here>, <!channel> or <@user> survives', () => {
    for (const text of texts(message)) {
      expect(text).not.toMatch(/<[!@#]/);
    }
    expect(texts(message)[0]).toContain('@&lt;!here&gt; &amp; &lt;@U024BE7LH&gt;');
  });

  it('shows no link under a label: the only link is the evidence URL, shown as itself', () => {
    const links = texts(message).flatMap((text) => text.match(/<[^>]*>/g) ?? []);
    expect(links).toEqual(['<https://social.example/@x/1%7CClick%20me>']);
    const evidence = texts(message)[2]!;
    expect(evidence).toContain(
      '&lt;https://phish.example|support-team&gt; &lt;!channel&gt; a &lt; b &amp;&amp; c &gt; d',
    );
    expect(JSON.parse(message)).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it('shows a non-http(s) evidence URL not at all', () => {
    const text = texts(slackMessage(alertBy('ann', 'bad', 'javascript:alert(1)'), 'escalated'));
    expect(text[2]).toBe('• bad');
    expect(text[0]).toBe('Escalated to high: Disgruntled customer — @ann (acme)');
  });
});

describe('webhookBody', () => {
  it("carries the stranger's text as JSON data, unchanged (receivers escape where they show it)", () => {
    const body = JSON.parse(webhookBody(alertBy('<!here>', '=cmd', null), 'new')) as {
      alert: { authorHandle: string; evidence: Array<{ excerpt: string }> };
    };
    expect(body.alert.authorHandle).toBe('<!here>');
    expect(body.alert.evidence[0]?.excerpt).toBe('=cmd');
  });
});
