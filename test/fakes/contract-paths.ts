/**
 * Finds the operation of an OpenAPI/Swagger document that a request path and method address:
 * templated segments (`/interactions/{interaction_id}/{interaction_token}/callback`), the server's
 * base path (`/api/v10`), URL-encoded segments (`%40original`), and literal paths winning over
 * templates (`/messages/@original` before `/messages/{message_id}`), as routers do.
 */
import { dereference, type Json, pointerToken } from './contract-documents.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of the document, ready to match. */
export interface Entry {
  method: string;
  template: string;
  segments: (string | RegExp)[];
  paramNames: string[][];
  /** Per segment: 2 literal, 1 partly templated, 0 a whole parameter; more literal wins. */
  specificity: number[];
  op: Json;
  pointer: string;
  pathItem: Json;
  pathPointer: string;
}

export interface EntryMatch {
  entry: Entry;
  pathParams: Record<string, string>;
}

/** The most specific operation matching method and path, or undefined. */
export function findEntry(
  entries: Entry[],
  basePath: string,
  method: string,
  rawPath: string,
  acceptAnyMethod = false,
): EntryMatch | undefined {
  const path = rawPath.split('?')[0] ?? '';
  if (basePath && path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  const segments = (path.slice(basePath.length) || '/').split('/').map(decodeSegment);
  const wanted = method.toLowerCase();
  let best: EntryMatch | undefined;
  for (const entry of entries) {
    if (entry.segments.length !== segments.length) continue;
    if (entry.method !== wanted && !acceptAnyMethod) continue;
    const pathParams = matchSegments(entry, segments);
    if (!pathParams) continue;
    if (!best || isBetterMatch(entry, best.entry, wanted)) best = { entry, pathParams };
  }
  return best;
}

/** The path of `servers[0].url` (OpenAPI 3) or `basePath` (Swagger 2). */
export function defaultBasePath(doc: Json): string {
  if (typeof doc.basePath === 'string') return doc.basePath;
  const server = doc.servers?.[0]?.url;
  if (typeof server !== 'string') return '';
  try {
    return new URL(server).pathname;
  } catch {
    return server.startsWith('/') ? server : '';
  }
}

export function indexOperations(doc: Json): Entry[] {
  const entries: Entry[] = [];
  for (const [template, rawItem] of Object.entries<Json>(doc.paths ?? {})) {
    const pathPointer = `/paths/${pointerToken(template)}`;
    const { node: pathItem } = dereference(doc, rawItem, pathPointer);
    // OpenAI lists variants such as '/responses?beta=true'; the query is not part of the path.
    const parts = (template.split('?')[0] ?? template).split('/').map(compileSegment);
    for (const method of METHODS) {
      if (!pathItem[method]) continue;
      entries.push({
        method,
        template,
        segments: parts.map((p) => p.matcher),
        paramNames: parts.map((p) => p.names),
        specificity: parts.map((p) => p.specificity),
        op: pathItem[method],
        pointer: `${pathPointer}/${method}`,
        pathItem,
        pathPointer,
      });
    }
  }
  return entries;
}

function compileSegment(segment: string): { matcher: string | RegExp; names: string[]; specificity: number } {
  const names = [...segment.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  if (names.length === 0) return { matcher: segment, names, specificity: 2 };
  const source = segment
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('(.+?)');
  const whole = /^\{[^}]+\}$/.test(segment);
  return { matcher: new RegExp(`^${source}$`), names, specificity: whole ? 0 : 1 };
}

function matchSegments(entry: Entry, segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, matcher] of entry.segments.entries()) {
    const segment = segments[i] ?? '';
    if (typeof matcher === 'string') {
      if (matcher !== segment) return undefined;
      continue;
    }
    const m = matcher.exec(segment);
    if (!m || segment === '') return undefined;
    (entry.paramNames[i] ?? []).forEach((name, j) => {
      params[name] = m[j + 1] ?? '';
    });
  }
  return params;
}

function isBetterMatch(candidate: Entry, current: Entry, method: string): boolean {
  for (const [i, score] of candidate.specificity.entries()) {
    const other = current.specificity[i] ?? 0;
    if (score !== other) return score > other;
  }
  return candidate.method === method && current.method !== method;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
