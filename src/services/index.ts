/**
 * The service container: every dependency a command, the worker or a route needs, built once from
 * the config. Tests build it with the same function and point the SDKs at local fakes through the
 * config's base URLs; `overrides` swaps a part (the clock, a delivery) without touching the rest.
 */
import { type ClerkClient, createClerkClient } from '@clerk/backend';
import type { Redis } from 'ioredis';
import Stripe from 'stripe';
import type { Config } from '../config.ts';
import { createDb, type Db } from '../db.ts';
import type { Logger } from '../logger.ts';
import type { ErrorReporter } from '../observability.ts';
import { createOpenAIModerator, noModeration } from './moderation.ts';
import type { Clock, Deliveries, ImageProvider, Moderator, ObjectStorage } from './ports.ts';
import { createPrivacyQueues, type PrivacyQueues } from './privacy/queue.ts';
import { createLocalProvider } from './providers/local.ts';
import { createOpenAIClient, createOpenAIProvider } from './providers/openai.ts';
import { createGenerationQueue, createRedis, type GenerationQueue } from './queue.ts';
import type { SafeFetchPolicy } from './safe-fetch.ts';
import { createSecretBox, type SecretBox } from './secret-box.ts';
import { createImageKitStorage } from './storage/imagekit.ts';
import { createLocalStorage } from './storage/local.ts';

export interface Services {
  config: Config;
  db: Db;
  log: Logger;
  report: ErrorReporter;
  clock: Clock;
  box: SecretBox;
  redis: Redis;
  queue: GenerationQueue;
  /** Privacy jobs (exports, erasures, retention sweep) and rate-limited notification DMs. */
  privacy: PrivacyQueues;
  storage: ObjectStorage;
  provider: ImageProvider;
  moderator: Moderator;
  /** Filled by main.ts with each enabled adapter's delivery. */
  deliveries: Deliveries;
  fetchPolicy: SafeFetchPolicy;
  /** Stripe API client, when billing is configured (STRIPE_SECRET_KEY). */
  stripe?: Stripe;
  /** Clerk Backend API client, when CLERK_SECRET_KEY is set. */
  clerk?: ClerkClient;
}

export type ServiceOverrides = Partial<Omit<Services, 'config' | 'log' | 'report'>>;

export function createServices(
  config: Config,
  log: Logger,
  report: ErrorReporter,
  overrides: ServiceOverrides = {},
): Services {
  const clock = overrides.clock ?? (() => new Date());
  const openai = config.OPENAI_API_KEY
    ? createOpenAIClient({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        maxRetries: config.OPENAI_MAX_RETRIES,
      })
    : undefined;
  const redis = overrides.redis ?? createRedis(config.REDIS_URL, 'producer');
  redis.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis connection problem'));

  const storage =
    overrides.storage ??
    (config.storage === 'imagekit'
      ? createImageKitStorage({
          privateKey: config.IMAGEKIT_PRIVATE_KEY!,
          urlEndpoint: config.IMAGEKIT_URL_ENDPOINT!,
          baseURL: config.IMAGEKIT_BASE_URL,
          folder: config.IMAGEKIT_FOLDER,
          signedUrlTtlSeconds: config.SIGNED_URL_TTL_SECONDS,
        })
      : createLocalStorage({
          dir: config.LOCAL_STORAGE_DIR,
          publicUrl: config.PUBLIC_URL,
          secret: config.encryptionKey,
          ttlSeconds: config.SIGNED_URL_TTL_SECONDS,
          clock,
        }));

  const provider =
    overrides.provider ??
    (config.imageProvider === 'openai' && openai
      ? createOpenAIProvider({
          client: openai,
          model: config.OPENAI_IMAGE_MODEL,
          size: config.OPENAI_IMAGE_SIZE,
          log,
        })
      : createLocalProvider());

  const moderator =
    overrides.moderator ??
    (config.moderation && openai
      ? createOpenAIModerator({ client: openai, model: config.OPENAI_MODERATION_MODEL })
      : noModeration);

  return {
    config,
    log,
    report,
    clock,
    db: overrides.db ?? createDb(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
    box:
      overrides.box ??
      createSecretBox(
        config.encryptionKey,
        config.DATA_ENCRYPTION_KEY_PREVIOUS.map((k) => Buffer.from(k, 'base64')),
      ),
    redis,
    queue:
      overrides.queue ??
      createGenerationQueue(
        {
          redisUrl: config.REDIS_URL,
          prefix: config.QUEUE_PREFIX,
          attempts: config.GENERATION_ATTEMPTS,
          backoffMs: config.GENERATION_BACKOFF_MS,
        },
        redis,
      ),
    privacy:
      overrides.privacy ??
      createPrivacyQueues(redis, {
        prefix: config.QUEUE_PREFIX,
        attempts: config.PRIVACY_JOB_ATTEMPTS,
        backoffMs: config.PRIVACY_JOB_BACKOFF_MS,
      }),
    storage,
    provider,
    moderator,
    deliveries: overrides.deliveries ?? {},
    fetchPolicy: overrides.fetchPolicy ?? {
      allowedHosts: [
        ...config.DISCORD_CDN_HOSTS,
        // Slack files are private (fetched with the workspace's bot token): only when Slack is on.
        ...(config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID ? config.SLACK_FILE_HOSTS : []),
        ...config.FETCH_EXTRA_ALLOWED_HOSTS,
      ],
      allowedPrivateAddresses: config.FETCH_ALLOWED_PRIVATE_ADDRESSES,
      maxBytes: config.MAX_UPLOAD_BYTES,
      timeoutMs: config.FETCH_TIMEOUT_MS,
    },
    stripe: overrides.stripe ?? createStripeClient(config),
    clerk: overrides.clerk ?? createClerkApiClient(config),
  };
}

/** stripe-node takes host/port/protocol rather than a base URL; STRIPE_API_URL is split here. */
export function createStripeClient(config: Config): Stripe | undefined {
  if (!config.STRIPE_SECRET_KEY) return undefined;
  const api = new URL(config.STRIPE_API_URL);
  const protocol = api.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.STRIPE_SECRET_KEY, {
    host: api.hostname,
    port: api.port ? Number(api.port) : protocol === 'http' ? 80 : 443,
    protocol,
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'imagegen-bot' },
  });
}

function createClerkApiClient(config: Config): ClerkClient | undefined {
  if (!config.CLERK_SECRET_KEY) return undefined;
  return createClerkClient({ secretKey: config.CLERK_SECRET_KEY, apiUrl: config.CLERK_API_URL });
}

/** Closes every connection the services opened (graceful shutdown, tests). */
export async function closeServices(s: Services): Promise<void> {
  await s.queue.close().catch(() => undefined);
  await s.privacy.close().catch(() => undefined);
  s.redis.disconnect();
  await s.db.$disconnect();
}
