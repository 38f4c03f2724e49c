/**
 * Discord acknowledgement latency: from a raw INTERACTION_CREATE handed to the real discord.js
 * client to Discord's answer to the defer callback, through the real adapter (Discord shows "did
 * not respond" after 3 s). Measured under load: `/imagine` commands with a photo arrive at a
 * steady rate from many users while intake and the worker process the earlier ones.
 */
import { chatInputInteraction } from '../test/support/discord-interactions.ts';
import type { FakesProcess } from './fakes-process.ts';
import { makePhoto, percentile, sleep, startBenchBot, waitUntil } from './support.ts';

export interface AckResult {
  p50: number;
  p99: number;
  n: number;
  perSecond: number;
}

export async function benchDiscordAck(
  fakes: FakesProcess,
  opts: { n?: number; perSecond?: number } = {},
): Promise<AckResult> {
  const n = opts.n ?? 300;
  const perSecond = opts.perSecond ?? 10;
  const bot = await startBenchBot('ack', { ROLES: 'discord,worker', WORKER_CONCURRENCY: '8' }, { fakes });
  try {
    const photo = await makePhoto(1024, 768);
    const url = await fakes.addAttachment('photo.jpg', photo, 'image/jpeg');
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    bot.app.discord!.rest.on('response', (request) => {
      const id = /^\/interactions\/(\d+)\/[^/]+\/callback/.exec(request.path)?.[1];
      const started = id ? sentAt.get(id) : undefined;
      if (started !== undefined) latencies.push(performance.now() - started);
    });

    const warmup = 20;
    for (let i = 0; i < n + warmup; i++) {
      const raw = chatInputInteraction({
        command: 'imagine',
        userId: String(230000000000000000n + BigInt(i % 50)),
        options: { style: 'noir' },
        attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: photo.length } },
      });
      // The first few warm up the JIT, the HTTP agents and the database pool; they are not counted.
      if (i >= warmup) sentAt.set(raw.id, performance.now());
      bot.feed(raw);
      await sleep(1000 / perSecond);
    }
    await waitUntil(() => latencies.length >= n, 'every interaction to be acknowledged', 60_000);
    await bot.app.discordAdapter?.settled();
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length, perSecond };
  } finally {
    await bot.stop();
  }
}
