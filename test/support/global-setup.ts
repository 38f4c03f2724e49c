/**
 * Vitest global setup: checks that PostgreSQL and Redis answer (failing fast with a hint when they
 * do not), builds one migrated template database for the whole run, hands its name to the tests
 * (`inject('templateDb')`, used by `createTestDatabase`) and drops it at the end.
 */
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { applyMigrations, quoteIdent } from '../../src/services/migrations.ts';
import { dropDatabase, testDatabaseUrl, uniqueDatabaseName, withAdminClient } from './postgres.ts';
import { TEST_REDIS_URL } from './redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the migrated template database that `createTestDatabase` copies. */
    templateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await Promise.all([checkPostgres(), checkRedis()]);

  const name = uniqueDatabaseName('template');
  await applyMigrations({ databaseUrl: testDatabaseUrl(name) });
  // A template must have no open session while it is copied; refusing connections guarantees it.
  await withAdminClient((c) => c.query(`ALTER DATABASE ${quoteIdent(name)} WITH ALLOW_CONNECTIONS false`));
  project.provide('templateDb', name);

  return async () => {
    await dropDatabase(name);
  };
}

async function checkPostgres(): Promise<void> {
  try {
    await withAdminClient((c) => c.query('SELECT 1'));
  } catch (err) {
    throw new Error(
      `Tests need PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth), but it did not answer: ${reason(err)}. ` +
        'Start it (e.g. `service postgresql start`, or `.ci/run` which starts it).',
    );
  }
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Tests need Redis at 127.0.0.1:6379, but it did not answer: ${reason(err)}. ` +
        'Start it (e.g. `service redis-server start`, or `.ci/run` which starts it).',
    );
  } finally {
    redis.disconnect();
  }
}

const reason = (err: unknown): string => (err instanceof Error ? err.message || err.name : String(err));
