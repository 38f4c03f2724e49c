/**
 * Offline storage on the local disk, for development and for running without ImageKit. Every URL
 * is signed (HMAC-SHA256 over key and expiry) and served by `src/http/files.ts`, so a result link
 * works for whoever was given it, until it expires, and no one can list or guess other files.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Clock, ObjectStorage, StoredObject } from '../ports.ts';
import { assertStorageKey, isValidStorageKey } from './keys.ts';
import { StorageError } from './storage-error.ts';

export interface LocalStorageOptions {
  /** Folder the files live in (created on first write). */
  dir: string;
  /** Base URL of the web role, e.g. "https://bot.example.com"; links point at `${publicUrl}/files/…`. */
  publicUrl: string;
  /** Key for the URL signatures. */
  secret: Buffer;
  /** Lifetime of a link when the caller does not ask for one. */
  ttlSeconds: number;
  clock?: Clock;
}

export type LocalStorage = ObjectStorage & {
  /**
   * The absolute path of the file a signed link points at, or null when the key is malformed, the
   * signature does not match or the link has expired. Does not check that the file exists.
   */
  resolveSignedPath(key: string, query: { exp?: string; sig?: string }): string | null;
  /** Seconds until a link's `exp` (for Cache-Control); 0 when expired or malformed. */
  secondsLeft(exp: string | undefined): number;
};

export function createLocalStorage(opts: LocalStorageOptions): LocalStorage {
  const root = resolve(opts.dir);
  const clock = opts.clock ?? (() => new Date());
  const base = opts.publicUrl.replace(/\/+$/, '');
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);

  const sign = (key: string, exp: number) =>
    createHmac('sha256', opts.secret).update(`files\n${key}\n${exp}`).digest('base64url');

  /** Absolute path for a valid key; the prefix check is a second fence behind the key rules. */
  function pathFor(key: string): string {
    assertStorageKey(key);
    const path = resolve(root, key);
    if (!path.startsWith(root + sep)) {
      throw new StorageError('Storage key resolves outside the storage folder', {
        retryable: false,
        code: 'invalid_key',
      });
    }
    return path;
  }

  function url(key: string, urlOpts?: { expiresInSeconds?: number }): string {
    assertStorageKey(key);
    const exp = nowSeconds() + (urlOpts?.expiresInSeconds ?? opts.ttlSeconds);
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${base}/files/${path}?exp=${exp}&sig=${sign(key, exp)}`;
  }

  return {
    name: 'local',
    offline: true,

    async put(key: string, data: Buffer): Promise<StoredObject> {
      const path = pathFor(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file and a retried job simply overwrites.
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, path);
      return { key, url: url(key) };
    },

    async get(key: string): Promise<Buffer> {
      try {
        return await readFile(pathFor(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new StorageError(`No stored object for key ${key}`, {
            retryable: false,
            code: 'not_found',
            cause: e,
          });
        }
        throw e;
      }
    },

    url,

    async delete(key: string): Promise<void> {
      await rm(pathFor(key), { force: true });
    },

    resolveSignedPath(key, query) {
      if (!isValidStorageKey(key) || !query.exp || !query.sig || !/^\d{1,12}$/.test(query.exp)) return null;
      const exp = Number(query.exp);
      if (exp < nowSeconds()) return null;
      const expected = Buffer.from(sign(key, exp));
      const given = Buffer.from(query.sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return pathFor(key);
    },

    secondsLeft(exp) {
      if (!exp || !/^\d{1,12}$/.test(exp)) return 0;
      return Math.max(0, Number(exp) - nowSeconds());
    },
  };
}
