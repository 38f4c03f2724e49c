/**
 * Throughput of the bot's queue path beside a bare BullMQ loop on the same Redis. Bare: `add`
 * then a worker whose processor does nothing. Bot: the generation queue (`enqueue`) and the real
 * worker — load the row, mark it processing, post progress, fetch the source, the model, strip
 * the result's metadata (sharp), store it, record it, post it, record the delivery — with instant
 * in-process stand-ins for the model, the storage and the platform (stand-ins.ts). Same number of
 * jobs, same concurrency; intake is measured elsewhere, so the generations are seeded as intake
 * leaves them (queued, source stored).
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import sharp from 'sharp';
import { createRedis } from '../src/services/queue.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL } from '../test/support/redis.ts';
import { standInDelivery, standInProvider, standInStorage } from './stand-ins.ts';
import { makePhoto, seedQueuedGenerations, startBenchBot, storeSharedSource, waitUntil } from './support.ts';

export interface ThroughputResult {
  botPerSecond: number;
  barePerSecond: number;
  ratio: number;
  jobs: number;
  concurrency: number;
}

async function bareBullmq(jobs: number, concurrency: number): Promise<number> {
  const prefix = `bench-bare-${randomUUID()}`;
  const producer = createRedis(TEST_REDIS_URL, 'producer');
  const connection = createRedis(TEST_REDIS_URL, 'worker');
  const queue = new Queue('bare', { connection: producer, prefix });
  let done = 0;
  const worker = new Worker('bare', async () => undefined, {
    connection,
    prefix,
    concurrency,
    autorun: false,
  });
  worker.on('completed', () => {
    done++;
  });
  await worker.waitUntilReady();
  void worker.run();
  try {
    const started = performance.now();
    // Added one by one and awaited, as intake does (each command adds its own job).
    await Promise.all(
      Array.from({ length: concurrency }, async (_, lane) => {
        for (let i = lane; i < jobs; i += concurrency) {
          await queue.add('job', { i }, { jobId: randomUUID(), removeOnComplete: { count: 10_000 } });
        }
      }),
    );
    await waitUntil(() => done >= jobs, 'the bare BullMQ jobs', 60_000);
    return jobs / ((performance.now() - started) / 1000);
  } finally {
    await worker.close();
    await queue.close();
    producer.disconnect();
    connection.disconnect();
    const redis = createTestRedis();
    await cleanupPrefix(redis, prefix);
    redis.disconnect();
  }
}

async function botQueuePath(jobs: number, concurrency: number): Promise<number> {
  const result = await sharp(await makePhoto(256, 256))
    .png()
    .toBuffer();
  const bot = await startBenchBot(
    'throughput',
    { ROLES: 'worker', WORKER_CONCURRENCY: String(concurrency) },
    {
      overrides: {
        provider: standInProvider(result),
        storage: standInStorage(),
        deliveries: { discord: standInDelivery() },
      },
    },
  );
  try {
    const s = bot.app.services;
    const sourceKey = await storeSharedSource(s.storage, await makePhoto(256, 256));
    const ids = await seedQueuedGenerations(s.db, s.box, { count: jobs, sourceKey, provider: 'openai' });
    let done = 0;
    bot.app.worker!.on('completed', () => {
      done++;
    });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, lane) => {
        for (let i = lane; i < ids.length; i += concurrency) await s.queue.enqueue(ids[i]!);
      }),
    );
    await waitUntil(() => done >= jobs, 'the bot to deliver every generation', 120_000);
    const elapsed = (performance.now() - started) / 1000;
    const delivered = await s.db.generation.count({ where: { deliveredAt: { not: null } } });
    if (delivered !== jobs) throw new Error(`bench: ${delivered} of ${jobs} generations delivered`);
    return jobs / elapsed;
  } finally {
    await bot.stop();
  }
}

export async function benchThroughput(
  opts: { jobs?: number; concurrency?: number } = {},
): Promise<ThroughputResult> {
  const jobs = opts.jobs ?? 1000;
  const concurrency = opts.concurrency ?? 16;
  const barePerSecond = await bareBullmq(jobs, concurrency);
  const botPerSecond = await botQueuePath(jobs, concurrency);
  return { botPerSecond, barePerSecond, ratio: botPerSecond / barePerSecond, jobs, concurrency };
}
