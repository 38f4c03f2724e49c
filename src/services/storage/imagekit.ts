/**
 * ImageKit storage through `@imagekit/nodejs` (whose `baseURL` moves both the upload and the
 * management host, so it can be tested against a fake). A key such as `sources/<id>.png` is stored
 * at `<folder>/sources/<id>.png`. URLs are built locally and signed with the private key when they
 * must expire, so results stay private when the URL endpoint restricts unsigned URLs (the
 * recommended set-up).
 */
import ImageKit, { toFile } from '@imagekit/nodejs';
import type { ObjectStorage, StoredObject } from '../ports.ts';
import { assertStorageKey } from './keys.ts';
import { StorageError } from './storage-error.ts';

export interface ImageKitStorageOptions {
  privateKey: string;
  /** e.g. https://ik.imagekit.io/your_id */
  urlEndpoint: string;
  /** API host (https://api.imagekit.io); also used for uploads. */
  baseURL: string;
  /** Folder every key lives under, e.g. "/imagegen". */
  folder: string;
  /** Lifetime of the URL `put` returns. */
  signedUrlTtlSeconds: number;
  /** SDK retries on 429/5xx/network errors before giving up (default 2). */
  maxRetries?: number;
  timeoutMs?: number;
}

/** Lifetime of the signed URL `get` downloads through: just long enough for one request. */
const DOWNLOAD_URL_TTL_SECONDS = 300;

export function createImageKitStorage(opts: ImageKitStorageOptions): ObjectStorage {
  const client = new ImageKit({
    privateKey: opts.privateKey,
    baseURL: opts.baseURL,
    maxRetries: opts.maxRetries ?? 2,
    timeout: opts.timeoutMs ?? 60_000,
    // The SDK would otherwise log retries (with URLs) straight to the console.
    logLevel: 'off',
  });
  const folder = `/${opts.folder.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const timeoutMs = opts.timeoutMs ?? 60_000;

  /** Full path on ImageKit, e.g. "/imagegen/sources/x.png". */
  const filePath = (key: string) => `${folder}/${key}`;

  function url(key: string, urlOpts?: { expiresInSeconds?: number }): string {
    assertStorageKey(key);
    const expiresIn = urlOpts?.expiresInSeconds;
    return client.helper.buildSrc({
      urlEndpoint: opts.urlEndpoint,
      src: filePath(key),
      ...(expiresIn ? { expiresIn, signed: true } : {}),
    });
  }

  /** ImageKit deletes by fileId; when the caller did not keep it, find it by path. */
  async function findFileId(key: string): Promise<string | undefined> {
    const path = filePath(key);
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    const assets = await client.assets.list({
      path: `${path.slice(0, slash)}/`,
      searchQuery: `name = "${name}"`,
      type: 'file',
      limit: 10,
    });
    for (const asset of assets) {
      if ('fileId' in asset && asset.filePath === path && asset.fileId) return asset.fileId;
    }
    return undefined;
  }

  return {
    name: 'imagekit',
    offline: false,

    async put(key: string, data: Buffer, contentType: string): Promise<StoredObject> {
      assertStorageKey(key);
      const path = filePath(key);
      const slash = path.lastIndexOf('/');
      try {
        const res = await client.files.upload({
          file: await toFile(data, path.slice(slash + 1), { type: contentType }),
          fileName: path.slice(slash + 1),
          folder: path.slice(0, slash) || '/',
          // Our keys are unique already, and a retried job must land on the same path.
          useUniqueFileName: false,
          overwriteFile: true,
        });
        if (!res.fileId)
          throw new StorageError('ImageKit upload answered without a fileId', {
            retryable: true,
            code: 'unavailable',
          });
        return { key, fileId: res.fileId, url: url(key, { expiresInSeconds: opts.signedUrlTtlSeconds }) };
      } catch (error) {
        throw describeError(error, `upload of ${key}`);
      }
    },

    async get(key: string): Promise<Buffer> {
      // Through the URL endpoint (the API has no download call), signed so it works with
      // unsigned URLs restricted, and `orig-true` so the CDN returns the stored bytes untouched.
      assertStorageKey(key);
      const src = client.helper.buildSrc({
        urlEndpoint: opts.urlEndpoint,
        src: filePath(key),
        transformation: [{ original: true }],
        expiresIn: DOWNLOAD_URL_TTL_SECONDS,
        signed: true,
      });
      let res: Response;
      try {
        res = await fetch(src, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      } catch (error) {
        throw new StorageError(`ImageKit download of ${key} failed: ${(error as Error).message}`, {
          retryable: true,
          code: 'unavailable',
          cause: error,
        });
      }
      if (res.status === 404) {
        await res.body?.cancel();
        throw new StorageError(`ImageKit has no file for key ${key}`, {
          retryable: false,
          code: 'not_found',
          status: 404,
        });
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new StorageError(`ImageKit download of ${key} failed: HTTP ${res.status}`, {
          retryable: res.status === 429 || res.status >= 500,
          code: res.status === 401 || res.status === 403 ? 'auth' : 'unavailable',
          status: res.status,
        });
      }
      return Buffer.from(await res.arrayBuffer());
    },

    url,

    async delete(key: string, fileId?: string): Promise<void> {
      assertStorageKey(key);
      try {
        const id = fileId ?? (await findFileId(key));
        if (!id) return;
        await client.files.delete(id);
      } catch (error) {
        if (error instanceof ImageKit.NotFoundError) return;
        throw describeError(error, `delete of ${key}`);
      }
    },

    async purge(target: string): Promise<void> {
      // Purge the file's own URL: ImageKit drops every cached variant of it. Signature and
      // expiry parameters only identify one link, not the file.
      const plain = target.split('?')[0] ?? target;
      try {
        await client.cache.invalidation.create({ url: plain });
      } catch (error) {
        throw describeError(error, 'cache purge');
      }
    },
  };
}

/** An SDK error as a StorageError: status and ImageKit's own message, never the key or a URL. */
function describeError(error: unknown, what: string): Error {
  if (error instanceof StorageError) return error;
  if (!(error instanceof ImageKit.APIError)) return error instanceof Error ? error : new Error(String(error));
  const status = error.status;
  if (status === undefined) {
    return new StorageError(`ImageKit ${what} failed: could not reach ImageKit (${error.message})`, {
      retryable: true,
      code: 'unavailable',
      cause: error,
    });
  }
  const body = error.error as { message?: unknown } | undefined;
  const reason = typeof body?.message === 'string' ? `: ${body.message.slice(0, 200)}` : '';
  if (status === 401 || status === 403) {
    return new StorageError(
      `ImageKit ${what} failed: HTTP ${status}${reason} — check IMAGEKIT_PRIVATE_KEY and IMAGEKIT_BASE_URL`,
      { retryable: false, code: 'auth', status, cause: error },
    );
  }
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return new StorageError(`ImageKit ${what} failed: HTTP ${status}${reason}`, {
    retryable,
    code: retryable ? 'unavailable' : 'rejected',
    status,
    cause: error,
  });
}
