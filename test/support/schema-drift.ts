/**
 * Compares what prisma/schema.prisma describes (Prisma's DMMF, from `@prisma/prisma-schema-wasm`,
 * the same parser the CLI uses) with what a migrated database really holds (pg_catalog), and lists
 * every difference: tables, columns (type, nullability, default), enums, primary keys, unique and
 * plain indexes, foreign keys. Generic over the schema, so models added later are covered too.
 * An empty list means the migrations produce exactly the schema the client is generated from.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../../prisma/schema.prisma');
const MIGRATIONS_TABLE = '_prisma_migrations';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string }[];
}
export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

export async function readDatamodel(schemaPath = SCHEMA_PATH): Promise<Datamodel> {
  const content = await readFile(schemaPath, 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[schemaPath, content]] })));
  return dmmf.datamodel as Datamodel;
}

/** Lists every difference between the schema and the database (an empty list: no drift). */
export async function findSchemaDrift(databaseUrl: string, schemaPath = SCHEMA_PATH): Promise<string[]> {
  const model = await readDatamodel(schemaPath);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return compare(expectedShape(model), await actualShape(client));
  } finally {
    await client.end();
  }
}

interface Column {
  type: string;
  notNull: boolean;
  /** Default expression as Postgres stores it, or null. `undefined` in expectations: any default. */
  default: string | null | undefined;
}
interface Shape {
  tables: Map<string, Map<string, Column>>;
  enums: Map<string, string[]>;
  primaryKeys: Map<string, string>;
  /** "Table UNIQUE (a, b)" / "Table INDEX (a)", one entry per index (duplicates kept). */
  indexes: string[];
  /** "Table(a) -> Other(id) ON DELETE Cascade ON UPDATE Cascade". */
  foreignKeys: string[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const p = (a: string[]) => (a.length > 0 ? `(${a.join(',')})` : '');
/** `@db.X(args)` → what Postgres' format_type() prints for the column Prisma creates. */
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  VarChar: (a) => `character varying${p(a)}`,
  Char: (a) => `character${p(a.length > 0 ? a : ['1'])}`,
  Uuid: () => 'uuid',
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  Oid: () => 'oid',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: (a) => `numeric${p(a)}`,
  Money: () => 'money',
  Boolean: () => 'boolean',
  Date: () => 'date',
  Timestamp: (a) => `timestamp${p(a)} without time zone`,
  Timestamptz: (a) => `timestamp${p(a)} with time zone`,
  Time: (a) => `time${p(a)} without time zone`,
  Timetz: (a) => `time${p(a)} with time zone`,
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
  Xml: () => 'xml',
  Inet: () => 'inet',
  Citext: () => 'citext',
  Bit: (a) => `bit${p(a.length > 0 ? a : ['1'])}`,
  VarBit: (a) => `bit varying${p(a)}`,
};

/** Defaults Prisma computes in the client, so the column has none. */
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function expectedShape(dm: Datamodel): Shape {
  const enumNames = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = new Map(dm.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (modelName: string, field: string): string => {
    const f = dm.models.find((m) => m.name === modelName)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const shape: Shape = {
    tables: new Map(),
    enums: new Map(),
    primaryKeys: new Map(),
    indexes: [],
    foreignKeys: [],
  };

  for (const e of dm.enums)
    shape.enums.set(
      e.dbName ?? e.name,
      e.values.map((v) => v.dbName ?? v.name),
    );

  for (const m of dm.models) {
    const table = tableOf.get(m.name)!;
    const columns = new Map<string, Column>();
    for (const f of m.fields) {
      if (f.kind === 'object') continue;
      let type: string;
      if (f.kind === 'enum') type = `enum ${enumNames.get(f.type)}`;
      else if (f.nativeType) {
        const render = NATIVE_TYPES[f.nativeType[0]];
        if (!render)
          throw new Error(`schema-drift: no mapping for @db.${f.nativeType[0]} (extend NATIVE_TYPES)`);
        type = render(f.nativeType[1]);
      } else if (f.kind === 'unsupported') type = f.type;
      else {
        const t = SCALAR_TYPES[f.type];
        if (!t) throw new Error(`schema-drift: no mapping for scalar type ${f.type} (extend SCALAR_TYPES)`);
        type = t;
      }
      // Prisma creates list columns without NOT NULL.
      columns.set(f.dbName ?? f.name, {
        type: f.isList ? `${type}[]` : type,
        notNull: f.isList ? false : f.isRequired,
        default: expectedDefault(f),
      });
    }
    shape.tables.set(table, columns);

    const pk = m.primaryKey?.fields ?? m.fields.filter((f) => f.isId).map((f) => f.name);
    if (pk.length > 0) shape.primaryKeys.set(table, pk.map((f) => columnOf(m.name, f)).join(', '));

    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue;
      const from = f.relationFromFields.map((x) => columnOf(m.name, x));
      const to = (f.relationToFields ?? []).map((x) => columnOf(f.type, x));
      const required = f.relationFromFields.every((x) => m.fields.find((y) => y.name === x)?.isRequired);
      const onDelete = f.relationOnDelete ?? (required ? 'Restrict' : 'SetNull');
      const onUpdate = f.relationOnUpdate ?? 'Cascade';
      shape.foreignKeys.push(
        `${table}(${from.join(', ')}) -> ${tableOf.get(f.type)}(${to.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      );
    }
  }

  for (const ix of dm.indexes) {
    if (ix.type === 'id') continue;
    const table = tableOf.get(ix.model)!;
    const cols = ix.fields.map((f) => columnOf(ix.model, f.name)).join(', ');
    shape.indexes.push(`${table} ${ix.type === 'unique' ? 'UNIQUE' : 'INDEX'} (${cols})`);
  }
  return shape;
}

function expectedDefault(f: DmmfField): string | null | undefined {
  const d = f.default;
  if (d === undefined || d === null) return null;
  if (typeof d === 'string') return f.kind === 'enum' ? `${quote(d)}::` : quote(d);
  if (typeof d === 'number' || typeof d === 'boolean') return String(d);
  if (typeof d === 'object' && 'name' in d) {
    const name = (d as { name: string }).name;
    if (CLIENT_SIDE_DEFAULTS.has(name)) return null;
    if (name === 'now') return 'CURRENT_TIMESTAMP';
  }
  return undefined; // autoincrement, dbgenerated, lists: any default will do
}

async function actualShape(client: pg.Client): Promise<Shape> {
  const shape: Shape = {
    tables: new Map(),
    enums: new Map(),
    primaryKeys: new Map(),
    indexes: [],
    foreignKeys: [],
  };
  const ns = `n.nspname = current_schema()`;

  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${ns} AND c.relkind IN ('r', 'p') AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const t of tables.rows) shape.tables.set(t.name, new Map());

  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    def: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS column, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS def,
            CASE WHEN t.typtype = 'e' THEN 'enum ' || t.typname
                 WHEN et.typtype = 'e' THEN 'enum ' || et.typname || '[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END AS type
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE ${ns} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const c of columns.rows) {
    shape.tables.get(c.table)?.set(c.column, { type: c.type, notNull: c.not_null, default: c.def });
  }

  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${ns} GROUP BY t.typname`,
  );
  for (const e of enums.rows) shape.enums.set(e.name, e.labels);

  const indexes = await client.query<{
    table: string;
    is_unique: boolean;
    is_primary: boolean;
    columns: string[];
  }>(
    `SELECT tc.relname AS table, i.indisunique AS is_unique, i.indisprimary AS is_primary,
            array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE ${ns} AND tc.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const ix of indexes.rows) {
    const cols = ix.columns.join(', ');
    if (ix.is_primary) shape.primaryKeys.set(ix.table, cols);
    else shape.indexes.push(`${ix.table} ${ix.is_unique ? 'UNIQUE' : 'INDEX'} (${cols})`);
  }

  const fks = await client.query<{
    table: string;
    ref: string;
    cols: string[];
    ref_cols: string[];
    del: string;
    upd: string;
  }>(
    `SELECT tc.relname AS table, rc.relname AS ref, con.confdeltype::text AS del, con.confupdtype::text AS upd,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS cols,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_cols
       FROM pg_constraint con
       JOIN pg_class tc ON tc.oid = con.conrelid
       JOIN pg_class rc ON rc.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE ${ns} AND con.contype = 'f'`,
  );
  const action: Record<string, string> = {
    a: 'NoAction',
    r: 'Restrict',
    c: 'Cascade',
    n: 'SetNull',
    d: 'SetDefault',
  };
  for (const fk of fks.rows) {
    shape.foreignKeys.push(
      `${fk.table}(${fk.cols.join(', ')}) -> ${fk.ref}(${fk.ref_cols.join(', ')}) ON DELETE ${action[fk.del]} ON UPDATE ${action[fk.upd]}`,
    );
  }
  return shape;
}

function compare(want: Shape, have: Shape): string[] {
  const drift: string[] = [];
  for (const [table, columns] of want.tables) {
    const actual = have.tables.get(table);
    if (!actual) {
      drift.push(`missing table "${table}"`);
      continue;
    }
    for (const [name, col] of columns) {
      const got = actual.get(name);
      const where = `"${table}"."${name}"`;
      if (!got) {
        drift.push(`missing column ${where}`);
        continue;
      }
      if (got.type !== col.type) drift.push(`${where} has type ${got.type}, the schema says ${col.type}`);
      if (got.notNull !== col.notNull)
        drift.push(`${where} is ${got.notNull ? 'NOT NULL' : 'nullable'} in the database`);
      if (col.default === null && got.default !== null)
        drift.push(`${where} has default ${got.default}, the schema none`);
      if (col.default && !got.default?.startsWith(col.default)) {
        drift.push(`${where} has default ${got.default ?? 'none'}, the schema says ${col.default}`);
      }
    }
    for (const name of actual.keys()) if (!columns.has(name)) drift.push(`extra column "${table}"."${name}"`);
  }
  for (const table of have.tables.keys()) if (!want.tables.has(table)) drift.push(`extra table "${table}"`);

  for (const [name, labels] of want.enums) {
    const got = have.enums.get(name);
    if (!got) drift.push(`missing enum "${name}"`);
    else if (got.join(',') !== labels.join(','))
      drift.push(`enum "${name}" has [${got}], the schema says [${labels}]`);
  }
  for (const name of have.enums.keys()) if (!want.enums.has(name)) drift.push(`extra enum "${name}"`);

  for (const table of new Set([...want.primaryKeys.keys(), ...have.primaryKeys.keys()])) {
    const [w, h] = [want.primaryKeys.get(table), have.primaryKeys.get(table)];
    if (w !== h && want.tables.has(table))
      drift.push(`"${table}" primary key is (${h ?? ''}), the schema says (${w ?? ''})`);
  }
  drift.push(...multisetDiff('index', want.indexes, have.indexes));
  drift.push(...multisetDiff('foreign key', want.foreignKeys, have.foreignKeys));
  return drift;
}

function multisetDiff(kind: string, want: string[], have: string[]): string[] {
  const left = [...have];
  const out: string[] = [];
  for (const w of want) {
    const i = left.indexOf(w);
    if (i === -1) out.push(`missing ${kind} ${w}`);
    else left.splice(i, 1);
  }
  for (const h of left) out.push(`extra ${kind} ${h}`);
  return out;
}
