/**
 * The only place that reads the environment. `loadConfig(env)` parses it once through one zod
 * schema and fails with a message naming every missing or malformed variable; every other module
 * receives the typed, frozen `Config`. `.env.example` documents each key (a test keeps them in sync).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isValidAddressRule } from './services/address-policy.ts';

const ROLE_NAMES = ['web', 'discord', 'worker'] as const;
export type Role = (typeof ROLE_NAMES)[number];

const list = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()));

const bool = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes');

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const url = z.url({ protocol: /^https?$/ });
const optionalSecret = z.string().min(1).optional();

/**
 * Zod skips refinements once any variable has failed, which would hide the cross-variable rules
 * below until the first mistake is fixed; running them anyway names every problem at once. The
 * rules only compare values and test presence, so a value that failed its own check is harmless.
 */
const evenWithOtherProblems = { when: () => true };

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ROLES: list.pipe(z.array(z.enum(ROLE_NAMES)).min(1)).default([...ROLE_NAMES]),
    PORT: int(3000, 0).pipe(z.number().max(65535)),
    PUBLIC_URL: url.default('http://localhost:3000'),

    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .default('postgresql://postgres@127.0.0.1:5432/imagegen'),
    /** PostgreSQL connections per process; raise it with WORKER_CONCURRENCY. */
    DATABASE_POOL_SIZE: int(10, 1),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only')
      .default('imagegen'),
    DATA_ENCRYPTION_KEY: z
      .string()
      .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    /** Keys used before DATA_ENCRYPTION_KEY (key rotation): still opened, never used to seal. */
    DATA_ENCRYPTION_KEY_PREVIOUS: list
      .pipe(
        z.array(
          z
            .string()
            .refine((s) => Buffer.from(s, 'base64').length === 32, 'each must be 32 bytes, base64-encoded'),
        ),
      )
      .default([]),

    DISCORD_TOKEN: optionalSecret,
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{15,25}$/, 'a Discord snowflake')
      .optional(),
    DISCORD_API_URL: url.default('https://discord.com/api'),
    DISCORD_CDN_HOSTS: list.default(['cdn.discordapp.com', 'media.discordapp.net']),
    /** How interactions arrive: the gateway, the HTTP endpoint (POST /discord/interactions), or both. */
    DISCORD_MODE: z.enum(['gateway', 'http', 'both']).default('gateway'),
    /** The application's public key (hex), which signs HTTP interactions. */
    DISCORD_PUBLIC_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal characters (developer portal → General Information)')
      .optional(),
    DISCORD_COMPONENTS_V2: bool.default(false),

    SLACK_SIGNING_SECRET: optionalSecret,
    SLACK_CLIENT_ID: optionalSecret,
    SLACK_CLIENT_SECRET: optionalSecret,
    SLACK_STATE_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xoxb-/, 'a bot token (xoxb-…)')
      .optional(),
    SLACK_API_URL: url.default('https://slack.com/api/'),
    SLACK_FILE_HOSTS: list.default(['files.slack.com']),

    OPENAI_API_KEY: optionalSecret,
    OPENAI_BASE_URL: url.default('https://api.openai.com/v1'),
    OPENAI_IMAGE_MODEL: z.string().min(1).default('gpt-image-2'),
    OPENAI_IMAGE_SIZE: z
      .string()
      .regex(/^(auto|\d{3,4}x\d{3,4})$/, '"auto" or WIDTHxHEIGHT')
      .default('auto'),
    OPENAI_MODERATION_MODEL: z.string().min(1).default('omni-moderation-latest'),
    OPENAI_TIMEOUT_MS: int(180_000, 1000),
    OPENAI_MAX_RETRIES: int(2, 0),
    MODERATION: z.enum(['auto', 'on', 'off']).default('auto'),
    IMAGE_PROVIDER: z.enum(['auto', 'openai', 'local']).default('auto'),

    IMAGEKIT_PRIVATE_KEY: optionalSecret,
    IMAGEKIT_URL_ENDPOINT: url.optional(),
    IMAGEKIT_BASE_URL: url.default('https://api.imagekit.io'),
    IMAGEKIT_FOLDER: z.string().default('/imagegen'),
    STORAGE: z.enum(['auto', 'imagekit', 'local']).default('auto'),
    LOCAL_STORAGE_DIR: z.string().default('.data/storage'),
    SIGNED_URL_TTL_SECONDS: int(7 * 24 * 3600, 60),

    MAX_UPLOAD_BYTES: int(10 * 1024 * 1024, 1024),
    MAX_INPUT_PIXELS: int(40_000_000, 1),
    MIN_INPUT_SIDE: int(64, 1),
    FETCH_TIMEOUT_MS: int(15_000, 100),
    FETCH_EXTRA_ALLOWED_HOSTS: list.default([]),
    /** Private/loopback addresses the safe fetcher may still reach (tests, self-hosted CDNs). */
    FETCH_ALLOWED_PRIVATE_ADDRESSES: list
      .pipe(z.array(z.string().refine(isValidAddressRule, 'each entry must be an IP address or CIDR')))
      .default([]),

    USER_MAX_CONCURRENT_JOBS: int(2, 1),
    FREE_DAILY_QUOTA: int(10, 0),
    WORKER_CONCURRENCY: int(4, 1),
    GENERATION_ATTEMPTS: int(3, 1),
    GENERATION_BACKOFF_MS: int(5_000, 0),
    JOB_LOCK_MS: int(60_000, 1000),
    SHUTDOWN_TIMEOUT_MS: int(25_000, 0),

    /** Discord gateway shards: "auto" (Discord's recommendation) or a total count; unset = 1. */
    SHARD_COUNT: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(10_000)]).optional(),
    /** The shard ids this process runs (default: all of SHARD_COUNT), to split shards over processes. */
    SHARD_IDS: list
      .pipe(
        z.array(
          z
            .string()
            .regex(/^\d{1,5}$/, 'shard ids are whole numbers')
            .transform(Number),
        ),
      )
      .optional(),
    /** Local web chat at /playground: auto = on only when NODE_ENV=development. */
    PLAYGROUND: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Token for /admin/queues (Bearer, or the password of basic auth); unset = dashboard off. */
    ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** Bearer token Prometheus must send to /metrics; unset = /metrics is open. */
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** Port of a metrics-only listener in processes without the web role (workers, gateway). */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),

    STRIPE_SECRET_KEY: optionalSecret,
    STRIPE_WEBHOOK_SECRET: optionalSecret,
    STRIPE_API_URL: url.default('https://api.stripe.com'),
    STRIPE_PRICE_PRO: optionalSecret,
    STRIPE_PRICE_STUDIO: optionalSecret,
    STRIPE_PRICE_CREDIT_PACK: optionalSecret,
    CREDIT_PACK_CREDITS: int(100, 1),
    CLERK_SECRET_KEY: optionalSecret,
    CLERK_PUBLISHABLE_KEY: optionalSecret,
    CLERK_JWT_KEY: optionalSecret,
    CLERK_API_URL: url.default('https://api.clerk.com'),
    CLERK_SIGN_IN_URL: url.optional(),
    LINK_TOKEN_TTL_SECONDS: int(900, 60),

    PRIVACY_POLICY_VERSION: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits, ".", "_" and "-" only')
      .default('2026-04-10'),
    PRIVACY_POLICY_URL: url.optional(),
    PRIVACY_CONTACT: z.string().min(3).default('privacy@imagegen.ai'),
    SUPPORT_CONTACT: z.string().min(3).default('support@imagegen.ai'),
    EXPORT_LINK_TTL_HOURS: int(24, 1),
    RETENTION_DAYS: int(90, 0),
    RETENTION_SWEEP_MINUTES: int(60, 1),
    ANNOUNCEMENT_DMS_PER_MINUTE: int(30, 1),
    PRIVACY_JOB_ATTEMPTS: int(5, 1),
    PRIVACY_JOB_BACKOFF_MS: int(10_000, 0),

    SENTRY_DSN: url.optional(),
    SENTRY_ENVIRONMENT: z.string().optional(),
    SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.DATA_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATA_ENCRYPTION_KEY'],
        message: 'required when NODE_ENV=production (generate one with `openssl rand -base64 32`)',
      });
    }
    if (c.IMAGEKIT_PRIVATE_KEY && !c.IMAGEKIT_URL_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['IMAGEKIT_URL_ENDPOINT'],
        message: 'required when IMAGEKIT_PRIVATE_KEY is set',
      });
    }
    if (c.STORAGE === 'imagekit' && !c.IMAGEKIT_PRIVATE_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['IMAGEKIT_PRIVATE_KEY'],
        message: 'required when STORAGE=imagekit',
      });
    }
    if (c.IMAGE_PROVIDER === 'openai' && !c.OPENAI_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message: 'required when IMAGE_PROVIDER=openai',
      });
    }
    if (c.SHARD_IDS && typeof c.SHARD_COUNT !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: 'needs a numeric SHARD_COUNT' });
    } else if (c.SHARD_IDS?.some((id) => id >= (c.SHARD_COUNT as number))) {
      ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: 'every id must be below SHARD_COUNT' });
    }
    if (c.MODERATION === 'on' && !c.OPENAI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'required when MODERATION=on' });
    }
    if (c.DISCORD_MODE !== 'gateway' && !c.DISCORD_PUBLIC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_PUBLIC_KEY'],
        message: `required when DISCORD_MODE=${c.DISCORD_MODE} (HTTP interactions are signed with it)`,
      });
    }
    if ((c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID) && !c.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required when SLACK_BOT_TOKEN or SLACK_CLIENT_ID is set (every Slack request is verified)',
      });
    }
    for (const key of ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const) {
      if (c.SLACK_CLIENT_ID && !c.SLACK_BOT_TOKEN && !c[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'required when SLACK_CLIENT_ID is set (OAuth install)',
        });
      }
    }
    if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message: 'required when STRIPE_SECRET_KEY is set (payments are only credited through webhooks)',
      });
    }
    if (c.CLERK_PUBLISHABLE_KEY && !c.CLERK_JWT_KEY && !c.CLERK_SECRET_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['CLERK_JWT_KEY'],
        message: 'CLERK_JWT_KEY or CLERK_SECRET_KEY is required when CLERK_PUBLISHABLE_KEY is set',
      });
    }
  }, evenWithOtherProblems);

type Raw = z.infer<typeof configSchema>;

/** The parsed configuration plus the decisions derived from it (which features are on). */
export type Config = Readonly<
  Raw & {
    encryptionKey: Buffer;
    imageProvider: 'openai' | 'local';
    storage: 'imagekit' | 'local';
    moderation: boolean;
    discordEnabled: boolean;
    /** The /playground web chat is served (PLAYGROUND, or auto in development). */
    playgroundEnabled: boolean;
    /** Stripe is configured: /subscribe, /account billing and the webhook route are on. */
    billingEnabled: boolean;
    /** Clerk is configured: /account link and the link page are on. */
    linkingEnabled: boolean;
    /** Where the privacy policy is published (PRIVACY_POLICY_URL, default `${PUBLIC_URL}/privacy`). */
    privacyPolicyUrl: string;
  }
>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Names of every variable the schema knows (used by the .env.example sync test). */
export const configKeys = (): string[] => Object.keys(configSchema.shape);

const DEV_KEY_SEED = 'imagegen-development-key-do-not-use-in-production';

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as they do in most .env files and compose `environment:` blocks.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in configSchema.shape && v !== undefined && v.trim() !== ''),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.') || '(root)'}: ${i.message}${describeValue(i.path, cleaned)}`,
      ),
    );
  }
  const c = parsed.data;
  // Unset PUBLIC_URL follows PORT, so links work when only the port was changed locally.
  if (!('PUBLIC_URL' in cleaned) && c.PORT !== 0) c.PUBLIC_URL = `http://localhost:${c.PORT}`;
  return Object.freeze({
    ...c,
    encryptionKey: c.DATA_ENCRYPTION_KEY
      ? Buffer.from(c.DATA_ENCRYPTION_KEY, 'base64')
      : createHash('sha256').update(DEV_KEY_SEED).digest(),
    imageProvider: c.IMAGE_PROVIDER === 'auto' ? (c.OPENAI_API_KEY ? 'openai' : 'local') : c.IMAGE_PROVIDER,
    storage: c.STORAGE === 'auto' ? (c.IMAGEKIT_PRIVATE_KEY ? 'imagekit' : 'local') : c.STORAGE,
    moderation: c.MODERATION === 'auto' ? Boolean(c.OPENAI_API_KEY) : c.MODERATION === 'on',
    discordEnabled: Boolean(c.DISCORD_TOKEN),
    playgroundEnabled: c.PLAYGROUND === 'auto' ? c.NODE_ENV === 'development' : c.PLAYGROUND === 'on',
    billingEnabled: Boolean(c.STRIPE_SECRET_KEY && c.STRIPE_WEBHOOK_SECRET),
    linkingEnabled: Boolean(c.CLERK_PUBLISHABLE_KEY && (c.CLERK_JWT_KEY || c.CLERK_SECRET_KEY)),
    privacyPolicyUrl: c.PRIVACY_POLICY_URL ?? `${c.PUBLIC_URL.replace(/\/+$/, '')}/privacy`,
  });
}

function describeValue(path: PropertyKey[], env: Record<string, string | undefined>): string {
  const key = String(path[0] ?? '');
  if (!(key in env)) return ' (not set)';
  // Never echo secrets back into logs.
  if (/KEY|TOKEN|SECRET|DSN|PASSWORD|URL/.test(key)) return ' (value hidden)';
  return ` (got "${env[key]}")`;
}

/** Human-readable list of features that are off and why, logged at start-up. */
export function describeFeatures(c: Config): string[] {
  const notes: string[] = [];
  if (!c.discordEnabled) notes.push('Discord is off: DISCORD_TOKEN is not set.');
  if (c.imageProvider === 'local')
    notes.push(
      'OpenAI is off (no OPENAI_API_KEY or IMAGE_PROVIDER=local): images use the offline local filters.',
    );
  if (c.storage === 'local')
    notes.push(`ImageKit is off (no IMAGEKIT_PRIVATE_KEY): images are stored under ${c.LOCAL_STORAGE_DIR}.`);
  if (!c.moderation) notes.push('Moderation is off (needs OpenAI, or MODERATION=off).');
  if (!c.STRIPE_SECRET_KEY)
    notes.push('Billing is off: STRIPE_SECRET_KEY is not set; everyone is on the free plan.');
  if (!c.CLERK_PUBLISHABLE_KEY) notes.push('Account linking is off: CLERK_PUBLISHABLE_KEY is not set.');
  if (!c.SLACK_BOT_TOKEN && !c.SLACK_CLIENT_ID)
    notes.push('Slack is off: neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID is set.');
  if (!c.SENTRY_DSN) notes.push('Sentry is off: SENTRY_DSN is not set; errors are only logged.');
  if (!c.DATA_ENCRYPTION_KEY)
    notes.push('DATA_ENCRYPTION_KEY is not set: using a development key (not for production).');
  return notes;
}
