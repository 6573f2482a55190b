import { createHash } from 'node:crypto';

/** One entry of an RSS 2.0 or Atom feed, read into plain fields (not yet a mention). */
export interface FeedItem {
  id: string | null;
  link: string | null;
  title: string | null;
  /** HTML or text, as the feed sent it. */
  body: string | null;
  author: string | null;
  published: string | null;
}

export interface Feed {
  title: string | null;
  lang: string | null;
  items: unknown[];
  kind: 'rss' | 'atom';
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
      items: Array.isArray(items) ? items : items === undefined ? [] : [items],
    };
  }
  if (isNode(doc.feed)) {
    const entries = doc.feed.entry;
    return {
      kind: 'atom',
      title: textOf(doc.feed.title),
      lang: textOf(doc.feed['@_xml:lang']),
      items: Array.isArray(entries) ? entries : entries === undefined ? [] : [entries],
    };
  }
  return null;
}

/** An Atom entry's alternate link (the first link without a rel, or rel="alternate"). */
function atomLink(value: unknown): string | null {
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
    return {
      id: textOf(raw.guid),
      link: textOf(raw.link),
      title: textOf(raw.title),
      body: textOf(raw['content:encoded']) ?? textOf(raw.description),
      author: textOf(raw['dc:creator']) ?? textOf(raw.author),
      published: textOf(raw.pubDate) ?? textOf(raw['dc:date']),
    };
  }
  const author = isNode(raw.author) ? textOf(raw.author.name) : null;
  return {
    id: textOf(raw.id),
    link: atomLink(raw.link),
    title: textOf(raw.title),
    body: textOf(raw.content) ?? textOf(raw.summary),
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
