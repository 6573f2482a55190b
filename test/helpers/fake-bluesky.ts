import { fixture, json, type Handler } from './fake-source.js';

/** Answers like an AppView's searchPosts: page 1 of "lumora", its cursor "2", nothing else. */
export const fakeBluesky: Handler = (request, response) => {
  if (request.path !== '/xrpc/app.bsky.feed.searchPosts') {
    json(response, '{"error":"MethodNotImplemented"}', 501);
    return;
  }
  const pages: Record<string, string> = {
    'lumora|': 'bluesky-lumora-page1.json',
    'lumora|2': 'bluesky-lumora-page2.json',
  };
  const name = pages[`${request.query.get('q')}|${request.query.get('cursor') ?? ''}`];
  json(response, name ? fixture(name) : '{"posts":[]}');
};
