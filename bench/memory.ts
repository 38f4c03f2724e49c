/**
 * Memory of the bot as production runs it: `node src/main.ts` in a child process of its own, its
 * resident set size (RSS, from /proc) sampled every 200 ms, so nothing of the bench or the fakes
 * is counted.
 *
 * - Steady state: 10 000 generations through a worker process (16 slots) — the real worker path
 *   with the offline filters, local storage and the playground delivery (Redis pub/sub), on small
 *   images so the run stays short. A leak shows as RSS growing with the job count.
 * - Large images: 64 `/imagine` commands with an 8 MB photo each, all at once, into a process
 *   running the gateway and a 64-slot worker — downloads, decoding, moderation, storage through
 *   the real SDKs, a 2 s model — the peak while all 64 are in flight.
 */

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createGenerationQueue, createRedis } from '../src/services/queue.ts';
import { createSecretBox } from '../src/services/secret-box.ts';
import { createLocalStorage } from '../src/services/storage/local.ts';
import { startFakeDiscord } from '../test/fakes/discord.ts';
import { startFakeGateway } from '../test/fakes/discord-gateway.ts';
import { startFakeImageKit } from '../test/fakes/imagekit.ts';
import { startFakeOpenAI } from '../test/fakes/openai.ts';
import { chatInputInteraction, TEST_APP_ID } from '../test/support/discord-interactions.ts';
import { spawnApp } from '../test/support/processes.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL } from '../test/support/redis.ts';
import {
  BENCH_KEY,
  createBenchDatabase,
  makeNoisyPhoto,
  makePhoto,
  rssOf,
  sampleEvery,
  seedQueuedGenerations,
  storeSharedSource,
  waitUntil,
} from './support.ts';

const MB = 1024 * 1024;

/**
 * The memory settings docs/operations.md recommends for production, applied to the measured
 * process: fewer glibc malloc arenas (sharp's threads otherwise fragment memory) and a V8 heap
 * cap (V8 sizes its heap from the machine's memory and lets garbage pile up far past need).
 */
export const PRODUCTION_MEMORY_SETTINGS = {
  MALLOC_ARENA_MAX: '2',
  NODE_OPTIONS: '--max-old-space-size=256',
};

export interface SteadyMemoryResult {
  jobs: number;
  seconds: number;
  /** RSS once the worker is up, before the first job. */
  startMb: number;
  peakMb: number;
  /** Mean RSS over the first and the last tenth of the run: equal when memory is flat. */
  firstTenthMb: number;
  lastTenthMb: number;
}

export interface LargeImagesResult {
  jobs: number;
  imageMb: number;
  startMb: number;
  peakMb: number;
  seconds: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function benchMemorySteady(
  opts: { jobs?: number; concurrency?: number } = {},
): Promise<SteadyMemoryResult> {
  const jobs = opts.jobs ?? 10_000;
  const concurrency = opts.concurrency ?? 16;
  const database = await createBenchDatabase('rss');
  const dir = await mkdtemp(join(tmpdir(), 'imagegen-bench-rss-'));
  const prefix = `bench-rss-${randomUUID()}`;
  const key = Buffer.from(BENCH_KEY, 'base64');
  const storage = createLocalStorage({ dir, publicUrl: 'http://127.0.0.1:9', secret: key, ttlSeconds: 3600 });
  const sourceKey = await storeSharedSource(storage, await makePhoto(96, 96));
  const ids = await seedQueuedGenerations(database.db, createSecretBox(key), {
    count: jobs,
    sourceKey,
    provider: 'local',
    platform: 'playground',
  });
  const worker = spawnApp('bench-rss-worker', {
    ROLES: 'worker',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_ENCRYPTION_KEY: BENCH_KEY,
    IMAGE_PROVIDER: 'local',
    STORAGE: 'local',
    LOCAL_STORAGE_DIR: dir,
    WORKER_CONCURRENCY: String(concurrency),
    PLAYGROUND: 'off',
    LOG_LEVEL: 'info',
    ...PRODUCTION_MEMORY_SETTINGS,
  });
  const producer = createRedis(TEST_REDIS_URL, 'producer');
  const queue = createGenerationQueue(
    { redisUrl: TEST_REDIS_URL, prefix, attempts: 3, backoffMs: 50 },
    producer,
  );
  try {
    await worker.waitForLog((l) => l.msg === 'worker role started');
    const pid = worker.child.pid!;
    const startMb = (await rssOf(pid)) / MB;
    const sampler = sampleEvery(() => rssOf(pid), 200);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        for (let i = lane; i < ids.length; i += 16) await queue.enqueue(ids[i]!);
      }),
    );
    await waitUntil(
      async () => (await database.db.generation.count({ where: { deliveredAt: { not: null } } })) >= jobs,
      `${jobs} generations to be delivered`,
      240_000,
    );
    const seconds = (performance.now() - started) / 1000;
    const samples = (await sampler.stop()).map((b) => b / MB);
    const tenth = Math.max(1, Math.floor(samples.length / 10));
    const failed = await database.db.generation.count({ where: { status: 'failed' } });
    if (failed) throw new Error(`bench: ${failed} generations failed in the memory run`);
    return {
      jobs,
      seconds,
      startMb,
      peakMb: Math.max(startMb, ...samples),
      firstTenthMb: mean(samples.slice(0, tenth)),
      lastTenthMb: mean(samples.slice(-tenth)),
    };
  } finally {
    await worker.stop();
    await queue.close();
    producer.disconnect();
    const redis = createTestRedis();
    await cleanupPrefix(redis, prefix);
    redis.disconnect();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchMemoryLargeImages(
  opts: { jobs?: number; modelMs?: number } = {},
): Promise<LargeImagesResult> {
  const jobs = opts.jobs ?? 64;
  const modelMs = opts.modelMs ?? 2000;
  const database = await createBenchDatabase('rss_large');
  const [discord, openai, imagekit] = await Promise.all([
    startFakeDiscord(),
    startFakeOpenAI(),
    startFakeImageKit(),
  ]);
  const gateway = await startFakeGateway(discord, { applicationId: TEST_APP_ID });
  const prefix = `bench-rss-large-${randomUUID()}`;
  // A 12 MP phone photo of about 8 MB; the model answers with a 1024 × 1536 PNG after 2 s.
  const photo = await makeNoisyPhoto(4000, 3000, 97);
  openai.resultImage = await sharp(photo).resize(1024, 1536, { fit: 'cover' }).png().toBuffer();
  openai.http.failNext(
    'POST',
    '/v1/images/edits',
    {
      status: 200,
      delayMs: modelMs,
      body: { created: 1, data: [{ b64_json: openai.resultImage.toString('base64') }] },
    },
    jobs,
  );
  const url = discord.addAttachment('photo.jpg', photo, 'image/jpeg');
  const bot = spawnApp('bench-rss-large', {
    ROLES: 'discord,worker',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_ENCRYPTION_KEY: BENCH_KEY,
    DISCORD_TOKEN: 'bench-bot-token',
    DISCORD_APPLICATION_ID: TEST_APP_ID,
    DISCORD_API_URL: `${discord.url}/api`,
    DISCORD_CDN_HOSTS: '127.0.0.1',
    FETCH_ALLOWED_PRIVATE_ADDRESSES: '127.0.0.1',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: `${openai.url}/v1`,
    IMAGEKIT_PRIVATE_KEY: imagekit.privateKey,
    IMAGEKIT_URL_ENDPOINT: imagekit.urlEndpoint,
    IMAGEKIT_BASE_URL: imagekit.url,
    WORKER_CONCURRENCY: String(jobs),
    USER_MAX_CONCURRENT_JOBS: '1000',
    FREE_DAILY_QUOTA: '100000',
    JOB_LOCK_MS: '60000',
    PLAYGROUND: 'off',
    ...PRODUCTION_MEMORY_SETTINGS,
  });
  try {
    await bot.waitForLog((l) => l.msg === 'discord gateway ready');
    await bot.waitForLog((l) => l.msg === 'worker role started');
    const pid = bot.child.pid!;
    const startMb = (await rssOf(pid)) / MB;
    const sampler = sampleEvery(() => rssOf(pid), 100);
    const started = performance.now();
    for (let i = 0; i < jobs; i++) {
      gateway.dispatch(
        0,
        'INTERACTION_CREATE',
        chatInputInteraction({
          command: 'imagine',
          userId: String(260000000000000000n + BigInt(i)),
          options: { style: 'watercolor' },
          attachments: {
            image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: photo.length },
          },
        }),
      );
    }
    try {
      await waitUntil(
        async () => (await database.db.generation.count({ where: { deliveredAt: { not: null } } })) >= jobs,
        `${jobs} large generations to be delivered`,
        240_000,
      );
    } catch (e) {
      const states = await database.db.generation.groupBy({ by: ['status'], _count: true });
      const problems = bot.logs
        .filter((l) => l.level >= 40)
        .slice(-5)
        .map((l) => `${l.msg} ${JSON.stringify(l.err ?? l.discord ?? '')}`);
      throw new Error(
        `${(e as Error).message}; rows by status ${JSON.stringify(states)}; last problems: ${problems.join(' | ')}`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const samples = (await sampler.stop()).map((b) => b / MB);
    return { jobs, imageMb: photo.length / 1e6, startMb, peakMb: Math.max(startMb, ...samples), seconds };
  } finally {
    await bot.stop();
    await gateway.stop();
    await Promise.all([discord.stop(), openai.stop(), imagekit.stop()]);
    const redis = createTestRedis();
    await cleanupPrefix(redis, prefix);
    redis.disconnect();
    await database.drop();
  }
}
