/**
 * Starts the whole bot in-process (same `startApp` as production) against a fresh database, its
 * own BullMQ prefix, and local fakes of Discord, OpenAI and ImageKit. Used by the end-to-end tests.
 *
 *   const t = await startTestBot();
 *   const url = t.discord.addAttachment('cat.jpg', bytes, 'image/jpeg');
 *   await t.interact(chatInputInteraction({ ... }));
 *   const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
 *   await t.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type RunningApp, startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Generation } from '../../src/generated/prisma/client.ts';
import type { ServiceOverrides } from '../../src/services/index.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { type FakeImageKit, startFakeImageKit } from '../fakes/imagekit.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { feedInteraction, TEST_APP_ID } from './discord-interactions.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL, uniquePrefix } from './redis.ts';

export interface TestBot {
  app: RunningApp;
  database: TestDatabase;
  discord: FakeDiscord;
  openai: FakeOpenAI;
  imagekit: FakeImageKit;
  prefix: string;
  /** Simulated time offset applied by the app's clock (ms). */
  clock: { offsetMs: number; now(): Date };
  interact(raw: unknown): Promise<void>;
  waitForGeneration(pred: (g: Generation) => boolean, timeoutMs?: number): Promise<Generation>;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  roles?: string;
  overrides?: ServiceOverrides;
}

export async function startTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const [database, discord, openai, imagekit] = await Promise.all([
    createTestDatabase({ label: 'e2e' }),
    startFakeDiscord(),
    startFakeOpenAI(),
    startFakeImageKit(),
  ]);
  const prefix = uniquePrefix('e2e');
  const storageDir = await mkdtemp(join(tmpdir(), 'imagegen-e2e-'));
  const clock = {
    offsetMs: 0,
    now() {
      return new Date(Date.now() + this.offsetMs);
    },
  };
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ROLES: opts.roles ?? 'discord,worker',
    PORT: '0',
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
    OPENAI_MAX_RETRIES: '2',
    IMAGEKIT_PRIVATE_KEY: imagekit.privateKey,
    IMAGEKIT_URL_ENDPOINT: imagekit.urlEndpoint,
    IMAGEKIT_BASE_URL: imagekit.url,
    GENERATION_BACKOFF_MS: '50',
    LOCAL_STORAGE_DIR: storageDir,
    ...opts.env,
  });
  const app = await startApp(config, pino({ level: 'silent' }), {
    discordGateway: false,
    migrate: false,
    host: '127.0.0.1',
    overrides: { clock: () => clock.now(), ...opts.overrides },
  });
  return {
    app,
    database,
    discord,
    openai,
    imagekit,
    prefix,
    clock,
    async interact(raw) {
      if (!app.discord || !app.discordAdapter) throw new Error('the discord role is not running');
      feedInteraction(app.discord, raw);
      await app.discordAdapter.settled();
    },
    async waitForGeneration(pred, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Generation[] = [];
      while (Date.now() < deadline) {
        last = await database.db.generation.findMany({ orderBy: { createdAt: 'desc' } });
        const hit = last.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `timed out waiting for a generation; have: ${JSON.stringify(last.map((g) => ({ status: g.status, error: g.errorCode, delivered: g.deliveredAt })))}`,
      );
    },
    async stop() {
      await app.stop();
      const redis = createTestRedis();
      await cleanupPrefix(redis, prefix);
      redis.disconnect();
      await Promise.all([database.drop(), discord.stop(), openai.stop(), imagekit.stop()]);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
