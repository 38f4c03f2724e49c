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
import { type FakeClerk, startFakeClerk } from '../fakes/clerk.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { type FakeImageKit, startFakeImageKit } from '../fakes/imagekit.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { feedInteraction, TEST_APP_ID } from './discord-interactions.ts';
import { preAcceptPrivacyPolicy } from './privacy.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL, uniquePrefix } from './redis.ts';
import { TEST_SLACK_SIGNING_SECRET, TEST_SLACK_STATE_SECRET, TEST_SLACK_TEAM } from './slack-requests.ts';

export interface TestBot {
  app: RunningApp;
  database: TestDatabase;
  discord: FakeDiscord;
  openai: FakeOpenAI;
  imagekit: FakeImageKit;
  /** Started with `billing: true` (STRIPE_* point at it; prices in TEST_PRICES). */
  stripe?: FakeStripe;
  /** Started with `linking: true` (CLERK_* point at it; sign tokens with `clerk.keys`). */
  clerk?: FakeClerk;
  /** Started with `slack: …` (SLACK_* point at it; the web role serves /slack/*). */
  slack?: FakeSlack;
  /** Base URL of the web role (`http://127.0.0.1:PORT`) when it runs. */
  webUrl?: string;
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
  /**
   * 'accepted' (default): every user has already passed the first-use age gate and accepted the
   * policy in force (see test/support/privacy.ts); 'real': users meet the gate like in production.
   */
  privacyGate?: 'accepted' | 'real';
  /** Start a fake Stripe and turn billing on. */
  billing?: boolean;
  /** Start a fake Clerk and turn account linking on. */
  linking?: boolean;
  /**
   * Start a fake Slack and turn Slack on: `oauth` (default; install workspaces with
   * `installWorkspace`) or `single` (SLACK_BOT_TOKEN of TEST_SLACK_TEAM). Roles default to web,worker.
   */
  slack?: boolean | { mode?: 'oauth' | 'single' };
}

/** Stripe price ids the test bot sells (`billing: true`). */
export const TEST_PRICES = {
  pro: 'price_test_pro',
  studio: 'price_test_studio',
  credits: 'price_test_pack',
} as const;
/** A publishable key whose Frontend API host is clerk.example.test. */
export const TEST_CLERK_PUBLISHABLE_KEY = `pk_test_${Buffer.from('clerk.example.test$').toString('base64')}`;

export async function startTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const [database, discord, openai, imagekit] = await Promise.all([
    createTestDatabase({ label: 'e2e' }),
    startFakeDiscord(),
    startFakeOpenAI(),
    startFakeImageKit(),
  ]);
  if (opts.privacyGate !== 'real') {
    await preAcceptPrivacyPolicy(database.db, opts.env?.PRIVACY_POLICY_VERSION);
  }
  const [stripe, clerk, slack] = await Promise.all([
    opts.billing ? startFakeStripe() : undefined,
    opts.linking ? startFakeClerk() : undefined,
    opts.slack ? startFakeSlack() : undefined,
  ]);
  const slackMode = typeof opts.slack === 'object' ? (opts.slack.mode ?? 'oauth') : 'oauth';
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
    ROLES: opts.roles ?? (slack ? 'web,worker' : 'discord,worker'),
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
    ...(stripe
      ? {
          STRIPE_SECRET_KEY: stripe.secretKey,
          STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
          STRIPE_API_URL: stripe.url,
          STRIPE_PRICE_PRO: TEST_PRICES.pro,
          STRIPE_PRICE_STUDIO: TEST_PRICES.studio,
          STRIPE_PRICE_CREDIT_PACK: TEST_PRICES.credits,
        }
      : {}),
    ...(clerk
      ? {
          CLERK_SECRET_KEY: clerk.secretKey,
          CLERK_PUBLISHABLE_KEY: TEST_CLERK_PUBLISHABLE_KEY,
          CLERK_JWT_KEY: clerk.keys.publicPem,
          CLERK_API_URL: clerk.url,
        }
      : {}),
    ...(slack
      ? {
          SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          SLACK_FILE_HOSTS: '127.0.0.1',
          ...(slackMode === 'single'
            ? { SLACK_BOT_TOKEN: slack.addWorkspace(TEST_SLACK_TEAM).token }
            : {
                SLACK_CLIENT_ID: slack.clientId,
                SLACK_CLIENT_SECRET: slack.clientSecret,
                SLACK_STATE_SECRET: TEST_SLACK_STATE_SECRET,
              }),
        }
      : {}),
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
    ...(stripe ? { stripe } : {}),
    ...(clerk ? { clerk } : {}),
    ...(slack ? { slack } : {}),
    ...(app.port !== undefined ? { webUrl: `http://127.0.0.1:${app.port}` } : {}),
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
      await Promise.all([
        database.drop(),
        discord.stop(),
        openai.stop(),
        imagekit.stop(),
        stripe?.stop(),
        clerk?.stop(),
        slack?.stop(),
      ]);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
