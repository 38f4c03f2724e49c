/**
 * Prisma's schema engine (the one behind `prisma migrate`), compiled to WebAssembly
 * (`@prisma/schema-engine-wasm`) and driven through `@prisma/adapter-pg`, so migrations can be
 * generated and drift checked on machines that cannot download Prisma's native engine.
 *
 * Two snags of driving it with adapter-pg, worked around here:
 * - adapter-pg refuses result columns of Postgres' internal `"char"` type (oid 18), which the
 *   engine reads from the catalogue; they are reported as text instead (the value is a string).
 * - adapter-pg's own `connectToShadowDb` connects to the main database, not the one it creates,
 *   and drops it while still connected; the factory below creates a throw-away database itself
 *   and drops it (WITH (FORCE)) when the engine is done with it.
 *
 * The engine package is pinned in package.json to the build published next to the engine that
 * prisma 7.10.1 bundles (8.1.0-1.d1b3f377… was never published on npm).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { DiffTarget, MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { quoteIdent, readMigrationFiles } from '../../src/services/migrations.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SCHEMA_PATH = join(REPO_ROOT, 'prisma/schema.prisma');
export const MIGRATIONS_DIR = join(REPO_ROOT, 'prisma/migrations');

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Where the engine's Rust panics leave their message (the Prisma CLI installs the same global). */
const panics = {
  message: '' as string,
  set_message(m: string) {
    this.message = m;
  },
};

let engineClass: Promise<typeof SchemaEngine> | undefined;

/**
 * Loads the engine's wasm by hand: its package expects a bundler (`import * from '*.wasm'`). Once
 * per process: the glue module caches views of the instance's memory, so a second instance would
 * be driven through the first one's stale state.
 */
/** The slice of the WebAssembly global used here (the project's TS lib has no DOM types for it). */
const wasmRuntime = (
  globalThis as unknown as {
    WebAssembly: {
      compile(bytes: Uint8Array): Promise<object>;
      instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
    };
  }
).WebAssembly;

function loadEngineClass(): Promise<typeof SchemaEngine> {
  engineClass ??= instantiateEngine();
  return engineClass;
}

async function instantiateEngine(): Promise<typeof SchemaEngine> {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = panics;
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const gluePath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const wasmPath = join(dirname(gluePath), 'schema_engine_bg.wasm');
  const module = await wasmRuntime.compile(await readFile(wasmPath));
  const instance = await wasmRuntime.instantiate(module, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

/** Reports oid 18 ("char") columns as text, on the adapter and on every transaction it opens. */
function acceptCharColumns<T extends object>(queryable: T): T {
  const target = queryable as unknown as {
    performIO(q: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
    startTransaction?: (...args: unknown[]) => Promise<object>;
  };
  const performIO = target.performIO.bind(target);
  target.performIO = async (q) => {
    const result = await performIO(q);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  const startTransaction = target.startTransaction?.bind(target);
  if (startTransaction) {
    target.startTransaction = async (...args) => acceptCharColumns(await startTransaction(...args));
  }
  return queryable;
}

/** Runs a script as one simple-protocol query (adapter-pg splits on ';', breaking `$$` bodies and strings). */
function runScriptsWhole(
  adapter: SqlDriverAdapter,
  run: (sql: string) => Promise<unknown>,
): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await run(script);
  };
  return adapter;
}

/**
 * An adapter factory whose shadow databases are temporary databases on the same server.
 * `close()` ends every pool it opened and drops any shadow database the engine left behind (the
 * engine does not always dispose its main connection, whose idle pool would keep Node alive).
 */
export function createAdapterFactory(
  databaseUrl: string,
): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const open = new Set<() => Promise<void>>();

  async function connectAdapter(connectionString: string, onDispose?: () => Promise<void>) {
    const pool = new pg.Pool({ connectionString, max: 2 });
    const adapter = await new PrismaPg(pool).connect();
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    const release = () => {
      disposed ??= (async () => {
        open.delete(release);
        await dispose();
        await pool.end();
        await onDispose?.();
      })();
      return disposed;
    };
    open.add(release);
    adapter.dispose = release;
    return acceptCharColumns(runScriptsWhole(adapter, (sql) => pool.query(sql)));
  }

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectAdapter(databaseUrl),
    async connectToShadowDb() {
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const admin = new URL(databaseUrl);
      admin.pathname = '/postgres';
      const shadow = new URL(databaseUrl);
      shadow.pathname = `/${name}`;
      await runAdmin(admin.toString(), `CREATE DATABASE ${quoteIdent(name)}`);
      return connectAdapter(shadow.toString(), () =>
        runAdmin(admin.toString(), `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      );
    },
    async close() {
      await Promise.all([...open].map((release) => release()));
    },
  };
}

async function runAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts the engine for `databaseUrl`'s server with the given schema, runs `fn`, then frees it. */
export async function withSchemaEngine<T>(
  opts: { databaseUrl: string; schemaPath?: string; log?: (line: string) => void },
  fn: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  const Engine = await loadEngineClass();
  const schemaPath = opts.schemaPath ?? SCHEMA_PATH;
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const factory = createAdapterFactory(opts.databaseUrl);
  panics.message = '';
  try {
    const engine = await Engine.new(
      { datamodels: [[schema.path, schema.content]] },
      (line: string) => opts.log?.(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await fn(engine, schema);
    } finally {
      engine.free();
    }
  } catch (err) {
    if (panics.message) throw new Error(`Prisma schema engine panicked: ${panics.message}`, { cause: err });
    throw err;
  } finally {
    await factory.close();
  }
}

/** The migrations folder in the shape the engine wants (same bytes `applyMigrations` checksums). */
export async function loadMigrationList(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const files = await readMigrationFiles(migrationsDir);
  const lock = await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lock },
    shadowDbInitScript: '',
    migrationDirectories: files.map((f) => ({
      path: f.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: f.script.toString('utf8') } },
    })),
  };
}

/**
 * The SQL that takes a database from `from` to `to` (`prisma migrate diff --script`), or null when
 * there is nothing to do.
 */
export async function diffSql(
  engine: SchemaEngine,
  from: DiffTarget,
  to: DiffTarget,
): Promise<string | null> {
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  // With exitCode requested the engine answers 2 for "there is a difference", 0 for none.
  return result.exitCode === 2 ? (result.stdout ?? '') : null;
}

export const schemaTarget = (schema: { path: string; content: string }): DiffTarget => ({
  tag: 'schemaDatamodel',
  files: [{ path: basename(schema.path), content: schema.content }],
});

/**
 * Prisma's own drift check: the SQL that would bring the live database (`databaseUrl`, read
 * through the adapter) to the schema, or null when they agree. `_prisma_migrations` is ignored.
 */
export async function diffDatabaseToSchema(
  databaseUrl: string,
  schemaPath = SCHEMA_PATH,
): Promise<string | null> {
  return withSchemaEngine({ databaseUrl, schemaPath }, (engine, schema) =>
    diffSql(
      engine,
      {
        tag: 'schemaDatasource',
        files: [{ path: basename(schema.path), content: schema.content }],
        configDir: REPO_ROOT,
      },
      schemaTarget(schema),
    ),
  );
}
