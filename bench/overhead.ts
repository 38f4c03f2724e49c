/**
 * Overhead per generation: the time from a `/imagine` interaction with a 4 MP JPEG to its result
 * posted on Discord, minus the time spent in the image model call. Everything else is ours:
 * acknowledgement, download from the CDN, decoding and normalising, the moderation call, storing
 * the source (ImageKit SDK), the queue, the worker, metadata stripping, storing the result, the
 * Discord edits — real SDKs against instant local fakes. One generation at a time.
 */
import sharp from 'sharp';
import { chatInputInteraction } from '../test/support/discord-interactions.ts';
import type { FakesProcess } from './fakes-process.ts';
import { makePhoto, percentile, startBenchBot, waitUntil } from './support.ts';

export interface OverheadResult {
  p50: number;
  p95: number;
  n: number;
  /** Median model-call time that was subtracted (instant fake: the SDK's upload and round trip). */
  providerP50: number;
}

export async function benchOverhead(fakes: FakesProcess, opts: { n?: number } = {}): Promise<OverheadResult> {
  const n = opts.n ?? 40;
  const bot = await startBenchBot(
    'overhead',
    { ROLES: 'discord,worker', WORKER_CONCURRENCY: '4' },
    { fakes },
  );
  try {
    // 2448 × 1632 ≈ 4.0 MP, a phone photo; the model answers with a 1024 × 1024 PNG.
    const photo = await makePhoto(2448, 1632);
    await fakes.setResultImage(await sharp(photo).resize(1024, 1024, { fit: 'cover' }).png().toBuffer());
    const url = await fakes.addAttachment('photo.jpg', photo, 'image/jpeg');
    // The worker finishes a job after the result is posted and recorded.
    const finished: Array<{ id: string; at: number }> = [];
    bot.app.worker!.on('completed', (job) => finished.push({ id: String(job.id), at: performance.now() }));

    const overheads: number[] = [];
    const providerTimes: number[] = [];
    const warmup = 3;
    for (let i = 0; i < n + warmup; i++) {
      const raw = chatInputInteraction({
        command: 'imagine',
        userId: String(240000000000000000n + BigInt(i)),
        options: { style: 'watercolor', prompt: 'golden hour' },
        attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: photo.length } },
      });
      const before = finished.length;
      const started = performance.now();
      bot.feed(raw);
      // One at a time: the next job the worker completes is this one.
      await waitUntil(() => finished.length > before, 'the result to be posted', 30_000);
      const { id, at } = finished[before]!;
      const gen = await bot.database.db.generation.findUniqueOrThrow({ where: { id } });
      if (gen.status !== 'succeeded') throw new Error(`bench generation ${gen.status}: ${gen.errorCode}`);
      if (i < warmup) continue;
      overheads.push(at - started - (gen.providerMs ?? 0));
      providerTimes.push(gen.providerMs ?? 0);
    }
    return {
      p50: percentile(overheads, 50),
      p95: percentile(overheads, 95),
      n: overheads.length,
      providerP50: percentile(providerTimes, 50),
    };
  } finally {
    await bot.stop();
  }
}
