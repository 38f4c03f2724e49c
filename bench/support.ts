/**
 * Shared pieces of the bench: a fresh, migrated database per stage (created and dropped here —
 * the test helpers' template database only exists under vitest), the local fakes, queued
 * generations seeded straight into the database for the queue-path stages, percentiles and RSS
 * sampling. Everything talks to loopback only.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import sharp from 'sharp';
import { type AppOptions, type RunningApp, startApp } from '../src/app.ts';
import type { ReplyTarget } from '../src/commands/types.ts';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db.ts';
import { applyMigrations } from '../src/services/migrations.ts';
import type { ObjectStorage } from '../src/services/ports.ts';
import { sealReplyTarget } from '../src/services/reply-targets.ts';
import type { SecretBox } from '../src/services/secret-box.ts';
import { feedInteraction, TEST_APP_ID } from '../test/support/discord-interactions.ts';
import { dropDatabase, testDatabaseUrl, uniqueDatabaseName } from '../test/support/postgres.ts';
import { preAcceptPrivacyPolicy } from '../test/support/privacy.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL } from '../test/support/redis.ts';
import { type FakeUrls, startFakesProcess } from './fakes-process.ts';

export const BENCH_KEY = Buffer.alloc(32, 42).toString('base64');

/** p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process in bytes, read from /proc (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** Samples `read()` every `everyMs` until stopped; keeps every sample. */
export function sampleEvery(read: () => Promise<number>, everyMs = 200) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await read().catch(() => Number.NaN));
      await sleep(everyMs);
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
      return samples.filter((s) => Number.isFinite(s));
    },
  };
}

/** Polls until `done()` or the deadline; throws with `what` on timeout. */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A new database, migrated like production, whose users have passed the first-use age gate. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = uniqueDatabaseName(`bench_${label}`);
  const url = testDatabaseUrl(name);
  await applyMigrations({ databaseUrl: url });
  const db = createDb(url, 10);
  await preAcceptPrivacyPolicy(db);
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect().catch(() => undefined);
      await dropDatabase(name);
    },
  };
}

/** Environment pointing the bot at the fakes, the database and a private queue prefix. */
export function benchEnv(database: BenchDatabase, fakes: FakeUrls, prefix: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_ENCRYPTION_KEY: BENCH_KEY,
    DISCORD_TOKEN: 'bench-bot-token',
    DISCORD_APPLICATION_ID: TEST_APP_ID,
    DISCORD_API_URL: `${fakes.discordUrl}/api`,
    DISCORD_CDN_HOSTS: '127.0.0.1',
    FETCH_ALLOWED_PRIVATE_ADDRESSES: '127.0.0.1',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: `${fakes.openaiUrl}/v1`,
    IMAGEKIT_PRIVATE_KEY: fakes.imagekitPrivateKey,
    IMAGEKIT_URL_ENDPOINT: fakes.imagekitUrlEndpoint,
    IMAGEKIT_BASE_URL: fakes.imagekitUrl,
    USER_MAX_CONCURRENT_JOBS: '100000',
    FREE_DAILY_QUOTA: '1000000',
    GENERATION_BACKOFF_MS: '50',
    PLAYGROUND: 'off',
  };
}

export interface BenchBot {
  app: RunningApp;
  database: BenchDatabase;
  prefix: string;
  /** Hands a raw gateway interaction to the real discord.js client. */
  feed(raw: unknown): void;
  stop(): Promise<void>;
}

/**
 * The whole bot in this process (same `startApp` as production) against a new database and the
 * fakes (`opts.fakes`, or a fakes process of its own, stopped with the bot).
 */
export async function startBenchBot(
  label: string,
  env: Record<string, string>,
  opts: AppOptions & { fakes?: FakeUrls } = {},
): Promise<BenchBot> {
  const { fakes: given, ...appOptions } = opts;
  const ownFakes = given ? undefined : await startFakesProcess();
  const fakes = given ?? ownFakes!;
  const database = await createBenchDatabase(label);
  const prefix = `bench-${label}-${randomUUID()}`;
  const config = loadConfig({ ...benchEnv(database, fakes, prefix), ...env });
  const app = await startApp(config, pino({ level: 'silent' }), {
    discordGateway: false,
    migrate: false,
    host: '127.0.0.1',
    ...appOptions,
  });
  return {
    app,
    database,
    prefix,
    feed(raw) {
      if (!app.discord) throw new Error('the discord role is not running');
      feedInteraction(app.discord, raw);
    },
    async stop() {
      await app.stop();
      const redis = createTestRedis();
      await cleanupPrefix(redis, prefix);
      redis.disconnect();
      await database.drop();
      await ownFakes?.stop();
    },
  };
}

/** A photo-like JPEG (smooth gradients and shapes, so it compresses like a photo) of about `megapixels`. */
export async function makePhoto(width: number, height: number, quality = 90): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1e3c72"/><stop offset="0.5" stop-color="#e8a87c"/><stop offset="1" stop-color="#2a5298"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 97) % width}" cy="${(i * 61) % height}" r="${20 + ((i * 13) % 120)}" fill="hsl(${(i * 37) % 360},70%,55%)" fill-opacity="0.5"/>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality }).toBuffer();
}

/** Camera noise on top of a photo: what makes real 8 MB photos 8 MB. */
export async function makeNoisyPhoto(width: number, height: number, quality: number): Promise<Buffer> {
  const base = await sharp(await makePhoto(width, height))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const data = base.data;
  let seed = 2463534242;
  for (let i = 0; i < data.length; i++) {
    // xorshift32: sensor-like noise that JPEG cannot compress away.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    data[i] = Math.max(0, Math.min(255, data[i]! + ((seed >>> 0) % 49) - 24));
  }
  return sharp(data, { raw: base.info }).jpeg({ quality }).toBuffer();
}

/**
 * Inserts `count` generations already through intake (status `queued`, a stored source), as
 * intake leaves them, for the stages that measure the queue path; returns their ids.
 */
export async function seedQueuedGenerations(
  db: Db,
  box: SecretBox,
  opts: {
    count: number;
    users?: number;
    sourceKey: string;
    provider: string;
    platform?: 'discord' | 'playground';
  },
): Promise<string[]> {
  const platform = opts.platform ?? 'discord';
  const userCount = opts.users ?? 100;
  const users = Array.from({ length: userCount }, () => randomUUID());
  await db.user.createMany({ data: users.map((id) => ({ id })) });
  const ids: string[] = [];
  const now = new Date();
  const rows = Array.from({ length: opts.count }, (_, i) => {
    const id = randomUUID();
    ids.push(id);
    const target: ReplyTarget =
      platform === 'discord'
        ? {
            platform,
            scope: '300000000000000003',
            channelId: '400000000000000004',
            userId: '200000000000000002',
            receivedAt: Date.now(),
            data: {
              applicationId: TEST_APP_ID,
              interactionId: String(1_000_000_000_000_000_000n + BigInt(i)),
              interactionToken: `bench-token-${id}`,
              canPostInChannel: true,
            },
          }
        : {
            // Delivered over Redis pub/sub to a page that is not listening: a platform with no cost.
            platform,
            scope: '',
            channelId: 'playground',
            userId: users[i % userCount]!,
            receivedAt: Date.now(),
            data: { sessionId: users[i % userCount]!, messageId: id },
          };
    return {
      id,
      userId: users[i % userCount]!,
      platform,
      scope: target.scope,
      status: 'queued' as const,
      style: 'noir',
      prompt: '',
      provider: opts.provider,
      replyTarget: sealReplyTarget(box, target),
      sourceKey: opts.sourceKey,
      sourceWidth: 256,
      sourceHeight: 256,
      createdAt: now,
      queuedAt: now,
    };
  });
  for (let i = 0; i < rows.length; i += 1000)
    await db.generation.createMany({ data: rows.slice(i, i + 1000) });
  return ids;
}

/** Stores one source image every seeded generation points at. */
export async function storeSharedSource(storage: ObjectStorage, bytes: Buffer): Promise<string> {
  const key = `sources/bench-${randomUUID()}.jpg`;
  await storage.put(key, bytes, 'image/jpeg');
  return key;
}
