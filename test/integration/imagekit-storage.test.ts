/**
 * ImageKit storage through the real `@imagekit/nodejs` SDK against the fake ImageKit (API + CDN).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStorage } from '../../src/services/ports.ts';
import { createImageKitStorage } from '../../src/services/storage/imagekit.ts';
import { StorageError } from '../../src/services/storage/storage-error.ts';
import { type FakeImageKit, startFakeImageKit } from '../fakes/imagekit.ts';
import { makePng } from '../support/images.ts';

let fake: FakeImageKit;
let storage: ObjectStorage;
let png: Buffer;

const TTL = 3600;

beforeAll(async () => {
  fake = await startFakeImageKit();
  png = await makePng({ width: 32, height: 32 });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.http.reset();
  fake.files.clear();
  fake.uploads.length = 0;
  fake.deleted.length = 0;
  fake.purged.length = 0;
  fake.requireSignedUrls = false;
  fake.now = () => Date.now();
  storage = createImageKitStorage({
    privateKey: fake.privateKey,
    urlEndpoint: fake.urlEndpoint,
    baseURL: fake.url,
    folder: '/imagegen',
    signedUrlTtlSeconds: TTL,
    maxRetries: 1,
  });
});

describe('ImageKit storage', () => {
  it('uploads the bytes under the folder with the key as path, and returns the fileId and a signed URL', async () => {
    const before = Math.floor(Date.now() / 1000);

    const stored = await storage.put('sources/gen-1.png', png, 'image/png');

    const file = fake.files.get('/imagegen/sources/gen-1.png');
    expect(file?.bytes.equals(png)).toBe(true);
    expect(file?.contentType).toBe('image/png');
    expect(fake.uploads[0]).toMatchObject({
      fileName: 'gen-1.png',
      folder: '/imagegen/sources',
      useUniqueFileName: 'false',
    });
    expect(stored.key).toBe('sources/gen-1.png');
    expect(stored.fileId).toBe(file?.fileId);
    const url = new URL(stored.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.urlEndpoint}/imagegen/sources/gen-1.png`);
    const expiry = Number(url.searchParams.get('ik-t'));
    expect(expiry).toBeGreaterThanOrEqual(before + TTL);
    expect(expiry).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + TTL);
    expect(url.searchParams.get('ik-s')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('authenticates uploads with the private key', async () => {
    await storage.put('sources/a.png', png, 'image/png');

    const auth = fake.http.received('POST', '/api/v1/files/upload')[0]!.headers.authorization!;
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).toMatch(/^private_fake_key:/);
  });

  it('returns a signed URL the CDN accepts while it is valid and refuses once it has expired', async () => {
    fake.requireSignedUrls = true;
    await storage.put('results/gen-2.png', png, 'image/png');
    const signed = storage.url('results/gen-2.png', { expiresInSeconds: 60 });

    const ok = await fetch(signed);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(png)).toBe(true);

    fake.now = () => Date.now() + 120_000;
    expect((await fetch(signed)).status).toBe(401);
  });

  it('refuses a signed URL whose path was changed', async () => {
    await storage.put('results/gen-3.png', png, 'image/png');
    await storage.put('results/gen-4.png', png, 'image/png');
    const signed = storage.url('results/gen-3.png', { expiresInSeconds: 60 });

    const tampered = signed.replace('gen-3.png', 'gen-4.png');

    expect((await fetch(tampered)).status).toBe(401);
  });

  it('gives the plain URL when no expiry is asked for', async () => {
    expect(storage.url('results/gen-5.png')).toBe(`${fake.urlEndpoint}/imagegen/results/gen-5.png`);
  });

  it('reads the stored bytes back through a signed URL of the original file', async () => {
    fake.requireSignedUrls = true;
    await storage.put('sources/gen-6.png', png, 'image/png');

    const bytes = await storage.get('sources/gen-6.png');

    expect(bytes.equals(png)).toBe(true);
    const cdn = fake.http.received('GET', '/ik/imagegen/sources/gen-6.png')[0]!;
    expect(cdn.query.get('tr')).toBe('orig-true');
  });

  it('reports a missing file on read as a non-retryable not_found error', async () => {
    const error = await storage.get('sources/missing.png').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
  });

  it('deletes by fileId', async () => {
    const stored = await storage.put('results/gen-7.png', png, 'image/png');

    await storage.delete('results/gen-7.png', stored.fileId);

    expect(fake.deleted).toEqual([stored.fileId]);
    expect(fake.files.has('/imagegen/results/gen-7.png')).toBe(false);
  });

  it('finds the fileId by path when the caller did not keep it', async () => {
    await storage.put('results/gen-8.png', png, 'image/png');
    await storage.put('results/gen-80.png', png, 'image/png');
    const id = fake.files.get('/imagegen/results/gen-8.png')!.fileId;

    await storage.delete('results/gen-8.png');

    expect(fake.deleted).toEqual([id]);
    expect([...fake.files.keys()]).toEqual(['/imagegen/results/gen-80.png']);
  });

  it('treats deleting a file that is already gone as success', async () => {
    await expect(storage.delete('results/gone.png', 'no-such-file-id')).resolves.toBeUndefined();
    await expect(storage.delete('results/gone.png')).resolves.toBeUndefined();
    expect(fake.http.received('DELETE', '/v1/files/no-such-file-id')).toHaveLength(1);
  });

  it('purges the file URL without its signature', async () => {
    const stored = await storage.put('results/gen-9.png', png, 'image/png');

    await storage.purge!(stored.url);

    expect(fake.purged).toEqual([`${fake.urlEndpoint}/imagegen/results/gen-9.png`]);
  });

  it('surfaces a persisting ImageKit 500 as a clear, retryable error without secrets', async () => {
    fake.http.failNext(
      'POST',
      '/api/v1/files/upload',
      { status: 500, headers: { 'retry-after-ms': '5' }, body: { message: 'Internal server error' } },
      5,
    );

    const error = await storage.put('sources/gen-10.png', png, 'image/png').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ retryable: true, code: 'unavailable', status: 500 });
    expect((error as Error).message).toBe(
      'ImageKit upload of sources/gen-10.png failed: HTTP 500: Internal server error',
    );
    expect((error as Error).message).not.toContain(fake.privateKey);
    // One try plus maxRetries (1).
    expect(fake.http.received('POST', '/api/v1/files/upload')).toHaveLength(2);
  });

  it('recovers from one ImageKit 500 through the SDK retry', async () => {
    fake.http.failNext('DELETE', '/v1/files/:id', {
      status: 503,
      headers: { 'retry-after-ms': '5' },
      body: {},
    });
    const stored = await storage.put('results/gen-11.png', png, 'image/png');

    await storage.delete('results/gen-11.png', stored.fileId);

    expect(fake.deleted).toEqual([stored.fileId]);
  });

  it('says which setting to check when the private key is refused, and does not retry', async () => {
    const wrong = createImageKitStorage({
      privateKey: 'private_wrong',
      urlEndpoint: fake.urlEndpoint,
      baseURL: fake.url,
      folder: '/imagegen',
      signedUrlTtlSeconds: TTL,
    });

    const error = await wrong.put('sources/gen-12.png', png, 'image/png').catch((e: unknown) => e);

    expect(error).toMatchObject({ retryable: false, code: 'auth', status: 401 });
    expect((error as Error).message).toContain('IMAGEKIT_PRIVATE_KEY');
    expect((error as Error).message).not.toContain('private_wrong');
  });

  it('refuses keys that would leave the folder', async () => {
    for (const key of ['../escape.png', '/abs.png', 'a/../../b.png', 'a//b.png', '']) {
      await expect(storage.put(key, png, 'image/png')).rejects.toMatchObject({
        code: 'invalid_key',
        retryable: false,
      });
    }
    expect(fake.http.requests).toHaveLength(0);
  });
});
