/**
 * Local disk storage and the signed-link route that serves it, through a real express server on
 * 127.0.0.1.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { filesRouter } from '../../src/http/files.ts';
import { createLocalStorage, type LocalStorage } from '../../src/services/storage/local.ts';
import { StorageError } from '../../src/services/storage/storage-error.ts';
import { makePng } from '../support/images.ts';

const TTL = 3600;

let base: string;
let dir: string;
let now: Date;
let storage: LocalStorage;
let server: Server;
let png: Buffer;
let secret: Buffer;

beforeAll(async () => {
  png = await makePng({ width: 16, height: 16 });
  const app = express();
  // The router reads `storage` at request time through this indirection, so each test's instance serves.
  app.use((req, res, next) => filesRouter(storage)(req, res, next));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imagegen-storage-'));
  now = new Date('2026-11-25T12:00:00Z');
  secret = randomBytes(32);
  storage = createLocalStorage({ dir, publicUrl: `${base}/`, secret, ttlSeconds: TTL, clock: () => now });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'GET', path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local storage', () => {
  it('stores bytes on disk under the key and reads them back', async () => {
    const stored = await storage.put('sources/gen-1.png', png, 'image/png');

    expect(stored.key).toBe('sources/gen-1.png');
    expect((await readFile(join(dir, 'sources', 'gen-1.png'))).equals(png)).toBe(true);
    expect((await storage.get('sources/gen-1.png')).equals(png)).toBe(true);
    expect(storage).toMatchObject({ name: 'local', offline: true });
  });

  it('returns a signed link under the public URL that expires after the TTL', async () => {
    const stored = await storage.put('results/gen-2.png', png, 'image/png');

    const url = new URL(stored.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/files/results/gen-2.png`);
    expect(Number(url.searchParams.get('exp'))).toBe(now.getTime() / 1000 + TTL);
    expect(url.searchParams.get('sig')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(storage.url('results/gen-2.png', { expiresInSeconds: 60 })).searchParams.get('exp')).toBe(
      String(now.getTime() / 1000 + 60),
    );
  });

  it('deletes a file, and deleting it again is not an error', async () => {
    await storage.put('results/gen-3.png', png, 'image/png');

    await storage.delete('results/gen-3.png');
    await storage.delete('results/gen-3.png');

    await expect(storage.get('results/gen-3.png')).rejects.toMatchObject({
      code: 'not_found',
      retryable: false,
    });
  });

  it('reports a missing file as a non-retryable not_found StorageError', async () => {
    const error = await storage.get('sources/nothing.png').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
  });

  it('refuses keys that climb out of the folder or are absolute', async () => {
    for (const key of [
      '../outside.png',
      'a/../../outside.png',
      '/etc/passwd',
      'a\\..\\b.png',
      '.hidden',
      'a//b',
    ]) {
      await expect(storage.put(key, png, 'image/png')).rejects.toMatchObject({ code: 'invalid_key' });
      expect(() => storage.url(key)).toThrow(StorageError);
      expect(storage.resolveSignedPath(key, { exp: '9999999999', sig: 'x' })).toBeNull();
    }
  });
});

describe('files route', () => {
  it('serves a valid link with the bytes, the content type and a private cache lifetime', async () => {
    const stored = await storage.put('results/gen-4.png', png, 'image/png');

    const res = await fetch(stored.url);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe(`private, max-age=${TTL}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it('answers 403 with a short plain page when the signature was tampered with', async () => {
    const stored = await storage.put('results/gen-5.png', png, 'image/png');
    const url = new URL(stored.url);
    const sig = url.searchParams.get('sig')!;
    url.searchParams.set('sig', `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`);

    const res = await fetch(url);

    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('invalid or has expired');
  });

  it('answers 403 when the link points at another file than the one signed', async () => {
    const stored = await storage.put('results/gen-6.png', png, 'image/png');
    await storage.put('results/gen-7.png', png, 'image/png');

    const res = await fetch(stored.url.replace('gen-6.png', 'gen-7.png'));

    expect(res.status).toBe(403);
  });

  it('answers 403 once the link has expired', async () => {
    const stored = await storage.put('results/gen-8.png', png, 'image/png');
    now = new Date(now.getTime() + (TTL + 1) * 1000);

    const res = await fetch(stored.url);

    expect(res.status).toBe(403);
  });

  it('answers 403 without exp or sig', async () => {
    await storage.put('results/gen-9.png', png, 'image/png');

    expect((await fetch(`${base}/files/results/gen-9.png`)).status).toBe(403);
    const signed = new URL(storage.url('results/gen-9.png'));
    signed.searchParams.delete('exp');
    expect((await fetch(signed)).status).toBe(403);
  });

  it('answers 404 for a validly signed link to a file that was deleted', async () => {
    const stored = await storage.put('results/gen-10.png', png, 'image/png');
    await storage.delete('results/gen-10.png');

    const res = await fetch(stored.url);

    expect(res.status).toBe(404);
    expect(await res.text()).toContain('no longer stored');
  });

  it('refuses path traversal, even with a valid signature for the traversing key', async () => {
    // Signs like the storage does, as an attacker holding the secret could: proves the key rules,
    // not the signature, stop the traversal.
    const exp = String(now.getTime() / 1000 + 60);
    const forge = (key: string) =>
      createHmac('sha256', secret).update(`files\n${key}\n${exp}`).digest('base64url');
    await storage.put('results/ok.png', png, 'image/png');
    expect((await rawGet(`/files/results/ok.png?exp=${exp}&sig=${forge('results/ok.png')}`)).status).toBe(
      200,
    );

    const name = `${dir.split('/').pop()}-secret.txt`;
    const outside = join(dir, '..', name);
    await writeFile(outside, 'secret');
    try {
      for (const [path, key] of [
        [`/files/../${name}`, `../${name}`],
        [`/files/%2e%2e/${name}`, `../${name}`],
        [`/files/results/..%2f..%2f${name}`, `results/../../${name}`],
      ] as const) {
        const res = await rawGet(`${path}?exp=${exp}&sig=${forge(key)}`);
        expect(res.status).toBe(403);
        expect(res.body).not.toContain('secret');
      }
    } finally {
      await rm(outside, { force: true });
    }
  });
});
