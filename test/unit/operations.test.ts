/**
 * Pure parts of the operations work: the playground/sharding/admin settings, the shard options
 * handed to discord.js, the operator token check, and which errors count as a dependency outage.
 */
import { describe, expect, it } from 'vitest';
import { discordShardOptions } from '../../src/bots/discord/sharding.ts';
import { toPageReply } from '../../src/bots/playground/delivery.ts';
import { type ConfigError, loadConfig } from '../../src/config.ts';
import { isUserFacing } from '../../src/errors.ts';
import { presentedSecret, secretMatches } from '../../src/http/access-token.ts';
import { mapDependencyError, unavailableDependency } from '../../src/services/dependency-errors.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('GIVEN the PLAYGROUND setting', () => {
  it('THEN auto means on in development only', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).playgroundEnabled).toBe(true);
    expect(loadConfig({}).playgroundEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).playgroundEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY }).playgroundEnabled).toBe(false);
  });

  it('THEN on and off are obeyed in any environment', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY, PLAYGROUND: 'on' }).playgroundEnabled,
    ).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', PLAYGROUND: 'off' }).playgroundEnabled).toBe(false);
    expect(problems({ PLAYGROUND: 'maybe' })[0]).toMatch(/^PLAYGROUND:/);
  });
});

describe('GIVEN the operator tokens', () => {
  it('THEN a short ADMIN_TOKEN or METRICS_TOKEN is refused without echoing it', () => {
    const found = problems({ ADMIN_TOKEN: 'short', METRICS_TOKEN: 'tiny' });
    expect(found).toEqual([
      expect.stringMatching(/^ADMIN_TOKEN: .*16 characters \(value hidden\)$/),
      expect.stringMatching(/^METRICS_TOKEN: .*16 characters \(value hidden\)$/),
    ]);
  });

  it('THEN a Bearer token or the password of basic auth is accepted only when it matches', () => {
    const token = 'a-long-enough-admin-token';
    expect(secretMatches(presentedSecret(`Bearer ${token}`, false), token)).toBe(true);
    const basic = `Basic ${Buffer.from(`ops:${token}`).toString('base64')}`;
    expect(secretMatches(presentedSecret(basic, true), token)).toBe(true);
    expect(presentedSecret(basic, false)).toBeUndefined();
    expect(secretMatches(presentedSecret(`Bearer ${token}x`, true), token)).toBe(false);
    expect(
      secretMatches(presentedSecret(`Basic ${Buffer.from(token).toString('base64')}`, true), token),
    ).toBe(false);
    expect(secretMatches(presentedSecret(undefined, true), token)).toBe(false);
  });
});

describe('GIVEN the sharding settings', () => {
  it('THEN they map to discord.js shard options', () => {
    expect(discordShardOptions(loadConfig({}))).toEqual({});
    expect(discordShardOptions(loadConfig({ SHARD_COUNT: 'auto' }))).toEqual({ shards: 'auto' });
    expect(discordShardOptions(loadConfig({ SHARD_COUNT: '3' }))).toEqual({
      shards: [0, 1, 2],
      shardCount: 3,
    });
    expect(discordShardOptions(loadConfig({ SHARD_COUNT: '8', SHARD_IDS: '2, 5' }))).toEqual({
      shards: [2, 5],
      shardCount: 8,
    });
  });

  it('THEN SHARD_IDS needs a numeric SHARD_COUNT above every id', () => {
    expect(problems({ SHARD_IDS: '0,1' })).toEqual([
      expect.stringContaining('SHARD_IDS: needs a numeric SHARD_COUNT'),
    ]);
    expect(problems({ SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toEqual([expect.stringContaining('SHARD_IDS')]);
    expect(problems({ SHARD_COUNT: '2', SHARD_IDS: '1,2' })).toEqual([
      expect.stringContaining('SHARD_IDS: every id must be below SHARD_COUNT'),
    ]);
    expect(problems({ SHARD_COUNT: 'two' })[0]).toMatch(/^SHARD_COUNT:/);
    expect(problems({ SHARD_COUNT: '0' })[0]).toMatch(/^SHARD_COUNT:/);
  });
});

describe('GIVEN an error from a dependency', () => {
  const prismaError = (code: string, kind?: string) =>
    Object.assign(new Error(`prisma ${code}`), {
      name: 'PrismaClientKnownRequestError',
      code,
      meta: kind ? { driverAdapterError: { cause: { kind } } } : {},
    });

  it('THEN an unreachable or closed database is an outage', () => {
    expect(unavailableDependency(prismaError('P1001', 'DatabaseNotReachable'))).toBe('database');
    expect(unavailableDependency(prismaError('P1017'))).toBe('database');
    expect(unavailableDependency(prismaError('P2010', 'ConnectionClosed'))).toBe('database');
    const busy = Object.assign(
      new Error('Transaction API error: Unable to start a transaction in the given time.'),
      {
        code: 'P2028',
      },
    );
    expect(unavailableDependency(busy)).toBe('database');
    expect(
      unavailableDependency(Object.assign(new Error('Transaction already closed'), { code: 'P2028' })),
    ).toBeUndefined();
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      name: 'DriverAdapterError',
      cause: { kind: 'postgres', originalCode: '57P01' },
    });
    expect(unavailableDependency(new Error('wrapped', { cause: shutdown }))).toBe('database');
  });

  it('THEN a Redis client that cannot send is an outage', () => {
    expect(
      unavailableDependency(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe('redis');
    expect(unavailableDependency(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toBe(
      'redis',
    );
  });

  it('THEN query errors and bugs are not outages and are left alone', () => {
    const unique = prismaError('P2002', 'UniqueConstraintViolation');
    expect(unavailableDependency(unique)).toBeUndefined();
    expect(unavailableDependency(new TypeError('x is undefined'))).toBeUndefined();
    expect(mapDependencyError(unique)).toBe(unique);
  });

  it('THEN an outage becomes the "busy, try again" message', () => {
    const mapped = mapDependencyError(prismaError('P1001'));
    expect(isUserFacing(mapped)).toBe(true);
    expect((mapped as { userMessage: string }).userMessage).toMatch(/busy.*try again/);
  });
});

describe('GIVEN a reply for the playground page', () => {
  it('THEN image bytes are dropped and links to the web role become relative', () => {
    const reply = toPageReply(
      {
        text: 'done',
        image: {
          url: 'https://bot.example.com/files/results/a.png?exp=1&sig=x',
          data: Buffer.from('png'),
          alt: 'a',
        },
        sourceImage: { url: 'https://cdn.example.net/s.png' },
      },
      'https://bot.example.com/',
    );
    expect(reply.image).toEqual({ url: '/files/results/a.png?exp=1&sig=x', alt: 'a' });
    expect(reply.sourceImage).toEqual({ url: 'https://cdn.example.net/s.png' });
  });
});
