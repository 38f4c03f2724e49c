/**
 * PostgreSQL briefly unavailable, on a private server (initdb in a temporary directory, its own
 * port) so the shared one is never touched: while it is down users are told plainly that the bot
 * is busy; jobs accepted before are postponed by the worker rather than failed, and each is
 * delivered exactly once when the database is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db.ts';
import { generationsTotal } from '../../src/services/metrics.ts';
import { applyMigrations } from '../../src/services/migrations.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { type OwnPostgres, startOwnPostgres } from '../support/own-servers.ts';
import { preAcceptPrivacyPolicy } from '../support/privacy.ts';

describe('GIVEN the bot on its own PostgreSQL server', () => {
  let t: TestBot;
  let pg: OwnPostgres;
  let db: Db;

  beforeAll(async () => {
    pg = await startOwnPostgres();
    await pg.createDatabase('imagegen');
    const url = pg.url('imagegen');
    await applyMigrations({ databaseUrl: url });
    db = createDb(url, 2);
    await preAcceptPrivacyPolicy(db);
    t = await startTestBot({
      roles: 'discord,worker',
      env: { DATABASE_URL: url, USER_MAX_CONCURRENT_JOBS: '20', WORKER_CONCURRENCY: '2' },
    });
  }, 90_000);

  afterAll(async () => {
    await t?.stop();
    await db?.$disconnect();
    await pg?.destroy();
  });

  async function command(userId: string, name: 'imagine' | 'jobs', prompt = '') {
    const bytes = await makeJpeg({ width: 200, height: 200 });
    const url = t.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
    const raw =
      name === 'jobs'
        ? chatInputInteraction({ command: 'jobs', userId })
        : chatInputInteraction({
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
  const answersTo = (token: string) =>
    [...t.discord.callsTo('followUp'), ...t.discord.callsTo('webhookEdit')]
      .filter((c) => c.path.includes(token))
      .map((c) => JSON.stringify(c.payload));

  it('WHEN it goes down and comes back THEN commands meanwhile get "busy, try again" and accepted jobs complete once', async () => {
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
      await command('220000000000000001', 'imagine', 'one'),
      await command('220000000000000002', 'imagine', 'two'),
    ];
    await expect
      .poll(() => t.openai.http.received('POST', '/v1/images/edits').length, { timeout: 10_000 })
      .toBeGreaterThan(0);

    await pg.stop();
    for (const token of [
      await command('220000000000000003', 'imagine', 'during'),
      await command('220000000000000001', 'jobs'),
    ]) {
      const answer = answersTo(token).join('\n');
      expect(answer).toMatch(/busy right now/);
      expect(answer).toMatch(/try again/);
      expect(answer).not.toMatch(/error id/i);
    }

    await new Promise((r) => setTimeout(r, 1500));
    await pg.start();

    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && accepted.some((token) => resultsFor(token).length === 0)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const token of accepted) expect(resultsFor(token), 'one result per accepted job').toHaveLength(1);
    const rows = await db.generation.findMany();
    expect(rows.map((r) => r.prompt).sort()).toEqual(['one', 'two']);
    // The worker met the outage and postponed (not failed) the jobs it held.
    const postponed = (await generationsTotal.get()).values.find(
      (v) => v.labels.outcome === 'postponed' && v.labels.reason === 'database',
    );
    expect(postponed?.value).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'succeeded' && r.deliveredAt)).toBe(true);

    // New commands work again.
    const after = await command('220000000000000004', 'imagine', 'after');
    await expect.poll(() => resultsFor(after).length, { timeout: 20_000 }).toBe(1);
  }, 120_000);
});
