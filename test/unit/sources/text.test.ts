import { describe, expect, it } from 'vitest';
import { atomText, findFeed, parseFeedXml, readItem } from '../../../sources/feed-items.js';
import { MAX_TEXT } from '../../../domain/mention.js';
import { clip, escapedText, htmlText, joinParts, plainText } from '../../../sources/text.js';

/** One Atom entry, parsed as the feed connector parses it. */
function atomEntry(fields: string, feedFields = '') {
  const parsed = parseFeedXml(
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${feedFields}<entry><id>e1</id>${fields}</entry></feed>`,
  );
  if (!('doc' in parsed)) {
    throw new Error(parsed.error);
  }
  const feed = findFeed(parsed.doc)!;
  return { feed, item: readItem(feed.kind, feed.items[0])! };
}

describe('plain text', () => {
  it('keeps line breaks and markup-like characters as written', () => {
    expect(plainText('First line\r\nsecond <b>not bold</b> &amp; kept\n\nthird')).toBe(
      'First line\nsecond <b>not bold</b> &amp; kept\n\nthird',
    );
  });

  it('drops control characters and the replacement character of invalid UTF-8', () => {
    expect(plainText('  caf\ufffd\u0000 ok\n ')).toBe('caf ok');
  });

  it('clips a huge body to what a mention holds, never splitting a surrogate pair', () => {
    expect(plainText('a'.repeat(MAX_TEXT * 2))).toHaveLength(MAX_TEXT);
    const clipped = clip(`${'a'.repeat(MAX_TEXT - 1)}😀tail`);
    expect(clipped).toHaveLength(MAX_TEXT - 1);
    expect(htmlText(`<p>${'word '.repeat(20_000)}</p>`).length).toBeLessThanOrEqual(MAX_TEXT);
  });

  it("decodes X's three escapes once and keeps the tweet's line breaks", () => {
    expect(escapedText('Down again &amp;&amp; no reply\nDay 3 &lt;3 &amp;lt; &#39;')).toBe(
      'Down again && no reply\nDay 3 <3 &lt; &#39;',
    );
  });

  it('joins non-empty parts with a blank line', () => {
    expect(joinParts('Title', null, ' ', 'Body\nline')).toBe('Title\n\nBody\nline');
  });
});

describe('HTML text', () => {
  it('parses tags once and decodes entities once', () => {
    expect(htmlText('<p>Tom &amp; Jerry&#39;s <b>app</b> &amp;lt;3</p><p>2nd</p>')).toBe(
      "Tom & Jerry's app &lt;3\n\n2nd",
    );
  });
});

describe('Atom text constructs', () => {
  it('keeps a type="text" title as written: escaped markup stays text, newlines stay', () => {
    const { item } = atomEntry(
      '<title type="text">Why &lt;div&gt; beats &lt;table&gt; &amp;amp; more</title>' +
        '<content type="text">Line one\nline two &lt;br&gt;</content>',
    );
    expect(item.title).toBe('Why <div> beats <table> &amp; more');
    expect(item.body).toBe('Line one\nline two <br>');
  });

  it('reads a title without type as text', () => {
    expect(atomEntry('<title>a &lt;b&gt; c</title>').item.title).toBe('a <b> c');
  });

  it('parses type="html" as HTML after the XML decoding, entities once each', () => {
    const { item } = atomEntry(
      '<content type="html">&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;&lt;p&gt;2nd&lt;/p&gt;</content>',
    );
    expect(item.body).toBe('Fish & chips\n\n2nd');
  });

  it('parses type="xhtml" markup as HTML', () => {
    const { item } = atomEntry(
      '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; <b>two</b></p><p>three</p></div></content>',
    );
    expect(item.body).toBe('One & two\n\nthree');
  });

  it('keeps CDATA as written in a text construct', () => {
    expect(atomText({ '#text': '<![CDATA[a <b> & c]]>', '@_type': 'text' })).toBe('a <b> & c');
  });

  it('falls back to the feed-level author when an entry names none', () => {
    const { feed, item } = atomEntry(
      '<title>t</title>',
      '<title>Reviews</title><author><name>Lumora Support</name></author>',
    );
    expect(item.author).toBeNull();
    expect(feed.author).toBe('Lumora Support');
  });
});
