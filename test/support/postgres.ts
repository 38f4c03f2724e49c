/**
 * Where the test PostgreSQL server lives and how tests name, reach and drop their databases.
 * Tests only ever talk to loopback; the server is the one `.ci/run` makes sure is up.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../../src/services/migrations.ts';

/** The test server, without a database name (trust auth for `postgres`). */
export const TEST_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432';

/** Connection URL of database `name` on the test server. */
export function testDatabaseUrl(name: string): string {
  return `${TEST_POSTGRES_URL}/${encodeURIComponent(name)}`;
}

/** A fresh, unused database name (`imagegen_test_<label>_<random>`, within Postgres' 63-byte limit). */
export function uniqueDatabaseName(label = 'db'): string {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 24);
  return `imagegen_test_${safe}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** Runs `fn` with a client on the server's `postgres` database, for CREATE/DROP DATABASE. */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: testDatabaseUrl('postgres'),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops a database even if something is still connected to it. */
export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
