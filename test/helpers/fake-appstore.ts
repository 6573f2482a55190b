import { fixture, json, type Handler } from './fake-source.js';

/**
 * Answers like Apple's customer reviews feed (its XML, Atom, form) for app 1234567890 in the US
 * store: three pages, the third empty.
 */
export const fakeAppStore: Handler = (request, response) => {
  const match =
    /^\/us\/rss\/customerreviews\/page=(\d+)\/id=1234567890\/sortby=mostrecent\/xml$/.exec(
      request.path,
    );
  const page = Number(match?.[1] ?? 0);
  if (!match || page < 1 || page > 10) {
    json(response, '{"errorMessage":"Invalid value(s) for key(s): [resourceType]"}', 400);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
  response.end(fixture(`appstore-lumora-page${Math.min(page, 3)}.xml`));
};
