import { fixture, type Handler } from './fake-source.js';

export const FEED_ETAG = '"v1-lumora"';
export const FEED_LAST_MODIFIED = 'Fri, 20 Nov 2026 10:30:00 GMT';

/** Serves /news.xml (RSS 2.0), /alerts.xml and /typed.atom (Atom) with validators, answering 304 to a match. */
export const fakeFeeds: Handler = (request, response) => {
  const files: Record<string, string> = {
    '/news.xml': 'rss-lumora-news.xml',
    '/alerts.xml': 'atom-google-alerts-lumora.xml',
    '/typed.atom': 'atom-typed-text.xml',
  };
  const name = files[request.path];
  if (!name) {
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<html><body>Not found</body></html>');
    return;
  }
  const headers = { etag: FEED_ETAG, 'last-modified': FEED_LAST_MODIFIED };
  if (request.headers['if-none-match'] === FEED_ETAG) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'content-type': 'application/rss+xml; charset=utf-8' });
  response.end(fixture(name));
};
