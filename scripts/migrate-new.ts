/**
 * `npm run migrate:new <name>` — writes the next migration from prisma/schema.prisma, like
 * `prisma migrate dev --create-only`, without Prisma's native engine.
 *
 * How: Prisma's own schema engine (WebAssembly build, see scripts/lib/schema-engine.ts) replays
 * every prisma/migrations/<folder>/migration.sql into a temporary "shadow" database and diffs
 * the result against schema.prisma; the SQL of that diff becomes
 * prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql (UTC timestamp, as Prisma names them).
 *
 * Workflow after editing schema.prisma:
 *   1. npm run migrate:new add_credits      # writes the migration, prints a summary
 *   2. read the SQL (data-loss warnings are written at the top of the file), edit if needed
 *   3. npm run migrate                      # applies it to DATABASE_URL
 *   4. npm run db:generate                  # regenerates the client (npm run migrate also does)
 *
 * Options: `--empty` writes an empty migration for hand-written SQL (data fixes, extensions);
 * `--schema=<file>` and `--migrations-dir=<dir>` point elsewhere (tests use them).
 * Needs a PostgreSQL server: the shadow database is created (and dropped) on the server of
 * DATABASE_URL (default postgresql://postgres@127.0.0.1:5432), so that user must be allowed to
 * CREATE DATABASE. Nothing is written when schema and migrations already agree.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../src/config.ts';
import {
  diffSql,
  loadMigrationList,
  MIGRATIONS_DIR,
  schemaTarget,
  withSchemaEngine,
} from './lib/schema-engine.ts';

const EMPTY_MIGRATION = '-- This is an empty migration.';

interface Args {
  name: string;
  empty: boolean;
  schemaPath?: string;
  migrationsDir: string;
}

function parseArgs(argv: string[]): Args {
  const flag = (key: string) => argv.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3);
  const words = argv.filter((a) => !a.startsWith('--'));
  const name = slugify(words.join('_'));
  if (!name) {
    throw new Error(
      'Usage: npm run migrate:new <name> [-- --empty]   (e.g. npm run migrate:new add_credits)',
    );
  }
  const schemaPath = flag('schema');
  return {
    name,
    empty: argv.includes('--empty'),
    schemaPath: schemaPath ? resolve(schemaPath) : undefined,
    migrationsDir: resolve(flag('migrations-dir') ?? MIGRATIONS_DIR),
  };
}

/** Prisma's folder naming: lowercase words joined by "_", at most 200 characters. */
function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

/** UTC YYYYMMDDHHMMSS, bumped past the newest existing folder so the new one always sorts last. */
async function nextTimestamp(migrationsDir: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const existing = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name.slice(0, 14))
    .filter((s) => /^\d{14}$/.test(s))
    .sort();
  const newest = existing.at(-1);
  return newest && newest >= stamp ? String(BigInt(newest) + 1n) : stamp;
}

/**
 * What `migrate dev` would warn about: removals and column changes in the engine's summary, and
 * required columns added without a default (the migration fails on a table that has rows).
 */
function dataLossWarnings(summary: string, sql: string): string[] {
  const fromSummary = summary
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('[-]') || l.startsWith('[*] Altered column'));
  const fromSql: string[] = [];
  let table = '';
  for (const line of sql.split('\n')) {
    table = /^ALTER TABLE "([^"]+)"/.exec(line)?.[1] ?? table;
    const added = /ADD COLUMN\s+"([^"]+)"(.*)$/.exec(line);
    if (added && /NOT NULL/.test(added[2] ?? '') && !/DEFAULT/.test(added[2] ?? '')) {
      fromSql.push(
        `Added the required column \`${added[1]}\` to "${table}" without a default: fails if the table has rows`,
      );
    }
  }
  return [...fromSummary, ...fromSql];
}

async function main(): Promise<void> {
  const { name, empty, schemaPath, migrationsDir } = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env);

  let sql: string;
  if (empty) {
    sql = `${EMPTY_MIGRATION}\n`;
  } else {
    // The engine only needs the server (for its shadow database), not the app's database, which
    // may not exist yet: connect it to the server's `postgres` database.
    const server = new URL(config.DATABASE_URL);
    server.pathname = '/postgres';
    const result = await withSchemaEngine(
      { databaseUrl: server.toString(), schemaPath },
      async (engine, schema) => {
        const from = { tag: 'migrations' as const, ...(await loadMigrationList(migrationsDir)) };
        const to = schemaTarget(schema);
        const summary = await engine.diff({
          from,
          to,
          script: false,
          exitCode: true,
          filters: { externalTables: [], externalEnums: [] },
        });
        return { summary: summary.stdout ?? '', script: await diffSql(engine, from, to) };
      },
    );
    if (result.script === null) {
      console.log('The schema and the migrations folder already agree: no migration written.');
      return;
    }
    console.log(`Changes:${result.summary}`);
    const warnings = dataLossWarnings(result.summary, result.script);
    sql = result.script;
    if (warnings.length > 0) {
      console.warn(`WARNING: this migration may lose data:\n  ${warnings.join('\n  ')}`);
      const list = warnings.map((w) => `  - ${w}`).join('\n');
      sql = `/*\n  Warnings (review before applying; data in these may be lost):\n\n${list}\n\n*/\n${sql}`;
    }
  }

  const folder = `${await nextTimestamp(migrationsDir)}_${name}`;
  const file = join(migrationsDir, folder, 'migration.sql');
  await mkdir(join(migrationsDir, folder));
  await writeFile(file, sql);
  console.log(`Wrote ${relative(process.cwd(), file)} — review it, then run \`npm run migrate\`.`);
}

main().catch((err: unknown) => {
  console.error(`migrate:new failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
