/**
 * A shared-secret check for operator routes (/metrics, /admin/queues). Accepts the token as a
 * Bearer token or, so a browser can open the dashboard, as the password of HTTP basic auth (any
 * user name). Compared in constant time on digests, so neither the content nor the length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The secret presented in an Authorization header (Bearer, or basic auth's password), if any. */
export function presentedSecret(header: string | undefined, allowBasic: boolean): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (allowBasic && scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? undefined : decoded.slice(colon + 1);
  }
  return undefined;
}

export function secretMatches(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}

/** Express middleware: 401 (with a challenge) unless the request carries `token`. */
export function requireAccessToken(
  token: string,
  opts: { realm: string; allowBasic: boolean },
): RequestHandler {
  return (req, res, next) => {
    if (secretMatches(presentedSecret(req.headers.authorization, opts.allowBasic), token)) return next();
    res
      .status(401)
      .set(
        'WWW-Authenticate',
        opts.allowBasic ? `Basic realm="${opts.realm}", charset="UTF-8"` : `Bearer realm="${opts.realm}"`,
      )
      .set('Cache-Control', 'no-store')
      .type('text/plain')
      .send('Authentication required.\n');
  };
}
