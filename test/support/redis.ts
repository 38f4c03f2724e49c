/**
 * Redis for tests: the shared local server, with every test owning a unique key prefix / BullMQ
 * queue name so parallel tests never see each other's keys.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** `test-<label>-<uuid>`; no ':' so it is also a valid BullMQ queue name and prefix. */
export function uniquePrefix(label: string): string {
  return `test-${label.replaceAll(':', '-')}-${randomUUID()}`;
}

/** A client as BullMQ wants it (`maxRetriesPerRequest: null`). Close it with `quit()`. */
export function createTestRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
}

/** Deletes every key under `${prefix}:` (SCAN, so it never blocks the server like KEYS would). */
export async function cleanupPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

const escapeGlob = (s: string): string => s.replace(/[*?[\]\\]/g, '\\$&');
