/**
 * Graceful shutdown: stopping the app lets an in-flight generation finish and be delivered; when
 * it cannot finish within SHUTDOWN_TIMEOUT_MS it is released and another worker completes it.
 */

import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import type { ImageProvider } from '../../src/services/ports.ts';
import { createLocalProvider } from '../../src/services/providers/local.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function slowProvider(ms: number, started: () => void): ImageProvider {
  const local = createLocalProvider();
  return {
    name: 'local',
    offline: true,
    async edit(req) {
      started();
      await new Promise((r) => setTimeout(r, ms));
      return local.edit(req);
    },
  };
}

async function imagine(bot: TestBot) {
  const bytes = await makeJpeg({ width: 320, height: 240 });
  const url = bot.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
  await bot.interact(
    chatInputInteraction({
      command: 'imagine',
      options: { style: 'noir' },
      attachments: { image: { url, contentType: 'image/jpeg', size: bytes.length } },
    }),
  );
}

describe('GIVEN a generation in flight when the process is asked to stop', () => {
  it('THEN the worker finishes and delivers it before stopping', async () => {
    let began!: () => void;
    const inFlight = new Promise<void>((r) => (began = r));
    t = await startTestBot({ overrides: { provider: slowProvider(800, () => began()) } });
    await imagine(t);
    await inFlight;
    await t.app.stop();
    // The app is stopped; the test database client is the test's own.
    const [gen] = await t.database.db.generation.findMany();
    expect(gen?.status).toBe('succeeded');
    expect(gen?.deliveredAt).not.toBeNull();
  });

  it('THEN past the shutdown deadline the job is released and completed by another worker', async () => {
    let began!: () => void;
    const inFlight = new Promise<void>((r) => (began = r));
    t = await startTestBot({
      env: { SHUTDOWN_TIMEOUT_MS: '100', JOB_LOCK_MS: '1500' },
      overrides: { provider: slowProvider(3000, () => began()) },
    });
    await imagine(t);
    await inFlight;
    await t.app.stop();
    // Stopped without waiting for the 3 s provider call: the job is not done.
    const [released] = await t.database.db.generation.findMany();
    expect(released?.deliveredAt).toBeNull();

    // Another worker process (same config) completes it once the lock has expired.
    const next = await startApp({ ...t.app.services.config, ROLES: ['worker'] }, pino({ level: 'silent' }), {
      migrate: false,
      overrides: { provider: createLocalProvider(), deliveries: t.app.services.deliveries },
    });
    try {
      const gen = await t.waitForGeneration((g) => g.deliveredAt !== null, 30_000);
      expect(gen.status).toBe('succeeded');
    } finally {
      await next.stop();
    }
  });
});
