/**
 * Scale-out: the roles as separate OS processes against one PostgreSQL and one Redis, as
 * docker compose runs them — a `web` process, a `discord` gateway process with two shards
 * (against a fake gateway), and two `worker` processes sharing the queue. Every job is done
 * exactly once: one model call, one result posted, by one of the workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { type FakeGateway, startFakeGateway } from '../fakes/discord-gateway.ts';
import { type FakeImageKit, startFakeImageKit } from '../fakes/imagekit.ts';
import { parseMultipart } from '../fakes/multipart.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { chatInputInteraction, TEST_APP_ID } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { preAcceptPrivacyPolicy } from '../support/privacy.ts';
import { type AppProcess, freePort, spawnApp } from '../support/processes.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';

const JOBS = 12;

describe('GIVEN web, discord (2 shards) and two worker processes on the same Postgres and Redis', () => {
  let database: TestDatabase;
  let discord: FakeDiscord;
  let gateway: FakeGateway;
  let openai: FakeOpenAI;
  let imagekit: FakeImageKit;
  let prefix: string;
  let webPort: number;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    [database, discord, openai, imagekit] = await Promise.all([
      createTestDatabase({ label: 'scaleout' }),
      startFakeDiscord(),
      startFakeOpenAI(),
      startFakeImageKit(),
    ]);
    await preAcceptPrivacyPolicy(database.db);
    gateway = await startFakeGateway(discord, { applicationId: TEST_APP_ID });
    prefix = uniquePrefix('scaleout');
    webPort = await freePort();
    // Each model call takes a moment, so both workers hold jobs at the same time.
    openai.http.failNext(
      'POST',
      '/v1/images/edits',
      {
        status: 200,
        delayMs: 400,
        body: { created: 1, data: [{ b64_json: openai.resultImage.toString('base64') }] },
      },
      JOBS,
    );
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: TEST_APP_ID,
      DISCORD_API_URL: `${discord.url}/api`,
      DISCORD_CDN_HOSTS: '127.0.0.1',
      FETCH_ALLOWED_PRIVATE_ADDRESSES: '127.0.0.1',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      IMAGEKIT_PRIVATE_KEY: imagekit.privateKey,
      IMAGEKIT_URL_ENDPOINT: imagekit.urlEndpoint,
      IMAGEKIT_BASE_URL: imagekit.url,
      USER_MAX_CONCURRENT_JOBS: '50',
      FREE_DAILY_QUOTA: '100',
      GENERATION_BACKOFF_MS: '50',
      PLAYGROUND: 'off',
    };
    processes.push(
      spawnApp('web', { ...env, ROLES: 'web', PORT: String(webPort) }),
      spawnApp('discord', { ...env, ROLES: 'discord', SHARD_COUNT: '2' }),
      spawnApp('worker-a', { ...env, ROLES: 'worker', WORKER_CONCURRENCY: '2' }),
      spawnApp('worker-b', { ...env, ROLES: 'worker', WORKER_CONCURRENCY: '2' }),
    );
    const [web, gatewayProcess, a, b] = processes as [AppProcess, AppProcess, AppProcess, AppProcess];
    await Promise.all([
      web.waitForLog((l) => l.msg === 'web role listening'),
      gatewayProcess.waitForLog((l) => l.msg === 'discord gateway ready'),
      a.waitForLog((l) => l.msg === 'worker role started'),
      b.waitForLog((l) => l.msg === 'worker role started'),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const redis = createTestRedis();
    await cleanupPrefix(redis, prefix);
    redis.disconnect();
    await gateway?.stop();
    await Promise.all([database?.drop(), discord?.stop(), openai?.stop(), imagekit?.stop()]);
  });

  it('THEN the gateway process runs both shards, and the web process is ready on its own', async () => {
    expect(gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const ready = await fetch(`http://127.0.0.1:${webPort}/readyz`);
    expect(ready.status).toBe(200);
  });

  it(`THEN ${JOBS} commands from both shards are each generated once and delivered once, shared by both workers`, async () => {
    const bytes = await makeJpeg({ width: 256, height: 256 });
    const tokens: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const url = discord.addAttachment(`p${i}.jpg`, bytes, 'image/jpeg');
      const raw = chatInputInteraction({
        command: 'imagine',
        userId: `2000000000000001${String(i).padStart(2, '0')}`,
        options: { style: 'noir', prompt: `job-${i}` },
        attachments: { image: { url, filename: `p${i}.jpg`, contentType: 'image/jpeg', size: bytes.length } },
      });
      tokens.push(raw.token);
      // Interactions of different guilds arrive on different shards.
      gateway.dispatch(i % 2, 'INTERACTION_CREATE', raw);
    }

    const deadline = Date.now() + 60_000;
    let rows = await database.db.generation.findMany();
    while (Date.now() < deadline && (rows.length < JOBS || rows.some((r) => !r.deliveredAt))) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await database.db.generation.findMany();
    }
    expect(rows).toHaveLength(JOBS);
    expect(rows.every((r) => r.status === 'succeeded' && r.deliveredAt && r.attempts === 1)).toBe(true);

    // One model call per job: every prompt was sent exactly once.
    const prompts: string[] = [];
    for (const req of openai.http.received('POST', '/v1/images/edits')) {
      prompts.push((await parseMultipart(req))?.fields.prompt ?? '');
    }
    const jobNumbers = prompts.map((p) => /job-(\d+)/.exec(p)?.[1]).sort((x, y) => Number(x) - Number(y));
    expect(jobNumbers).toEqual(Array.from({ length: JOBS }, (_, i) => String(i)));

    // One result posted per interaction.
    for (const token of tokens) {
      const results = discord
        .callsTo('webhookEdit')
        .filter((c) => c.path.includes(token) && JSON.stringify(c.payload).includes(imagekit.urlEndpoint));
      expect(results).toHaveLength(1);
    }

    // Both workers took jobs, and no job was done by both.
    const doneBy = (p: AppProcess) =>
      new Set(p.logs.filter((l) => l.msg === 'generation delivered').map((l) => String(l.generationId)));
    const [, , a, b] = processes as [AppProcess, AppProcess, AppProcess, AppProcess];
    const byA = doneBy(a);
    const byB = doneBy(b);
    expect(byA.size).toBeGreaterThan(0);
    expect(byB.size).toBeGreaterThan(0);
    expect([...byA].filter((id) => byB.has(id))).toEqual([]);
    expect(byA.size + byB.size).toBe(JOBS);
    expect(discord.contractErrors).toEqual([]);
  }, 90_000);
});
