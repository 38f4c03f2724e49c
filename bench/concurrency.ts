/**
 * Concurrency efficiency: with a model that takes 2 s and 64 worker slots, 64 jobs should finish
 * every 2 s. Achieved throughput over ideal (slots / model time), for a queue of three full waves.
 * Everything but the model is the real worker path, with instant in-process stand-ins for the
 * storage and the platform (see stand-ins.ts).
 */
import sharp from 'sharp';
import { standInDelivery, standInProvider, standInStorage } from './stand-ins.ts';
import { makePhoto, seedQueuedGenerations, startBenchBot, storeSharedSource, waitUntil } from './support.ts';

export interface ConcurrencyResult {
  /** achieved / ideal, 0–1. */
  efficiency: number;
  achievedPerSecond: number;
  idealPerSecond: number;
  slots: number;
  modelMs: number;
  jobs: number;
}

export async function benchConcurrency(
  opts: { slots?: number; modelMs?: number; waves?: number } = {},
): Promise<ConcurrencyResult> {
  const slots = opts.slots ?? 64;
  const modelMs = opts.modelMs ?? 2000;
  const jobs = slots * (opts.waves ?? 3);
  const result = await sharp(await makePhoto(1024, 1024))
    .png()
    .toBuffer();
  const bot = await startBenchBot(
    'concurrency',
    { ROLES: 'worker', WORKER_CONCURRENCY: String(slots), JOB_LOCK_MS: '30000' },
    {
      overrides: {
        provider: standInProvider(result, modelMs),
        storage: standInStorage(),
        deliveries: { discord: standInDelivery() },
      },
    },
  );
  try {
    const s = bot.app.services;
    const sourceKey = await storeSharedSource(s.storage, await makePhoto(512, 512));
    const ids = await seedQueuedGenerations(s.db, s.box, { count: jobs, sourceKey, provider: 'openai' });
    let done = 0;
    bot.app.worker!.on('completed', () => {
      done++;
    });
    const started = performance.now();
    await Promise.all(ids.map((id) => s.queue.enqueue(id)));
    await waitUntil(() => done >= jobs, 'every job to finish', 120_000);
    const elapsed = (performance.now() - started) / 1000;
    const achievedPerSecond = jobs / elapsed;
    const idealPerSecond = slots / (modelMs / 1000);
    return {
      efficiency: achievedPerSecond / idealPerSecond,
      achievedPerSecond,
      idealPerSecond,
      slots,
      modelMs,
      jobs,
    };
  } finally {
    await bot.stop();
  }
}
