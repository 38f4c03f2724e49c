/**
 * safeFetch against a fake CDN on 127.0.0.1 (exempted by the policy) and a trap listener on
 * 127.0.0.2 (loopback, NOT exempted: it plays the private target an attacker aims at). Every
 * request stays on loopback; names that would need DNS are answered by a stubbed dns.lookup, so
 * no query leaves the machine even if the code under test were wrong.
 */
import dns from 'node:dns';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '../../src/errors.ts';
import { type SafeFetchPolicy, safeFetch } from '../../src/services/safe-fetch.ts';
import { HttpFake } from '../fakes/http-fake.ts';

/** Signed-URL query string: must never show up in an error. */
const SECRET_QUERY = '?ex=66a1b2c3&is=66a0&hm=s3cr3tsignature0123456789';
const PNG_BYTES = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);

const cdn = new HttpFake('cdn');
let cdnPort = '';
let trap: net.Server;
let trapPort = 0;
let trapConnections = 0;

function policy(overrides: Partial<SafeFetchPolicy> = {}): SafeFetchPolicy {
  return {
    allowedHosts: ['127.0.0.1', '127.0.0.2'],
    allowedPrivateAddresses: ['127.0.0.1'],
    maxBytes: 1024,
    timeoutMs: 2000,
    ...overrides,
  };
}

const cdnUrl = (path: string) => `${cdn.url}${path}${SECRET_QUERY}`;

/** Answers every lookup with `addresses` instead of asking a resolver, and records the names asked. */
function stubDns(addresses: string[]) {
  const answer = (
    _host: string,
    _options: unknown,
    callback: (e: null, all: dns.LookupAddress[]) => void,
  ) => {
    setImmediate(() =>
      callback(
        null,
        addresses.map((address) => ({ address, family: net.isIP(address) })),
      ),
    );
  };
  return vi.spyOn(dns, 'lookup').mockImplementation(answer as unknown as typeof dns.lookup);
}

async function fetchError(promise: Promise<unknown>): Promise<UserFacingError> {
  const err = await promise.then(
    () => {
      throw new Error('expected safeFetch to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  const ufe = err as UserFacingError;
  // Signed URLs are secrets: no part of one may reach the user or a log line.
  for (const text of [ufe.message, ufe.userMessage]) {
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('127.0.0');
    expect(text).not.toContain('/img');
  }
  return ufe;
}

beforeAll(async () => {
  cdn
    .route('GET', '/img/ok.png', () => ({ headers: { 'content-type': 'image/png' }, body: PNG_BYTES }))
    .route('GET', '/img/declared-huge.png', () => ({
      // Declares 50 MB but sends 100 bytes and holds the connection: only a check of the header
      // itself answers before the deadline.
      headers: { 'content-type': 'image/png', 'content-length': String(50 * 1024 * 1024) },
      body: Buffer.alloc(100),
    }))
    .route('GET', '/img/chunked.png', () => ({
      // No Content-Length: the cap must hold while streaming.
      headers: { 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(5000),
    }))
    .route('GET', '/img/chunked-small.png', () => ({
      headers: { 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
      body: PNG_BYTES,
    }))
    .route('GET', '/img/slow.png', () => ({ delayMs: 60_000, body: PNG_BYTES })) // longer than any test timeout
    .route('GET', '/img/gone/:status', (_req, p) => ({ status: Number(p.status), body: 'nope' }))
    .route('GET', '/img/redirect-to-trap', () => ({
      status: 302,
      headers: { location: `http://127.0.0.2:${trapPort}/x.png` },
    }))
    .route('GET', '/img/redirect-to-evil', () => ({
      status: 302,
      headers: { location: 'http://evil.example/x.png' },
    }))
    .route('GET', '/img/redirect-same-origin', () => ({ status: 301, headers: { location: '/img/ok.png' } }))
    .route('GET', '/img/redirect-cross-host', () => ({
      status: 307,
      headers: { location: `http://mirror.cdn.test:${cdnPort}/img/ok.png` },
    }))
    .route('GET', '/img/redirect-nowhere', () => ({ status: 302 }))
    .route('GET', '/img/redirect-file', () => ({ status: 302, headers: { location: 'file:///etc/passwd' } }))
    .route('GET', '/img/loop', () => ({ status: 302, headers: { location: '/img/loop' } }));
  await cdn.start();
  cdnPort = new URL(cdn.url).port;

  trap = net.createServer((socket) => {
    trapConnections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
  trapPort = (trap.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await cdn.stop();
  await new Promise<void>((resolve) => trap.close(() => resolve()));
});

beforeEach(() => {
  cdn.reset();
  trapConnections = 0;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('safeFetch', () => {
  it('downloads an image from an allowed host and sends the caller’s Authorization header', async () => {
    const result = await safeFetch(cdnUrl('/img/ok.png'), policy(), {
      headers: { Authorization: 'Bearer xoxb-test-token' },
    });

    expect(result.data.equals(PNG_BYTES)).toBe(true);
    expect(result.contentType).toBe('image/png');
    expect(result.finalUrl).toBe(cdnUrl('/img/ok.png'));
    const [req] = cdn.received('GET', '/img/ok.png');
    expect(req?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(req?.query.get('hm')).toBe('s3cr3tsignature0123456789');
    expect(req?.headers['accept-encoding']).toBe('identity');
  });

  it('downloads a chunked body under the cap', async () => {
    const result = await safeFetch(cdnUrl('/img/chunked-small.png'), policy());
    expect(result.data.equals(PNG_BYTES)).toBe(true);
  });

  it('refuses a host that is not on the allow-list before any DNS lookup or connection', async () => {
    const lookup = stubDns(['127.0.0.1']);

    const err = await fetchError(safeFetch('http://evil.example/x.png', policy()));

    expect(err.code).toBe('fetch_host_not_allowed');
    expect(err.userMessage).toMatch(/isn't from a host I accept images from/);
    expect(err.retryable).toBe(false);
    expect(lookup).not.toHaveBeenCalled();
    expect(cdn.requests).toHaveLength(0);
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/x.png', 'not a url', 'http://'])(
    'refuses %j, which is not an http(s) link to an allowed host',
    async (url) => {
      const err = await fetchError(safeFetch(url, policy()));
      expect(err.code).toBe('fetch_host_not_allowed');
    },
  );

  it('does not let a wildcard entry match the bare domain or a look-alike', async () => {
    const lookup = stubDns(['127.0.0.1']);
    const wildcard = policy({ allowedHosts: ['*.cdn.test'] });

    for (const url of ['http://cdn.test/x.png', 'http://evilcdn.test/x.png', 'http://127.0.0.1/x.png']) {
      expect((await fetchError(safeFetch(url, wildcard))).code).toBe('fetch_host_not_allowed');
    }
    expect(lookup).not.toHaveBeenCalled();
  });

  it('follows a wildcard-allowed subdomain to the address its lookup returned', async () => {
    const lookup = stubDns(['127.0.0.1']);

    const result = await safeFetch(
      `http://media.cdn.test:${cdnPort}/img/ok.png`,
      policy({ allowedHosts: ['*.cdn.test'] }),
    );

    expect(result.data.equals(PNG_BYTES)).toBe(true);
    expect(lookup).toHaveBeenCalledWith('media.cdn.test', expect.anything(), expect.any(Function));
    expect(cdn.received('GET', '/img/ok.png')[0]?.headers.host).toBe(`media.cdn.test:${cdnPort}`);
  });

  it('refuses a private IP literal without connecting to it', async () => {
    const err = await fetchError(safeFetch(`http://127.0.0.2:${trapPort}/x.png`, policy()));

    expect(err.code).toBe('fetch_private_address');
    expect(trapConnections).toBe(0);
  });

  it('refuses an IPv6 loopback literal without connecting to it', async () => {
    const err = await fetchError(safeFetch('http://[::1]:9/x.png', policy({ allowedHosts: ['::1'] })));
    expect(err.code).toBe('fetch_private_address');
  });

  it('refuses an allowed hostname whose DNS answer is a private address, before connecting', async () => {
    stubDns(['127.0.0.2']);

    const err = await fetchError(
      safeFetch(`http://images.cdn.test:${trapPort}/x.png`, policy({ allowedHosts: ['images.cdn.test'] })),
    );

    expect(err.code).toBe('fetch_private_address');
    expect(err.userMessage).toMatch(/private network address/);
    expect(trapConnections).toBe(0);
  });

  it('refuses a DNS answer that mixes an allowed address with a private one', async () => {
    stubDns(['127.0.0.1', '127.0.0.2']);

    const err = await fetchError(
      safeFetch(
        `http://images.cdn.test:${cdnPort}/img/ok.png`,
        policy({ allowedHosts: ['images.cdn.test'] }),
      ),
    );

    expect(err.code).toBe('fetch_private_address');
    expect(cdn.requests).toHaveLength(0);
    expect(trapConnections).toBe(0);
  });

  it('refuses a redirect to a private address on an allowed host, and the target receives nothing', async () => {
    const err = await fetchError(safeFetch(cdnUrl('/img/redirect-to-trap'), policy()));

    expect(err.code).toBe('fetch_private_address');
    expect(cdn.received('GET', '/img/redirect-to-trap')).toHaveLength(1);
    expect(trapConnections).toBe(0);
  });

  it('refuses a redirect to a host that is not allowed, without resolving it', async () => {
    const lookup = stubDns(['127.0.0.1']);

    const err = await fetchError(safeFetch(cdnUrl('/img/redirect-to-evil'), policy()));

    expect(err.code).toBe('fetch_bad_redirect');
    expect(err.userMessage).toMatch(/redirected to a host I don't fetch images from/);
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each([
    ['/img/redirect-nowhere', 'a redirect without a Location'],
    ['/img/redirect-file', 'a redirect to a file: URL'],
  ])('refuses %s (%s)', async (path) => {
    const err = await fetchError(safeFetch(cdnUrl(path), policy()));
    expect(err.code).toBe('fetch_bad_redirect');
  });

  it('stops after maxRedirects hops', async () => {
    const err = await fetchError(safeFetch(cdnUrl('/img/loop'), policy({ maxRedirects: 2 })));

    expect(err.code).toBe('fetch_bad_redirect');
    expect(err.userMessage).toMatch(/too many times/);
    expect(cdn.received('GET', '/img/loop')).toHaveLength(3);
  });

  it('keeps the Authorization header on a same-origin redirect', async () => {
    const result = await safeFetch(cdnUrl('/img/redirect-same-origin'), policy(), {
      headers: { Authorization: 'Bearer xoxb-test-token' },
    });

    expect(result.data.equals(PNG_BYTES)).toBe(true);
    expect(result.finalUrl).toBe(`${cdn.url}/img/ok.png`);
    expect(cdn.received('GET', '/img/ok.png')[0]?.headers.authorization).toBe('Bearer xoxb-test-token');
  });

  it('does not forward the Authorization header to another host', async () => {
    stubDns(['127.0.0.1']);

    const result = await safeFetch(
      cdnUrl('/img/redirect-cross-host'),
      policy({ allowedHosts: ['127.0.0.1', 'mirror.cdn.test'] }),
      { headers: { Authorization: 'Bearer xoxb-test-token', 'X-Trace': 'kept' } },
    );

    expect(result.data.equals(PNG_BYTES)).toBe(true);
    expect(result.finalUrl).toBe(`http://mirror.cdn.test:${cdnPort}/img/ok.png`);
    const first = cdn.received('GET', '/img/redirect-cross-host')[0];
    const second = cdn.received('GET', '/img/ok.png')[0];
    expect(first?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(second?.headers.host).toBe(`mirror.cdn.test:${cdnPort}`);
    expect(second?.headers.authorization).toBeUndefined();
    expect(second?.headers['x-trace']).toBe('kept');
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const err = await fetchError(
      safeFetch(cdnUrl('/img/declared-huge.png'), policy({ maxBytes: 1024, timeoutMs: 3000 })),
    );

    expect(err.code).toBe('fetch_too_large');
    expect(err.retryable).toBe(false);
  });

  it('states the byte limit in MB', async () => {
    cdn.failNext('GET', '/img/ok.png', { body: Buffer.alloc(3 * 1024 * 1024) });

    const err = await fetchError(safeFetch(cdnUrl('/img/ok.png'), policy({ maxBytes: 2 * 1024 * 1024 })));

    expect(err.code).toBe('fetch_too_large');
    expect(err.userMessage).toContain('2 MB limit');
  });

  it('stops a chunked body without Content-Length once it passes the cap', async () => {
    const err = await fetchError(safeFetch(cdnUrl('/img/chunked.png'), policy({ maxBytes: 1024 })));
    expect(err.code).toBe('fetch_too_large');
  });

  it('gives up after timeoutMs with a retryable fetch_timeout', async () => {
    const err = await fetchError(safeFetch(cdnUrl('/img/slow.png'), policy({ timeoutMs: 150 })));

    expect(err.code).toBe('fetch_timeout');
    expect(err.retryable).toBe(true);
  });

  it('gives up when the body stalls past the deadline, not only the headers', async () => {
    // Below HTTP fakes on purpose: headers and a first chunk, then silence on an open socket.
    const stalling = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 500\r\n\r\n');
        socket.write(PNG_BYTES.subarray(0, 10));
      });
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const port = (stalling.address() as net.AddressInfo).port;
    try {
      const err = await fetchError(
        safeFetch(`http://127.0.0.1:${port}/img/x.png${SECRET_QUERY}`, policy({ timeoutMs: 200 })),
      );
      expect(err.code).toBe('fetch_timeout');
    } finally {
      stalling.close();
    }
  });

  it.each([403, 404, 410])('tells the user to upload again when the CDN answers %i', async (status) => {
    const err = await fetchError(safeFetch(cdnUrl(`/img/gone/${status}`), policy()));

    expect(err.code).toBe('fetch_expired');
    expect(err.userMessage).toBe(
      'The attachment link has expired or was deleted — please upload the image again.',
    );
    expect(err.retryable).toBe(false);
  });

  it('reports a 500 as a retryable fetch_failed with the status', async () => {
    const err = await fetchError(safeFetch(cdnUrl('/img/gone/500'), policy()));

    expect(err.code).toBe('fetch_failed');
    expect(err.userMessage).toContain('HTTP 500');
    expect(err.retryable).toBe(true);
  });

  it('reports a 400 as a fetch_failed that is not retried', async () => {
    const err = await fetchError(safeFetch(cdnUrl('/img/gone/400'), policy()));

    expect(err.code).toBe('fetch_failed');
    expect(err.retryable).toBe(false);
  });

  it('reports a refused connection as a retryable fetch_failed', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const err = await fetchError(safeFetch(`http://127.0.0.1:${port}/img/x.png${SECRET_QUERY}`, policy()));

    expect(err.code).toBe('fetch_failed');
    expect(err.retryable).toBe(true);
  });
});
