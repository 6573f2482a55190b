import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlText, plainText } from './text.js';

/** One entry of an RSS 2.0 or Atom feed, read into plain fields (not yet a mention). */
export interface FeedItem {
  id: string | null;
  link: string | null;
  /** Plain text, converted from what the feed declared (Atom's `type`; RSS titles are text). */
  title: string | null;
  /** Plain text, converted from what the feed declared (RSS descriptions are HTML). */
  body: string | null;
  author: string | null;
  published: string | null;
}

export interface Feed {
  title: string | null;
  lang: string | null;
  /** A feed-level author (Atom `feed > author`), for entries that name none. */
  author: string | null;
  items: unknown[];
  kind: 'rss' | 'atom';
}

const OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  htmlEntities: true,
} as const;

// Atom text constructs are kept raw (stop nodes) and converted by their `type`: an xhtml one is
// markup, not text, and a text one must not be read as HTML.
const ATOM_TEXT = ['title', 'subtitle', 'summary', 'content', 'rights'];
const parser = new XMLParser({
  ...OPTIONS,
  trimValues: true,
  stopNodes: ATOM_TEXT.flatMap((name) => [`feed.${name}`, `feed.entry.${name}`]),
});
/** Decodes a stop node's raw XML (entities, CDATA) once, spaces kept. */
const rawParser = new XMLParser({ ...OPTIONS, trimValues: false });

/** A feed document parsed; a SourcePayload-worthy reason when it is not XML. */
export function parseFeedXml(body: string): { doc: unknown } | { error: string } {
  const valid = XMLValidator.validate(body);
  return valid === true ? { doc: parser.parse(body) as unknown } : { error: valid.err.msg };
}

function decodeRaw(raw: string): string {
  const parsed = rawParser.parse(`<x>${raw}</x>`) as { x?: unknown };
  return typeof parsed.x === 'string' ? parsed.x : (textOf(parsed.x) ?? '');
}

/**
 * An Atom text construct as plain text: `type="text"` (the default) decoded once and kept as
 * written, `html` decoded once and then parsed as HTML, `xhtml` parsed as markup.
 */
export function atomText(value: unknown, wanted?: string): string | null {
  const nodes: unknown[] = (Array.isArray(value) ? (value as unknown[]) : [value]).filter(
    (node) => node !== undefined,
  );
  const typeOf = (node: unknown) => (isNode(node) ? textOf(node['@_type']) : null) ?? 'text';
  const node = (wanted && nodes.find((candidate) => typeOf(candidate) === wanted)) ?? nodes[0];
  const raw = isNode(node) ? textOf(node['#text']) : textOf(node);
  if (raw === null) {
    return null;
  }
  const type = typeOf(node);
  const text =
    type === 'xhtml'
      ? htmlText(raw)
      : type === 'html' || type === 'text/html'
        ? htmlText(decodeRaw(raw))
        : plainText(decodeRaw(raw));
  return text === '' ? null : text;
}

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a parsed XML value: a string, a number, `{#text}`, or the first of a list. */
export function textOf(value: unknown): string | null {
  if (Array.isArray(value)) {
    return textOf(value[0]);
  }
  if (typeof value === 'string') {
    return value.trim() === '' ? null : value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return isNode(value) ? textOf(value['#text']) : null;
}

/** The feed in a parsed document, RSS 2.0 (`rss > channel`) or Atom (`feed`), or null. */
export function findFeed(doc: unknown): Feed | null {
  if (!isNode(doc)) {
    return null;
  }
  const channel = isNode(doc.rss) ? doc.rss.channel : undefined;
  if (isNode(channel)) {
    const items = channel.item;
    return {
      kind: 'rss',
      title: textOf(channel.title),
      lang: textOf(channel.language),
      author: null,
      items: Array.isArray(items) ? items : items === undefined ? [] : [items],
    };
  }
  if (isNode(doc.feed)) {
    const entries = doc.feed.entry;
    return {
      kind: 'atom',
      title: atomText(doc.feed.title),
      lang: textOf(doc.feed['@_xml:lang']),
      author: isNode(doc.feed.author) ? textOf(doc.feed.author.name) : null,
      items: Array.isArray(entries) ? entries : entries === undefined ? [] : [entries],
    };
  }
  return null;
}

/** An Atom entry's alternate link (the first link without a rel, or rel="alternate"). */
export function atomLink(value: unknown): string | null {
  const links = (Array.isArray(value) ? value : [value]).filter(isNode);
  const alternate =
    links.find((link) => link['@_rel'] === undefined || link['@_rel'] === 'alternate') ?? links[0];
  return alternate ? textOf(alternate['@_href']) : null;
}

/** Reads one item of either kind; null when it is not an element at all. */
export function readItem(kind: Feed['kind'], raw: unknown): FeedItem | null {
  if (!isNode(raw)) {
    return null;
  }
  if (kind === 'rss') {
    // RSS says nothing of types: descriptions are HTML by the spec, and titles are HTML in
    // practice (CDATA with <em>, entity-escaped markup), unlike Atom's typed text constructs.
    const body = textOf(raw['content:encoded']) ?? textOf(raw.description);
    const title = textOf(raw.title);
    return {
      id: textOf(raw.guid),
      link: textOf(raw.link),
      title: title && htmlText(title),
      body: body && htmlText(body),
      author: textOf(raw['dc:creator']) ?? textOf(raw.author),
      published: textOf(raw.pubDate) ?? textOf(raw['dc:date']),
    };
  }
  const author = isNode(raw.author) ? textOf(raw.author.name) : null;
  return {
    id: textOf(raw.id),
    link: atomLink(raw.link),
    title: atomText(raw.title),
    body: atomText(raw.content) ?? atomText(raw.summary),
    author,
    published: textOf(raw.published) ?? textOf(raw.updated),
  };
}

/** Google Alerts wraps each link in a redirect; the article is its `url` parameter. */
export function unwrapLink(link: string | null): string | null {
  if (!link || !URL.canParse(link)) {
    return null;
  }
  const url = new URL(link);
  const target = url.searchParams.get('url');
  if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url' && target) {
    return URL.canParse(target) ? target : link;
  }
  return link;
}

/** A stable id for an item without guid or id: its link, else a digest of title and date. */
export function itemId(item: FeedItem): string | null {
  if (item.id ?? item.link) {
    return item.id ?? item.link;
  }
  if (!item.title) {
    return null;
  }
  return `sha1:${createHash('sha1')
    .update(`${item.title}|${item.published ?? ''}`)
    .digest('hex')}`;
}
