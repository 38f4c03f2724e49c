/**
 * Paid users' jobs overtake free users' jobs: with no worker running, a free user queues first and
 * paid users after; a worker started afterwards (one job at a time) runs the paid jobs first, the
 * higher tier first, then the free one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createGenerationWorker } from '../../src/services/generation-worker.ts';
import { createRedis } from '../../src/services/queue.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { discordCommand, discordUser } from '../support/billing.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const FREE = '200000000000000101';
const PRO = '200000000000000102';
const STUDIO = '200000000000000103';

async function imagine(bot: TestBot, userId: string) {
  const bytes = await makeJpeg({ width: 320, height: 240 });
  const url = bot.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
  await bot.interact(
    chatInputInteraction({
      command: 'imagine',
      userId,
      options: { style: 'watercolor', prompt: `job of ${userId}` },
      attachments: { image: { url, contentType: 'image/jpeg', size: bytes.length } },
    }),
  );
}

async function setPlan(bot: TestBot, userId: string, plan: string) {
  await discordCommand(bot, 'account', { subcommand: 'status', userId });
  const user = await discordUser(bot, userId);
  await bot.database.db.user.update({ where: { id: user.id }, data: { plan } });
}

describe('GIVEN free and paid users waiting in the queue', () => {
  it('THEN the paid jobs run first, the higher tier first, although the free job was queued earlier', async () => {
    t = await startTestBot({ roles: 'discord' });
    await setPlan(t, PRO, 'pro');
    await setPlan(t, STUDIO, 'studio');
    await imagine(t, FREE);
    await imagine(t, FREE);
    await imagine(t, PRO);
    await imagine(t, STUDIO);
    const queued = await t.database.db.generation.findMany({ where: { status: 'queued' } });
    expect(queued).toHaveLength(4);

    const connection = createRedis(t.app.services.config.REDIS_URL, 'worker');
    const worker = createGenerationWorker(t.app.services, {
      connection,
      concurrency: 1,
      lockDurationMs: 30_000,
    });
    try {
      await t.waitForGeneration(() => true);
      await expect
        .poll(() => t!.database.db.generation.count({ where: { deliveredAt: { not: null } } }), {
          timeout: 20_000,
        })
        .toBe(4);
    } finally {
      await worker.close();
      connection.disconnect();
    }
    const order = t.openai.edits.map((e) => /job of (\d+)/.exec(e.prompt ?? '')?.[1]);
    expect(order).toEqual([STUDIO, PRO, FREE, FREE]);
  });
});
