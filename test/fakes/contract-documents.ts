/**
 * Loads the vendors' API descriptions (see `../shared/contract-specs/README.md`) and turns the
 * schema dialects they use into plain JSON Schema that ajv compiles: OpenAPI 3.0's `nullable` and
 * boolean `exclusiveMinimum`, Swagger 2's `x-nullable` and `type: file`. Parsing the multi-megabyte
 * YAML files takes about a second each, so parsed documents are cached in memory and on disk
 * (`node_modules/.cache/contract-specs`, keyed by the file's SHA-256) for the next test worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The repository root; CI runs a fresh clone with `shared/` beside it. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SPECS_DIR = fileURLToPath(new URL('../../../shared/contract-specs/', import.meta.url));
const DISK_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'contract-specs');

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is untyped JSON walked by pointer
export type Json = any;

export interface LoadedDocument {
  path: string;
  /** The document with every schema normalised to JSON Schema (see the module comment). */
  doc: Json;
  /** Every `format` name the document uses, so unknown ones can be declared to ajv. */
  formats: Set<string>;
  /** 'openapi-3.1', 'openapi-3.0' or 'swagger-2'. */
  dialect: 'openapi-3.1' | 'openapi-3.0' | 'swagger-2';
}

const loaded = new Map<string, LoadedDocument>();

/** Resolves a spec name (`discord.openapi.json`) or an absolute path, failing clearly when absent. */
export function resolveSpecPath(file: string): string {
  const path = isAbsolute(file) ? file : join(SPECS_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      `contract spec not found: ${path}. The vendor API specs live in shared/contract-specs/ beside the ` +
        'repository (a sibling of the repo root, i.e. <repo>/../shared/contract-specs/); copy that folder there.',
    );
  }
  return path;
}

/** Reads, parses and normalises a spec once per process. */
export function loadDocument(file: string): LoadedDocument {
  const path = resolveSpecPath(file);
  const cached = loaded.get(path);
  if (cached) return cached;
  const doc = readParsed(path);
  const dialect = doc.swagger
    ? 'swagger-2'
    : String(doc.openapi).startsWith('3.0')
      ? 'openapi-3.0'
      : 'openapi-3.1';
  const formats = new Set<string>();
  normaliseSchemas(doc, formats);
  const result: LoadedDocument = { path, doc, formats, dialect };
  loaded.set(path, result);
  return result;
}

function readParsed(path: string): Json {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) return JSON.parse(text);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cacheFile = join(DISK_CACHE_DIR, `${basename(path)}.${digest}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  } catch {
    // Not cached yet (or a half-written file from an older run): parse and cache below.
  }
  const doc = parseYaml(text, { maxAliasCount: -1 });
  try {
    mkdirSync(DISK_CACHE_DIR, { recursive: true });
    // Write then rename, so parallel test workers never read a half-written cache file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc));
    renameSync(tmp, cacheFile);
  } catch {
    // The cache is an optimisation; a read-only checkout still works, just slower.
  }
  return doc;
}

/** Keys whose values are data, not schemas: never rewrite inside them. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);
/** Keys whose values map arbitrary names (even `default` or `example`) to schemas. */
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'schemas',
  'dependentSchemas',
]);

/** Calls `visit` on every child that may hold schemas, skipping example data and extensions. */
function forEachSchemaChild(node: Json, visit: (child: Json) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const schema of Object.values(value)) visit(schema);
    } else if (!DATA_KEYS.has(key) && !key.startsWith('x-')) {
      visit(value);
    }
  }
}

/**
 * Rewrites, in place, the OpenAPI-only schema keywords ajv cannot take. ajv's own `nullable`
 * support throws on `nullable` without a sibling `type`, which Stripe, Clerk and OpenAI use
 * throughout (`anyOf: [...], nullable: true`), so nullability is expressed in JSON Schema here.
 */
export function normaliseSchemas(node: Json, formats: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    forEachSchemaChild(node, (child) => normaliseSchemas(child, formats));
    return;
  }
  rewriteNullable(node);
  for (const bound of ['Minimum', 'Maximum'] as const) {
    const flag = node[`exclusive${bound}`];
    if (typeof flag !== 'boolean') continue;
    const limit = node[bound.toLowerCase()];
    delete node[`exclusive${bound}`];
    if (flag && typeof limit === 'number') {
      node[`exclusive${bound}`] = limit;
      delete node[bound.toLowerCase()];
    }
  }
  if (node.type === 'file') node.type = 'string';
  // Discord's generator writes `enum: []` beside an `allOf` holding the real enum; ajv rejects empty enums.
  if (Array.isArray(node.enum) && node.enum.length === 0) delete node.enum;
  if (typeof node.format === 'string') formats.add(node.format);
  forEachSchemaChild(node, (child) => normaliseSchemas(child, formats));
}

function rewriteNullable(node: Json): void {
  const nullable = typeof node.nullable === 'boolean' ? node.nullable : node['x-nullable'];
  if (typeof node.nullable === 'boolean') delete node.nullable;
  if (typeof node['x-nullable'] === 'boolean') delete node['x-nullable'];
  if (nullable !== true) return;
  if (typeof node.type === 'string' || Array.isArray(node.type)) {
    const types = [node.type].flat();
    if (!types.includes('null')) node.type = [...types, 'null'];
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null];
    return;
  }
  // No `type` to widen (a `$ref`, `anyOf`, `allOf`…): allow null beside the whole schema.
  const inner = { ...node };
  for (const key of Object.keys(node)) delete node[key];
  node.anyOf = [inner, { type: 'null' }];
}

/**
 * A copy of the document in which objects accept properties the spec does not list, for vendors
 * whose copy of the spec is older than the SDK (the Stripe spec kept here is from 2023).
 */
export function withoutClosedObjects(doc: Json): Json {
  const copy = structuredClone(doc);
  const open = (node: Json): void => {
    if (node === null || typeof node !== 'object') return;
    if (node.additionalProperties === false) delete node.additionalProperties;
    if (node.unevaluatedProperties === false) delete node.unevaluatedProperties;
    forEachSchemaChild(node, open);
  };
  open(copy);
  return copy;
}

/** Escapes one JSON-pointer token for use inside a `$ref` URI fragment. */
export function pointerToken(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** Follows local `$ref`s (`#/components/...`) from a node, returning the target and its pointer. */
export function dereference(doc: Json, node: Json, pointer: string): { node: Json; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops += 1) {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`unsupported non-local $ref ${ref}`);
    const tokens = ref
      .slice(2)
      .split('/')
      .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
    current = tokens.reduce((n: Json, t) => n?.[t], doc);
    at = `/${tokens.map(pointerToken).join('/')}`;
    if (current === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return { node: current, pointer: at };
}
