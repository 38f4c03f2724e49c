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
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only')
      .default('imagegen'),
    DATA_ENCRYPTION_KEY: z
      .string()
      .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),

    DISCORD_TOKEN: optionalSecret,
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{15,25}$/, 'a Discord snowflake')
      .optional(),
    DISCORD_API_URL: url.default('https://discord.com/api'),
    DISCORD_CDN_HOSTS: list.default(['cdn.discordapp.com', 'media.discordapp.net']),

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
    if (c.MODERATION === 'on' && !c.OPENAI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'required when MODERATION=on' });
    }
  });

type Raw = z.infer<typeof configSchema>;

/** The parsed configuration plus the decisions derived from it (which features are on). */
export type Config = Readonly<
  Raw & {
    encryptionKey: Buffer;
    imageProvider: 'openai' | 'local';
    storage: 'imagekit' | 'local';
    moderation: boolean;
    discordEnabled: boolean;
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
  return Object.freeze({
    ...c,
    encryptionKey: c.DATA_ENCRYPTION_KEY
      ? Buffer.from(c.DATA_ENCRYPTION_KEY, 'base64')
      : createHash('sha256').update(DEV_KEY_SEED).digest(),
    imageProvider: c.IMAGE_PROVIDER === 'auto' ? (c.OPENAI_API_KEY ? 'openai' : 'local') : c.IMAGE_PROVIDER,
    storage: c.STORAGE === 'auto' ? (c.IMAGEKIT_PRIVATE_KEY ? 'imagekit' : 'local') : c.STORAGE,
    moderation: c.MODERATION === 'auto' ? Boolean(c.OPENAI_API_KEY) : c.MODERATION === 'on',
    discordEnabled: Boolean(c.DISCORD_TOKEN),
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
  if (!c.SENTRY_DSN) notes.push('Sentry is off: SENTRY_DSN is not set; errors are only logged.');
  if (!c.DATA_ENCRYPTION_KEY)
    notes.push('DATA_ENCRYPTION_KEY is not set: using a development key (not for production).');
  return notes;
}
