/**
 * One database per test file (or per test): a copy of the migrated template that the global
 * setup built, so each copy costs a CREATE DATABASE, not a migration run.
 *
 *   const t = await createTestDatabase();   // in beforeAll / beforeEach
 *   await t.db.user.create(...);
 *   await t.drop();                          // in afterAll / afterEach
 */
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db.ts';
import { quoteIdent } from '../../src/services/migrations.ts';
import { dropDatabase, testDatabaseUrl, uniqueDatabaseName, withAdminClient } from './postgres.ts';

export { dropDatabase, TEST_POSTGRES_URL, testDatabaseUrl, uniqueDatabaseName } from './postgres.ts';

export interface TestDatabase {
  /** Database name on the test server. */
  name: string;
  /** Connection URL, for code under test that takes a URL (e.g. `loadConfig({ DATABASE_URL })`). */
  url: string;
  /** A Prisma client connected to it. */
  db: Db;
  /** Disconnects `db` and drops the database (forcing out any other connection). */
  drop(): Promise<void>;
}

/** Creates a fully migrated, empty database of its own for the caller. */
export async function createTestDatabase(
  options: { label?: string; poolSize?: number } = {},
): Promise<TestDatabase> {
  const template = inject('templateDb');
  if (!template)
    throw new Error('No template database: is test/support/global-setup.ts in vitest globalSetup?');
  const name = uniqueDatabaseName(options.label);
  await withAdminClient((c) =>
    c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  const url = testDatabaseUrl(name);
  const db = createDb(url, options.poolSize ?? 5);
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect().catch(() => {});
      await dropDatabase(name);
    },
  };
}
