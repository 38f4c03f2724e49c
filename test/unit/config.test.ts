/**
 * Start-up configuration: an operator who gets a variable wrong must read which one and why, all
 * at once, without the message leaking a secret into logs; and the features that are on must
 * follow from the keys that are set.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

/** The ConfigError `loadConfig` throws for `env` (fails the test when it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected loadConfig to reject this environment');
}

/** The problem lines that name `key` (each line starts with the variable's name). */
const problemsAbout = (error: ConfigError, key: string) =>
  error.problems.filter((p) => p === key || p.startsWith(`${key}:`) || p.startsWith(`${key}.`));

const KEY = randomBytes(32).toString('base64');

describe('loadConfig defaults', () => {
  it('runs every role against local PostgreSQL and Redis when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/imagegen',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      ROLES: ['web', 'discord', 'worker'],
      QUEUE_PREFIX: 'imagegen',
      OPENAI_IMAGE_MODEL: 'gpt-image-2',
    });
  });

  it('turns every optional feature off when its keys are absent', () => {
    expect(loadConfig({})).toMatchObject({
      imageProvider: 'local',
      storage: 'local',
      moderation: false,
      discordEnabled: false,
    });
  });

  it('treats empty values as unset, as .env files and compose write them', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '  ', ROLES: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/imagegen');
    expect(config.ROLES).toEqual(['web', 'discord', 'worker']);
  });

  it('ignores variables it does not know (the rest of the process environment)', () => {
    expect(() => loadConfig({ HOME: '/root', PATH: '/usr/bin', npm_lifecycle_event: 'test' })).not.toThrow();
  });

  it('returns a frozen config', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses lists, numbers and the encryption key', () => {
    const config = loadConfig({ ROLES: ' worker , web ', PORT: '8080', DATA_ENCRYPTION_KEY: KEY });
    expect(config.ROLES).toEqual(['worker', 'web']);
    expect(config.PORT).toBe(8080);
    expect(config.encryptionKey.equals(Buffer.from(KEY, 'base64'))).toBe(true);
  });

  it('uses a 32-byte development key when none is set outside production', () => {
    expect(loadConfig({}).encryptionKey).toHaveLength(32);
  });
});

describe('loadConfig refusals name the variable', () => {
  it('names a non-numeric PORT and shows the harmless value', () => {
    const [problem] = problemsAbout(configError({ PORT: 'abc' }), 'PORT');
    expect(problem).toMatch(/^PORT: .*\(got "abc"\)$/);
  });

  it('names a PORT out of range', () => {
    expect(problemsAbout(configError({ PORT: '70000' }), 'PORT')).toHaveLength(1);
  });

  it('names a DATABASE_URL that is not a URL', () => {
    expect(problemsAbout(configError({ DATABASE_URL: 'not-a-url' }), 'DATABASE_URL')).toHaveLength(1);
  });

  it('names a DATABASE_URL of another database', () => {
    expect(problemsAbout(configError({ DATABASE_URL: 'mysql://db:3306/x' }), 'DATABASE_URL')).toHaveLength(1);
  });

  it('names a ROLES list with an unknown role and lists the known ones', () => {
    const [problem] = problemsAbout(configError({ ROLES: 'web,bogus' }), 'ROLES');
    expect(problem).toMatch(/web.*discord.*worker/);
  });

  it('names a DATA_ENCRYPTION_KEY of the wrong length', () => {
    const short = randomBytes(16).toString('base64');
    const [problem] = problemsAbout(configError({ DATA_ENCRYPTION_KEY: short }), 'DATA_ENCRYPTION_KEY');
    expect(problem).toMatch(/32 bytes/);
  });

  it('requires DATA_ENCRYPTION_KEY in production and says how to make one', () => {
    const [problem] = problemsAbout(configError({ NODE_ENV: 'production' }), 'DATA_ENCRYPTION_KEY');
    expect(problem).toMatch(/NODE_ENV=production/);
    expect(problem).toMatch(/openssl rand -base64 32/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY })).not.toThrow();
  });

  it('requires IMAGEKIT_URL_ENDPOINT once IMAGEKIT_PRIVATE_KEY is set', () => {
    const error = configError({ IMAGEKIT_PRIVATE_KEY: 'private_abc' });
    expect(problemsAbout(error, 'IMAGEKIT_URL_ENDPOINT')).toEqual([
      expect.stringMatching(/required when IMAGEKIT_PRIVATE_KEY is set/),
    ]);
  });

  it('names every problem at once, cross-variable rules included', () => {
    const error = configError({
      PORT: 'abc',
      DATABASE_URL: 'not-a-url',
      ROLES: 'web,bogus',
      NODE_ENV: 'production',
      IMAGEKIT_PRIVATE_KEY: 'private_abc',
    });
    for (const key of ['PORT', 'DATABASE_URL', 'ROLES', 'DATA_ENCRYPTION_KEY', 'IMAGEKIT_URL_ENDPOINT']) {
      expect(problemsAbout(error, key), key).toHaveLength(1);
    }
    expect(error.message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('never echoes a secret value, even a malformed one', () => {
    const secrets = {
      DATA_ENCRYPTION_KEY: 'c2VjcmV0LWtleS1odW50ZXIy',
      DATABASE_URL: 'postgresql//admin:hunter2@db/imagegen',
      REDIS_URL: 'http://:redis-hunter2@cache:6379',
      SENTRY_DSN: 'sentry-hunter2',
      DISCORD_TOKEN: 'discord-hunter2',
      OPENAI_API_KEY: 'sk-hunter2',
      IMAGEKIT_PRIVATE_KEY: 'private_hunter2',
      IMAGEKIT_URL_ENDPOINT: 'imagekit-hunter2',
    };
    const error = configError(secrets);
    expect(error.problems.length).toBeGreaterThanOrEqual(5);
    expect(error.message).not.toMatch(/hunter2/);
    expect(error.message).not.toMatch(/c2VjcmV0LWtleS1odW50ZXIy/);
  });
});

describe('loadConfig derived features', () => {
  it('uses OpenAI for images and moderation once OPENAI_API_KEY is set', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' })).toMatchObject({
      imageProvider: 'openai',
      moderation: true,
    });
  });

  it('keeps the local provider when asked to, even with a key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', IMAGE_PROVIDER: 'local' }).imageProvider).toBe('local');
  });

  it('refuses IMAGE_PROVIDER=openai without OPENAI_API_KEY, naming the key', () => {
    expect(problemsAbout(configError({ IMAGE_PROVIDER: 'openai' }), 'OPENAI_API_KEY')).toHaveLength(1);
  });

  it('turns moderation off on request, and refuses MODERATION=on without OpenAI', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', MODERATION: 'off' }).moderation).toBe(false);
    expect(problemsAbout(configError({ MODERATION: 'on' }), 'OPENAI_API_KEY')).toHaveLength(1);
  });

  it('stores on ImageKit once its key and endpoint are set', () => {
    const config = loadConfig({
      IMAGEKIT_PRIVATE_KEY: 'private_abc',
      IMAGEKIT_URL_ENDPOINT: 'https://ik.imagekit.io/demo',
    });
    expect(config.storage).toBe('imagekit');
  });

  it('keeps local storage when asked to, and refuses STORAGE=imagekit without a key', () => {
    expect(
      loadConfig({
        IMAGEKIT_PRIVATE_KEY: 'private_abc',
        IMAGEKIT_URL_ENDPOINT: 'https://ik.imagekit.io/demo',
        STORAGE: 'local',
      }).storage,
    ).toBe('local');
    expect(problemsAbout(configError({ STORAGE: 'imagekit' }), 'IMAGEKIT_PRIVATE_KEY')).toHaveLength(1);
  });

  it('enables Discord once DISCORD_TOKEN is set', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'token' }).discordEnabled).toBe(true);
  });
});

describe('GIVEN PUBLIC_URL is not set', () => {
  it('THEN it follows PORT, and an explicit PUBLIC_URL wins', () => {
    expect(loadConfig({ PORT: '3999' }).PUBLIC_URL).toBe('http://localhost:3999');
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3999', PUBLIC_URL: 'https://bot.example.com' }).PUBLIC_URL).toBe(
      'https://bot.example.com',
    );
  });
});
