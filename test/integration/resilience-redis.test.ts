/**
 * Redis restarted under load, on a private redis-server (AOF, fsync always — production's
 * setting) so the shared one is never touched: while it is down users are told plainly that the
 * bot is busy and nothing is charged; every job accepted before (queued or in flight) is still
 * delivered after it is back, exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { type OwnRedis, startOwnRedis } from '../support/own-servers.ts';

describe('GIVEN the bot under load on its own Redis', () => {
  let t: TestBot;
  let redis: OwnRedis;

  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await startTestBot({
      roles: 'discord,worker',
      env: {
        REDIS_URL: redis.url,
        JOB_LOCK_MS: '3000',
        USER_MAX_CONCURRENT_JOBS: '20',
        WORKER_CONCURRENCY: '2',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await redis?.destroy();
  });

  async function imagine(userId: string, prompt: string) {
    const bytes = await makeJpeg({ width: 200, height: 200 });
    const url = t.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
    const raw = chatInputInteraction({
      command: 'imagine',
      userId,
      options: { style: 'noir', prompt },
      attachments: { image: { url, filename: 'p.jpg', contentType: 'image/jpeg', size: bytes.length } },
    });
    await t.interact(raw);
    return raw.token;
  }

  const resultsFor = (token: string) =>
    t.discord
      .callsTo('webhookEdit')
      .filter((c) => c.path.includes(token) && JSON.stringify(c.payload).includes(t.imagekit.urlEndpoint));

  it('WHEN Redis restarts THEN commands meanwhile get "busy, try again", and no accepted job is lost or done twice', async () => {
    // The model takes a while for the first jobs, so some are in flight when Redis goes away.
    t.openai.http.failNext(
      'POST',
      '/v1/images/edits',
      {
        status: 200,
        delayMs: 1500,
        body: { created: 1, data: [{ b64_json: t.openai.resultImage.toString('base64') }] },
      },
      2,
    );
    const accepted = [
      await imagine('210000000000000001', 'one'),
      await imagine('210000000000000002', 'two'),
      await imagine('210000000000000003', 'three'),
    ];
    await expect
      .poll(() => t.openai.http.received('POST', '/v1/images/edits').length, { timeout: 10_000 })
      .toBeGreaterThan(0);

    await redis.stop();
    const rowsBefore = await t.database.db.generation.count();
    await imagine('210000000000000004', 'during the outage');
    const refusal = JSON.stringify(t.discord.callsTo('followUp').at(-1)?.payload);
    expect(refusal).toMatch(/busy right now/);
    expect(refusal).toMatch(/try again/);
    expect(refusal).toContain('Nothing was charged');
    // The refused request left nothing behind.
    expect(await t.database.db.generation.count()).toBe(rowsBefore);

    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();

    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && accepted.some((token) => resultsFor(token).length === 0)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const token of accepted) expect(resultsFor(token), 'one result per accepted job').toHaveLength(1);
    const rows = await t.database.db.generation.findMany();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'succeeded' && r.deliveredAt)).toBe(true);

    // And the queue works again for new commands.
    const after = await imagine('210000000000000005', 'after');
    await expect.poll(() => resultsFor(after).length, { timeout: 20_000 }).toBe(1);
    // Give a stalled-job check the time to run: nothing may be delivered a second time.
    await new Promise((r) => setTimeout(r, 3500));
    for (const token of [...accepted, after]) expect(resultsFor(token)).toHaveLength(1);
  }, 120_000);
});
