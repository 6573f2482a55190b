import type { ServerResponse } from 'node:http';
import { fixture, json, type Handler, type SeenRequest } from './fake-source.js';

export const BLUESKY_IDENTIFIER = 'earshot-test.bsky.social';
export const BLUESKY_APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

/** Answers like an AppView's searchPosts: page 1 of "lumora", its cursor "2", nothing else. */
function searchPosts(request: SeenRequest, response: ServerResponse) {
  const pages: Record<string, string> = {
    'lumora|': 'bluesky-lumora-page1.json',
    'lumora|2': 'bluesky-lumora-page2.json',
  };
  const name = pages[`${request.query.get('q')}|${request.query.get('cursor') ?? ''}`];
  json(response, name ? fixture(name) : '{"posts":[]}');
}

const xrpcError = (response: ServerResponse, status: number, error: string, message: string) =>
  json(response, JSON.stringify({ error, message }), status);

/**
 * A Bluesky account server (PDS) in small: createSession with the one account's app password,
 * refreshSession with a live refresh token, searchPosts (proxied to the AppView in real life) with
 * a live access token. A test expires the current access or refresh token to see what happens.
 */
export function fakeBlueskyServer() {
  let issued = 0;
  const live = { access: new Set<string>(), refresh: new Set<string>() };
  const open = (response: ServerResponse) => {
    issued += 1;
    const session = { accessJwt: `access-${issued}`, refreshJwt: `refresh-${issued}` };
    live.access.add(session.accessJwt);
    live.refresh.add(session.refreshJwt);
    json(
      response,
      JSON.stringify({ ...session, did: 'did:plc:earshot', handle: BLUESKY_IDENTIFIER }),
    );
  };
  const bearer = (request: SeenRequest) =>
    /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
  const handler: Handler = (request, response) => {
    const token = bearer(request);
    switch (`${request.method} ${request.path}`) {
      case 'POST /xrpc/com.atproto.server.createSession': {
        const body = JSON.parse(request.body || '{}') as { identifier?: string; password?: string };
        if (body.identifier !== BLUESKY_IDENTIFIER || body.password !== BLUESKY_APP_PASSWORD) {
          xrpcError(response, 401, 'AuthenticationRequired', 'Invalid identifier or password');
          return;
        }
        open(response);
        return;
      }
      case 'POST /xrpc/com.atproto.server.refreshSession':
        if (!token || !live.refresh.delete(token)) {
          xrpcError(response, 400, 'ExpiredToken', 'Token has expired');
          return;
        }
        open(response);
        return;
      case 'GET /xrpc/app.bsky.feed.searchPosts':
        if (!token) {
          xrpcError(response, 403, 'Forbidden', 'anonymous search is not allowed');
        } else if (!live.access.has(token)) {
          xrpcError(response, 400, 'ExpiredToken', 'Token has expired');
        } else {
          searchPosts(request, response);
        }
        return;
      default:
        json(response, '{"error":"MethodNotImplemented"}', 501);
    }
  };
  return {
    handler,
    /** The access tokens handed out so far expire (the refresh tokens still work). */
    expireAccess: () => live.access.clear(),
    /** Every token handed out so far expires: only a new session helps. */
    expireAll: () => {
      live.access.clear();
      live.refresh.clear();
    },
  };
}
