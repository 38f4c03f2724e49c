/**
 * Serves files of the local (offline) storage behind signed, expiring links:
 * `GET /files/<key>?exp=<unix>&sig=<hmac>`. A bad or expired link gets 403 whatever the file, so
 * the route tells nothing about which files exist.
 */
import express from 'express';
import { contentTypeForKey } from '../services/storage/keys.ts';
import type { LocalStorage } from '../services/storage/local.ts';

const FORBIDDEN_PAGE = 'This link is invalid or has expired. Ask the bot for a new one.\n';
const NOT_FOUND_PAGE = 'This file is no longer stored.\n';

export function filesRouter(storage: LocalStorage): express.Router {
  const router = express.Router();

  // Express 5 (path-to-regexp 8): `*key` matches the rest of the path as an array of segments.
  router.get('/files/*key', (req, res) => {
    const segments = (req.params as { key?: string[] | string }).key ?? [];
    const key = Array.isArray(segments) ? segments.join('/') : segments;
    const exp = typeof req.query.exp === 'string' ? req.query.exp : undefined;
    const sig = typeof req.query.sig === 'string' ? req.query.sig : undefined;
    const path = storage.resolveSignedPath(key, { exp, sig });
    if (!path) {
      res.status(403).type('text/plain').set('Cache-Control', 'no-store').send(FORBIDDEN_PAGE);
      return;
    }
    res.sendFile(
      path,
      {
        cacheControl: false,
        lastModified: false,
        headers: {
          'Content-Type': contentTypeForKey(key),
          // Private: the link is a capability for one person, shared caches must not keep it.
          'Cache-Control': `private, max-age=${storage.secondsLeft(exp)}`,
          'X-Content-Type-Options': 'nosniff',
        },
      },
      (err?: Error & { status?: number; code?: string }) => {
        if (!err) return;
        if (res.headersSent) {
          res.end();
          return;
        }
        const missing = err.status === 404 || err.code === 'ENOENT' || err.code === 'EISDIR';
        res
          .status(missing ? 404 : 500)
          .type('text/plain')
          .set('Cache-Control', 'no-store')
          .send(missing ? NOT_FOUND_PAGE : 'Could not read this file.\n');
      },
    );
  });

  return router;
}
