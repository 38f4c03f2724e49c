/**
 * Downloads user-supplied image links (Discord CDN attachments, Slack `url_private` files) without
 * becoming a proxy into our own network (SSRF). Only http(s), only allow-listed hosts, and the
 * address actually connected to is checked inside the socket's DNS lookup — so a hostname that
 * resolves to a public address when checked and a private one when connecting (DNS rebinding)
 * cannot slip through. Redirects are followed by hand, each hop checked again; bytes are capped
 * while streaming; one deadline covers every hop and the body.
 *
 * URLs are signed or private: no message or error produced here contains one.
 */
import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { UserFacingError } from '../errors.ts';
import { bareAddress, isForbiddenAddress } from './address-policy.ts';

export { isForbiddenAddress, isValidAddressRule } from './address-policy.ts';

export interface SafeFetchPolicy {
  /** Exact hostnames (case-insensitive); a leading "*." allows any subdomain (not the apex). */
  allowedHosts: string[];
  /** IPs or CIDRs exempt from the private-address ban (tests, self-hosted CDNs). */
  allowedPrivateAddresses: string[];
  /** Largest body accepted, enforced from Content-Length and again while streaming. */
  maxBytes: number;
  /** Deadline for the whole fetch: every redirect hop and the body. */
  timeoutMs: number;
  /** Default 3; every hop is re-checked (host allow-list and address). */
  maxRedirects?: number;
}

export interface SafeFetchResult {
  data: Buffer;
  contentType?: string;
  /** Where the bytes came from after redirects. Signed: never log it. */
  finalUrl: string;
}

export const DEFAULT_MAX_REDIRECTS = 3;

/** Dropped when a redirect leaves the origin, like browsers do (Slack sends a bot token). */
const SENSITIVE_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

// ---------------------------------------------------------------------------------------------
// Errors (messages never contain the URL)

const hostNotAllowed = () => new UserFacingError('fetch_host_not_allowed');
const privateAddress = () => new UserFacingError('fetch_private_address');
/** Why a redirect was refused: picks the message `errors.fetch_bad_redirect_<why>`. */
const badRedirect = (why: 'loop' | 'not_web' | 'insecure' | 'host') =>
  new UserFacingError('fetch_bad_redirect', { context: why });
const timedOut = () => new UserFacingError('fetch_timeout', {}, true);
const networkFailure = () => new UserFacingError('fetch_failed', {}, true);

function tooLarge(maxBytes: number): UserFacingError {
  const mb = Number((maxBytes / (1024 * 1024)).toFixed(1));
  return new UserFacingError('fetch_too_large', { mb });
}

function statusError(status: number): UserFacingError {
  if (status === 403 || status === 404 || status === 410) {
    return new UserFacingError('fetch_expired');
  }
  const retryable = status >= 500 || status === 429;
  return new UserFacingError(
    'fetch_failed',
    { context: retryable ? 'status_retry' : 'status', status },
    retryable,
  );
}

/** Raised inside the socket's lookup, recognised after Node hands it back through the request. */
class ForbiddenAddressError extends Error {
  constructor() {
    super('refused to connect to a forbidden address');
  }
}

// ---------------------------------------------------------------------------------------------
// Target checks

function hostnameOf(url: URL): string {
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function isHostAllowed(host: string, allowedHosts: string[]): boolean {
  const literal = isIP(host) !== 0;
  return allowedHosts.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (pattern.startsWith('*.')) return !literal && host.endsWith(pattern.slice(1));
    return bareAddress(pattern) === host;
  });
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Node connects to an IP literal without calling `lookup`, so its address is checked here. */
function refuseForbiddenLiteral(url: URL, policy: SafeFetchPolicy): void {
  const host = hostnameOf(url);
  if (isIP(host) !== 0 && isForbiddenAddress(host, policy.allowedPrivateAddresses)) throw privateAddress();
}

// ---------------------------------------------------------------------------------------------
// Transport

/** Resolves, then refuses the whole answer if any address is forbidden; Node connects to what we return. */
function guardedLookup(allowedPrivate: string[]): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      if (addresses.length === 0 || addresses.some((a) => isForbiddenAddress(a.address, allowedPrivate))) {
        return callback(new ForbiddenAddressError(), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

function mapTransportError(e: unknown, signal: AbortSignal): UserFacingError {
  if (e instanceof UserFacingError) return e;
  if (e instanceof ForbiddenAddressError) return privateAddress();
  if (signal.aborted) return timedOut();
  return networkFailure();
}

function requestOnce(
  url: URL,
  headers: Record<string, string>,
  policy: SafeFetchPolicy,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      {
        protocol: url.protocol,
        hostname: hostnameOf(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        // A fresh connection per request: a pooled socket might have been opened under another
        // policy, and its address was never checked against this one.
        agent: false,
        lookup: guardedLookup(policy.allowedPrivateAddresses),
        signal,
      },
      resolve,
    );
    req.on('error', (e) => reject(mapTransportError(e, signal)));
    req.end();
  });
}

async function readBody(res: IncomingMessage, policy: SafeFetchPolicy, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    res.destroy();
    throw tooLarge(policy.maxBytes);
  }
  // The request's signal also destroys a response that is still streaming, so a stalled body
  // ends in an error here and is reported as a timeout.
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res) {
      total += (chunk as Buffer).length;
      if (total > policy.maxBytes) {
        res.destroy();
        throw tooLarge(policy.maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
    // A body cut short can end without an error: never return it as complete.
    if (!res.complete) throw signal.aborted ? timedOut() : networkFailure();
  } catch (e) {
    throw mapTransportError(e, signal);
  }
  return Buffer.concat(chunks, total);
}

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && hostnameOf(a) === hostnameOf(b) && a.port === b.port;
}

/**
 * GETs `url` under `policy` and returns the body. `init.headers` (e.g. Slack's
 * `Authorization: Bearer …`) go to the first host and to redirects within the same origin only.
 *
 * @throws UserFacingError `fetch_host_not_allowed`, `fetch_private_address`, `fetch_bad_redirect`,
 *   `fetch_too_large`, `fetch_expired` (403/404/410), `fetch_failed` (other status or network;
 *   retryable for 5xx, 429 and network errors), `fetch_timeout` (retryable).
 */
export async function safeFetch(
  url: string,
  policy: SafeFetchPolicy,
  init: { headers?: Record<string, string> } = {},
): Promise<SafeFetchResult> {
  let current = parseHttpUrl(url);
  if (!current || !isHostAllowed(hostnameOf(current), policy.allowedHosts)) throw hostNotAllowed();
  refuseForbiddenLiteral(current, policy);

  const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let headers: Record<string, string> = { 'user-agent': 'imagegen-bot', accept: 'image/*' };
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
  // Compressed bodies would dodge the byte cap's meaning and the image sniffing downstream.
  headers['accept-encoding'] = 'identity';

  for (let redirects = 0; ; redirects++) {
    const res = await requestOnce(current, headers, policy, signal);
    const status = res.statusCode ?? 0;

    if (isRedirect(status)) {
      res.destroy();
      if (redirects >= maxRedirects) throw badRedirect('loop');
      const location = res.headers.location;
      let next: URL | null = null;
      try {
        next = location ? new URL(location, current) : null;
      } catch {
        next = null;
      }
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        throw badRedirect('not_web');
      }
      // A downgrade would send the same request (and headers) in clear text.
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        throw badRedirect('insecure');
      }
      if (!isHostAllowed(hostnameOf(next), policy.allowedHosts)) {
        throw badRedirect('host');
      }
      refuseForbiddenLiteral(next, policy);
      if (!sameOrigin(current, next)) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !SENSITIVE_HEADERS.has(k)));
      }
      current = next;
      continue;
    }

    if (status < 200 || status >= 300) {
      res.destroy();
      throw statusError(status);
    }
    const data = await readBody(res, policy, signal);
    const contentType = res.headers['content-type'];
    return { data, ...(contentType ? { contentType } : {}), finalUrl: current.href };
  }
}
