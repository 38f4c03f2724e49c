/**
 * Storage keys are paths inside our storage ("sources/<id>.png", "exports/<id>.zip"). Both
 * backends accept the same narrow alphabet, so a key can never climb out of its folder (`..`),
 * start at the root, or carry characters ImageKit would silently rewrite in a file name.
 */
import { StorageError } from './storage-error.ts';

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;

export function isValidStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment));
}

/** Throws a non-retryable StorageError for a key that is not a plain relative path. */
export function assertStorageKey(key: string): void {
  if (!isValidStorageKey(key)) {
    throw new StorageError(
      `Invalid storage key ${JSON.stringify(key.slice(0, 80))}: use relative paths of letters, digits, ".", "_", "-"`,
      { retryable: false, code: 'invalid_key' },
    );
  }
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  json: 'application/json',
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
};

/** The content type a key's extension implies (keys always carry one). */
export function contentTypeForKey(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
