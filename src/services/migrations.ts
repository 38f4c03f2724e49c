/**
 * Applies the committed `prisma/migrations/<name>/migration.sql` files the way `prisma migrate
 * deploy` does, with `pg` only: Prisma's CLI needs a native schema engine that machines without
 * internet cannot download. Same lock id, same `_prisma_migrations` table, same checksums, so a
 * database migrated here and one migrated by Prisma are interchangeable.
 * (Mirrors prisma-engines `schema-engine/core/src/commands/apply_migrations.rs` and the postgres
 * flavour of `migration_persistence`.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';

/** The advisory lock id `prisma migrate` takes on PostgreSQL, so we also exclude Prisma's own CLI. */
export const MIGRATION_LOCK_ID = 72707369;

export const DEFAULT_MIGRATIONS_DIR = resolve(import.meta.dirname, '../../prisma/migrations');

/** Prisma's exact DDL for its bookkeeping table (postgres flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationOptions {
  databaseUrl: string;
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  log?: (msg: string) => void;
}

/** A migration folder on disk. */
export interface MigrationFile {
  name: string;
  script: Buffer;
  /** Lowercase hex SHA-256 of the file's exact bytes, as Prisma stores it. */
  checksum: string;
}

export interface MigrationStatus {
  /** Folder names recorded as finished in the database, in folder order. */
  applied: string[];
  /** Folder names not yet applied, in the order they would be applied. */
  pending: string[];
  /** Migrations that started and never finished: they block `applyMigrations`. */
  failed: string[];
  /** Applied migrations whose file no longer matches the recorded checksum. */
  modified: string[];
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Thrown when the database holds a failed migration or a migration script fails. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export const checksumOf = (script: Buffer): string => createHash('sha256').update(script).digest('hex');

/** Reads every `<folder>/migration.sql`, sorted by folder name (timestamps sort in time order). */
export async function readMigrationFiles(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  await checkLockFile(migrationsDir);
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of folders) {
    const path = join(migrationsDir, name, 'migration.sql');
    let script: Buffer;
    try {
      script = await readFile(path);
    } catch (err) {
      // Prisma refuses a migration folder without its script rather than skipping it.
      throw new MigrationError(`Migration folder ${name} has no readable migration.sql (${path}).`, {
        cause: err,
      });
    }
    files.push({ name, script, checksum: checksumOf(script) });
  }
  return files;
}

async function checkLockFile(migrationsDir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8');
  } catch {
    return; // Prisma tolerates a missing lock file.
  }
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(text)?.[1];
  if (provider && provider !== 'postgresql') {
    throw new MigrationError(
      `migration_lock.toml says these migrations are for "${provider}", but this database is PostgreSQL.`,
    );
  }
}

/**
 * Brings the database up to date with the migrations folder, like `prisma migrate deploy`:
 * creates the database if missing, serialises concurrent runs with Prisma's advisory lock, refuses
 * to continue past a failed migration, and applies each pending migration in its own transaction.
 */
export async function applyMigrations(opts: MigrationOptions): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const files = await readMigrationFiles(opts.migrationsDir);
  await ensureDatabaseExists(opts.databaseUrl, log);

  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    // Session-level lock: held across the per-migration transactions below, freed on disconnect.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const rows = await readRows(client);
      throwIfFailed(rows);
      warnAboutModified(files, rows, log);

      const pending = pendingFiles(files, rows);
      if (pending.length === 0) log('No pending migrations.');
      for (const file of pending) {
        await applyOne(client, file, log);
        applied.push(file.name);
      }
    } finally {
      // Best effort: closing the session below frees the lock anyway.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    }
  } finally {
    await client.end();
  }
  return { applied };
}

/** What `applyMigrations` would do, without changing anything (a missing database counts as empty). */
export async function migrationStatus(opts: MigrationOptions): Promise<MigrationStatus> {
  const files = await readMigrationFiles(opts.migrationsDir);
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  let rows: MigrationRow[] = [];
  try {
    await client.connect();
    const table = await client.query<{ t: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"')::text AS t`,
    );
    if (table.rows[0]?.t) rows = await readRows(client);
  } catch (err) {
    if (!isPgError(err, '3D000')) throw err;
  } finally {
    await client.end().catch(() => {});
  }
  const finished = new Set(
    rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
  );
  return {
    applied: files.filter((f) => finished.has(f.name)).map((f) => f.name),
    pending: pendingFiles(files, rows).map((f) => f.name),
    failed: failedRows(rows).map((r) => r.migration_name),
    modified: modifiedFiles(files, rows).map((f) => f.name),
  };
}

async function applyOne(client: pg.Client, file: MigrationFile, log: (msg: string) => void): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
    [id, file.checksum, file.name],
  );
  log(`Applying migration ${file.name}`);
  try {
    await client.query('BEGIN');
    // Simple query protocol (no parameters), so a script with many statements runs as written.
    await client.query(file.script.toString('utf8'));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    // Like Prisma: the row stays unfinished with the error in `logs`, which blocks later runs.
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, formatDbError(err)]);
    throw new MigrationError(
      `Migration ${file.name} failed:\n${formatDbError(err)}\n` +
        'The database was left as it was before this migration (the script ran in a transaction). ' +
        `Fix the cause, then mark it rolled back with \`prisma migrate resolve --rolled-back ${file.name}\` ` +
        `(or: UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = '${id}') and migrate again.`,
      { cause: err },
    );
  }
  await client.query(
    `UPDATE "_prisma_migrations" SET applied_steps_count = 1, finished_at = now() WHERE id = $1`,
    [id],
  );
}

async function readRows(client: pg.Client): Promise<MigrationRow[]> {
  const res = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return res.rows;
}

const failedRows = (rows: MigrationRow[]) => rows.filter((r) => !r.finished_at && !r.rolled_back_at);

function pendingFiles(files: MigrationFile[], rows: MigrationRow[]): MigrationFile[] {
  const live = new Set(rows.filter((r) => !r.rolled_back_at).map((r) => r.migration_name));
  return files.filter((f) => !live.has(f.name));
}

function modifiedFiles(files: MigrationFile[], rows: MigrationRow[]): MigrationFile[] {
  return files.filter((f) =>
    rows.some(
      (r) => r.migration_name === f.name && r.finished_at && !r.rolled_back_at && r.checksum !== f.checksum,
    ),
  );
}

function throwIfFailed(rows: MigrationRow[]): void {
  const failed = failedRows(rows);
  if (failed.length === 0) return;
  const list = failed
    .map((r) => `  - ${r.migration_name} (started ${r.started_at.toISOString()})`)
    .join('\n');
  throw new MigrationError(
    `The database has failed migrations, so no new migration will be applied (Prisma error P3009):\n${list}\n` +
      'Look at the "logs" column of "_prisma_migrations" for the error. Then either undo what the migration ' +
      'did partially and run `prisma migrate resolve --rolled-back <name>` (it will be applied again), or ' +
      'finish it by hand and run `prisma migrate resolve --applied <name>`. Without the Prisma engine, set ' +
      '"rolled_back_at" (or "finished_at" and applied_steps_count = 1) on that row yourself. ' +
      'See https://pris.ly/d/migrate-resolve',
  );
}

function warnAboutModified(files: MigrationFile[], rows: MigrationRow[], log: (msg: string) => void): void {
  for (const file of modifiedFiles(files, rows)) {
    log(
      `Warning: migration ${file.name} was modified after it was applied (checksum differs); ` +
        'the change will not be applied. Write a new migration instead.',
    );
  }
}

/**
 * Creates the database named in the URL when it does not exist yet, through the `postgres`
 * database of the same server (Prisma does the same before deploying).
 */
export async function ensureDatabaseExists(databaseUrl: string, log: (msg: string) => void = () => {}) {
  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return;
  } catch (err) {
    if (!isPgError(err, '3D000')) throw err;
  } finally {
    await probe.end().catch(() => {});
  }
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    log(`Created database ${name}`);
  } catch (err) {
    // Another process won the race to create it: 42P04, or 23505 when both hit the catalogue at once.
    if (!isPgError(err, '42P04') && !isPgError(err, '23505')) throw err;
  } finally {
    await admin.end();
  }
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function isPgError(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** The shape Prisma writes into `_prisma_migrations.logs` for a failed script. */
function formatDbError(err: unknown): string {
  if (err instanceof pg.DatabaseError) {
    const lines = [
      `Database error code: ${err.code}`,
      '',
      'Database error:',
      `${err.severity ?? 'ERROR'}: ${err.message}`,
    ];
    if (err.detail) lines.push(`DETAIL: ${err.detail}`);
    if (err.hint) lines.push(`HINT: ${err.hint}`);
    if (err.position) lines.push(`Position: ${err.position}`);
    return lines.join('\n');
  }
  return err instanceof Error ? err.message : String(err);
}
