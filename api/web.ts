import compression from 'compression';
import express, { Router } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotConfiguredError } from '../domain/errors.js';

export const WEB_PATH = '/app';

/** Where `npm run build` puts the web app (vite build, web/vite.config.ts). */
export const WEB_DIR_DEFAULT = resolve('dist/web');

/**
 * The strictest policy the app runs under: its own scripts, styles and connections only; no inline
 * script or style element, no framing, no plugins. No upgrade-insecure-requests: a plain-http
 * deployment on a private address must still load its own assets.
 */
export const webSecurity = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * The web app's files, public (they hold no data; every API call it makes needs the session), and
 * its pages: any path under /app that is not a file gets index.html, and the app routes itself.
 * `/` sends a browser there.
 */
export function webRouter(dir: string = WEB_DIR_DEFAULT): Router {
  const router = Router();
  const root = resolve(dir);
  const index = join(root, 'index.html');
  // Middleware rather than routes: these are pages, not API operations (api/openapi.ts lists those).
  router.use((req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/') {
      res.redirect(303, `${WEB_PATH}/`);
      return;
    }
    next();
  });
  // gzip for the app's own files only: the event stream must not wait in a compression buffer.
  router.use(WEB_PATH, compression());
  router.use(
    WEB_PATH,
    express.static(root, {
      index: false,
      setHeaders: (res, path) => {
        // Vite names assets by content hash, so they never change under the same name.
        if (path.includes('/assets/')) {
          res.set('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  router.use(WEB_PATH, (req, res, next) => {
    // A missing asset is a 404, not the app's page.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/assets/')) {
      next();
      return;
    }
    if (!existsSync(index)) {
      throw new NotConfiguredError('app: the web app is not built; run npm run build');
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
