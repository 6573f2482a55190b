import { fixture, json, type Handler } from './fake-source.js';

/** Answers like Apple's customer reviews feed for app 1234567890 in the US store: three pages. */
export const fakeAppStore: Handler = (request, response) => {
  const match =
    /^\/us\/rss\/customerreviews\/page=(\d+)\/id=1234567890\/sortby=mostrecent\/json$/.exec(
      request.path,
    );
  const page = Number(match?.[1] ?? 0);
  if (!match || page < 1 || page > 10) {
    json(response, '{"errorMessage":"Invalid value(s) for key(s): [resourceType]"}', 400);
    return;
  }
  json(response, fixture(`appstore-lumora-page${Math.min(page, 3)}.json`));
};
