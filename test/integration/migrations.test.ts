import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  diffDatabaseToSchema,
  diffSql,
  loadMigrationList,
  schemaTarget,
  withSchemaEngine,
} from '../../scripts/lib/schema-engine.ts';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, migrationStatus } from '../../src/services/migrations.ts';
import {
  createTestDatabase,
  dropDatabase,
  testDatabaseUrl,
  uniqueDatabaseName,
} from '../support/database.ts';
import { findSchemaDrift, SCHEMA_PATH } from '../support/schema-drift.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const created: string[] = [];
const tempDirs: string[] = [];

/** A name for a database that does not exist yet; dropped after the test. */
function freshDatabase(label: string): string {
  const name = uniqueDatabaseName(label);
  created.push(name);
  return testDatabaseUrl(name);
}

/** A copy of the real migrations folder the test may add to or break. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'imagegen-migrations-'));
  tempDirs.push(dir);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, 'migration.sql'), sql);
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}
const rowsOf = (url: string) =>
  query<MigrationRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name, started_at');

/** Runs a repository script in a child process with only the given environment. */
function runScript(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [TSX, script, ...args], { cwd: ROOT, env }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const migrationFolders = async (dir = DEFAULT_MIGRATIONS_DIR) =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

afterEach(async () => {
  await Promise.all(created.splice(0).map((name) => dropDatabase(name)));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('applyMigrations', () => {
  it('creates a missing database, applies every migration and records each one as Prisma does', async () => {
    const url = freshDatabase('fresh');
    const folders = await migrationFolders();
    expect(folders.length).toBeGreaterThan(0);

    const { applied } = await applyMigrations({ databaseUrl: url });

    expect(applied).toEqual(folders);
    const rows = await rowsOf(url);
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      const bytes = await readFile(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('creates _prisma_migrations with the columns and types Prisma uses', async () => {
    const url = freshDatabase('ddl');
    await applyMigrations({ databaseUrl: url });
    const columns = await query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      len: number | null;
    }>(
      url,
      `SELECT column_name, data_type, is_nullable, character_maximum_length AS len
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO', len: 36 },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO', len: 64 },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES', len: null },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO', len: 255 },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES', len: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES', len: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO', len: null },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO', len: null },
    ]);
  });

  it('applies nothing when the database is already up to date', async () => {
    const url = freshDatabase('again');
    await applyMigrations({ databaseUrl: url });
    const before = await rowsOf(url);
    const messages: string[] = [];

    const { applied } = await applyMigrations({ databaseUrl: url, log: (m) => messages.push(m) });

    expect(applied).toEqual([]);
    expect(await rowsOf(url)).toEqual(before);
    expect(messages).toContain('No pending migrations.');
    expect(await migrationStatus({ databaseUrl: url })).toEqual({
      applied: await migrationFolders(),
      pending: [],
      failed: [],
      modified: [],
    });
  });

  it('applies only the migrations added since the last run, in folder order', async () => {
    const dir = await copyOfMigrations();
    const url = freshDatabase('incremental');
    await applyMigrations({ databaseUrl: url, migrationsDir: dir });
    await addMigration(dir, '99990102000000_second', 'ALTER TABLE "User" ADD COLUMN "second" TEXT;');
    await addMigration(dir, '99990101000000_first', 'ALTER TABLE "User" ADD COLUMN "first" TEXT;');

    expect((await migrationStatus({ databaseUrl: url, migrationsDir: dir })).pending).toEqual([
      '99990101000000_first',
      '99990102000000_second',
    ]);
    const { applied } = await applyMigrations({ databaseUrl: url, migrationsDir: dir });

    expect(applied).toEqual(['99990101000000_first', '99990102000000_second']);
    const cols = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name IN ('first', 'second')`,
    );
    expect(cols.map((c) => c.column_name).sort()).toEqual(['first', 'second']);
  });

  it('applies each migration exactly once when several runs race on a new database', async () => {
    const url = freshDatabase('race');
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations({ databaseUrl: url })));

    const folders = await migrationFolders();
    expect(results.flatMap((r) => r.applied).sort()).toEqual(folders);
    expect((await rowsOf(url)).map((r) => r.migration_name)).toEqual(folders);
  });

  it('rolls back a failing migration, records the error on its row, and refuses to go on until resolved', async () => {
    const dir = await copyOfMigrations();
    const url = freshDatabase('failing');
    const name = '99990101000000_broken';
    await addMigration(dir, name, 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n');

    await expect(applyMigrations({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(
      /Migration 99990101000000_broken failed:[\s\S]*relation "NoSuchTable" does not exist/,
    );

    const half = await query(url, `SELECT to_regclass('"Half"') AS t`);
    expect(half).toEqual([{ t: null }]);
    const row = (await rowsOf(url)).find((r) => r.migration_name === name)!;
    expect(row.finished_at).toBeNull();
    expect(row.rolled_back_at).toBeNull();
    expect(row.applied_steps_count).toBe(0);
    expect(row.logs).toContain('Database error code: 42P01');

    // A second run must stop at the failed row and say what to do, even once the script is fixed.
    await writeFile(join(dir, name, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\n');
    expect((await migrationStatus({ databaseUrl: url, migrationsDir: dir })).failed).toEqual([name]);
    const blocked = applyMigrations({ databaseUrl: url, migrationsDir: dir });
    await expect(blocked).rejects.toThrow(
      /failed migrations[\s\S]*99990101000000_broken[\s\S]*migrate resolve/,
    );

    // Resolved the way `prisma migrate resolve --rolled-back` does: the migration is applied again.
    await query(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [
      name,
    ]);
    expect((await applyMigrations({ databaseUrl: url, migrationsDir: dir })).applied).toEqual([name]);
    expect(await query(url, `SELECT to_regclass('"Half"')::text AS t`)).toEqual([{ t: '"Half"' }]);
  });

  it('warns about an applied migration whose file changed, without applying the change', async () => {
    const dir = await copyOfMigrations();
    const url = freshDatabase('modified');
    const name = '99990101000000_extra';
    await addMigration(dir, name, 'ALTER TABLE "User" ADD COLUMN "extra" TEXT;');
    await applyMigrations({ databaseUrl: url, migrationsDir: dir });
    await writeFile(join(dir, name, 'migration.sql'), 'ALTER TABLE "User" ADD COLUMN "changed" TEXT;');
    const messages: string[] = [];

    const { applied } = await applyMigrations({
      databaseUrl: url,
      migrationsDir: dir,
      log: (m) => messages.push(m),
    });

    expect(applied).toEqual([]);
    expect(messages.join('\n')).toMatch(/99990101000000_extra was modified after it was applied/);
    expect((await migrationStatus({ databaseUrl: url, migrationsDir: dir })).modified).toEqual([name]);
  });

  it('refuses migrations locked to another database provider', async () => {
    const dir = await copyOfMigrations();
    await writeFile(join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n');
    await expect(applyMigrations({ databaseUrl: freshDatabase('lock'), migrationsDir: dir })).rejects.toThrow(
      /for "sqlite", but this database is PostgreSQL/,
    );
  });
});

describe('npm run migrate (scripts/migrate.ts)', () => {
  it('lets two processes migrate one new database at once, applying each migration exactly once', async () => {
    const url = freshDatabase('procs');
    const env = { DATABASE_URL: url, NODE_ENV: 'test' };

    const [a, b] = await Promise.all([
      runScript('scripts/migrate.ts', [], env),
      runScript('scripts/migrate.ts', [], env),
    ]);

    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const folders = await migrationFolders();
    expect((await rowsOf(url)).map((r) => r.migration_name)).toEqual(folders);
    expect(`${a.stdout}\n${b.stdout}`).toContain('Database is up to date.');
  });

  it('exits non-zero and names the failed migration when the database holds one', async () => {
    const url = freshDatabase('blocked');
    await applyMigrations({ databaseUrl: url });
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
       VALUES ('7f1c5a52-2a54-4c3e-9a43-1f1d1f6c0a11', 'x', '20000101000000_stuck', now())`,
    );

    const run = await runScript('scripts/migrate.ts', [], { DATABASE_URL: url, NODE_ENV: 'test' });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Migration failed: The database has failed migrations[\s\S]*20000101000000_stuck/,
    );
  });
});

describe('schema drift', () => {
  it('the migrated database matches prisma/schema.prisma: tables, columns, types, enums, indexes, keys', async () => {
    const t = await createTestDatabase({ label: 'drift' });
    try {
      expect(await findSchemaDrift(t.url)).toEqual([]);
    } finally {
      await t.drop();
    }
  });

  it("Prisma's own schema engine finds no difference between the migrated database and the schema", async () => {
    const t = await createTestDatabase({ label: 'engine-drift' });
    try {
      expect(await diffDatabaseToSchema(t.url)).toBeNull();
    } finally {
      await t.drop();
    }
  });

  it('the migrations folder is in step with the schema (`npm run migrate:new` would write nothing)', async () => {
    const serverUrl = testDatabaseUrl('postgres');
    const pending = await withSchemaEngine({ databaseUrl: serverUrl }, async (engine, schema) =>
      diffSql(engine, { tag: 'migrations', ...(await loadMigrationList()) }, schemaTarget(schema)),
    );
    expect(pending, 'schema.prisma changed without a migration: run `npm run migrate:new <name>`').toBeNull();
  });

  it('reports a dropped column, a changed type, a lost default, an extra index, a lost foreign key and an extra table', async () => {
    const t = await createTestDatabase({ label: 'drifted' });
    try {
      await t.db.$executeRawUnsafe('ALTER TABLE "User" DROP COLUMN "locale"');
      await t.db.$executeRawUnsafe('ALTER TABLE "Generation" ALTER COLUMN "attempts" TYPE BIGINT');
      await t.db.$executeRawUnsafe('ALTER TABLE "Generation" ALTER COLUMN "scope" DROP DEFAULT');
      await t.db.$executeRawUnsafe('CREATE INDEX "User_plan_idx" ON "User"("plan")');
      await t.db.$executeRawUnsafe(
        'ALTER TABLE "PlatformIdentity" DROP CONSTRAINT "PlatformIdentity_userId_fkey"',
      );
      await t.db.$executeRawUnsafe('CREATE TABLE "Stray" ("id" INTEGER)');

      expect((await findSchemaDrift(t.url)).sort()).toEqual(
        [
          'missing column "User"."locale"',
          '"Generation"."attempts" has type bigint, the schema says integer',
          `"Generation"."scope" has default none, the schema says ''`,
          'extra index User INDEX (plan)',
          'missing foreign key PlatformIdentity(userId) -> User(id) ON DELETE Cascade ON UPDATE Cascade',
          'extra table "Stray"',
        ].sort(),
      );
      expect(await diffDatabaseToSchema(t.url)).toMatch(/ADD COLUMN\s+"locale" TEXT/);
    } finally {
      await t.drop();
    }
  });

  it('reports a nullability change, a missing unique index and an enum with other labels', async () => {
    const t = await createTestDatabase({ label: 'drifted2' });
    try {
      await t.db.$executeRawUnsafe('ALTER TABLE "Generation" ALTER COLUMN "style" DROP NOT NULL');
      await t.db.$executeRawUnsafe('DROP INDEX "PlatformIdentity_platform_scope_platformUserId_key"');
      await t.db.$executeRawUnsafe(`ALTER TYPE "GenerationStatus" ADD VALUE 'paused'`);

      const drift = await findSchemaDrift(t.url);

      expect(drift).toContain('"Generation"."style" is nullable in the database');
      expect(drift).toContain('missing index PlatformIdentity UNIQUE (platform, scope, platformUserId)');
      expect(drift.some((d) => d.startsWith('enum "GenerationStatus" has [') && d.includes('paused'))).toBe(
        true,
      );
      expect(drift).toHaveLength(3);
    } finally {
      await t.drop();
    }
  });
});

describe('npm run migrate:new (scripts/migrate-new.ts)', () => {
  it('writes the migration for a schema change, which then leaves no drift, and nothing when in step', async () => {
    const dir = await copyOfMigrations();
    const schemaPath = join(dir, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    await writeFile(
      schemaPath,
      `${schema.replace(/(\n\s*locale\s+String\?)/, '$1\n  nickname_score Int @default(0)')}
model Note {
  id     BigInt @id @default(autoincrement())
  body   Json   @db.JsonB
  pinned Boolean @default(false)
  @@index([pinned])
}
`,
    );
    expect(await readFile(schemaPath, 'utf8')).toContain('nickname_score Int @default(0)');
    const env = { DATABASE_URL: testDatabaseUrl('postgres'), NODE_ENV: 'test' };
    const args = [`--schema=${schemaPath}`, `--migrations-dir=${dir}`];

    const run = await runScript('scripts/migrate-new.ts', ['add', 'notes', ...args], env);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const original = await migrationFolders();
    const added = (await migrationFolders(dir)).filter((f) => !original.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_add_notes$/);
    const sql = await readFile(join(dir, added[0]!, 'migration.sql'), 'utf8');
    expect(sql).toContain('ALTER TABLE "User" ADD COLUMN     "nickname_score" INTEGER NOT NULL DEFAULT 0;');
    expect(sql).toContain('CREATE TABLE "Note"');
    expect(sql).toContain('CREATE INDEX "Note_pinned_idx" ON "Note"("pinned");');

    const url = freshDatabase('migrate-new');
    await applyMigrations({ databaseUrl: url, migrationsDir: dir });
    expect(await findSchemaDrift(url, schemaPath)).toEqual([]);

    const again = await runScript('scripts/migrate-new.ts', ['again', ...args], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already agree: no migration written');
    expect(await migrationFolders(dir)).toHaveLength(original.length + 1);
  });

  it('warns at the top of a migration that drops a column or adds a required one without default', async () => {
    const dir = await copyOfMigrations();
    const schemaPath = join(dir, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    await writeFile(schemaPath, schema.replace(/\n\s*locale\s+String\?[^\n]*/, '\n  tier String'));

    const run = await runScript(
      'scripts/migrate-new.ts',
      ['swap locale for tier', `--schema=${schemaPath}`, `--migrations-dir=${dir}`],
      { DATABASE_URL: testDatabaseUrl('postgres'), NODE_ENV: 'test' },
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain('may lose data');
    const folder = (await migrationFolders(dir)).find((f) => f.endsWith('_swap_locale_for_tier'))!;
    const [header, body] = (await readFile(join(dir, folder, 'migration.sql'), 'utf8')).split('*/\n');
    expect(header).toMatch(/^\/\*\n\s+Warnings/);
    expect(header).toContain('[-] Removed column `locale`');
    expect(header).toContain('Added the required column `tier` to "User" without a default');
    expect(body).toBe(
      '-- AlterTable\nALTER TABLE "User" DROP COLUMN "locale",\nADD COLUMN     "tier" TEXT NOT NULL;\n',
    );
  });

  it('refuses to run without a migration name', async () => {
    const run = await runScript('scripts/migrate-new.ts', [], { NODE_ENV: 'test' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Usage: npm run migrate:new <name>');
  });
});
