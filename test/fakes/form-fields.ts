/**
 * Turns form bodies (application/x-www-form-urlencoded and multipart/form-data) into the field
 * object an OpenAPI schema describes, the way the vendors' servers read them:
 * - a field whose OpenAPI `encoding` style is `deepObject` (Stripe: `line_items[0][price]`) nests;
 * - `name[]` (OpenAI's SDK sends `image[]`) and repeated names become arrays;
 * - other bracketed names stay literal (Discord's multipart schema lists `files[0]` as a property).
 * Values stay strings (uploaded files as their bytes in latin1); the validator coerces them to the
 * schema's types, as the servers do.
 */

export interface FormPart {
  name: string;
  value: string;
  filename?: string;
}

type Encoding = Record<string, { style?: string } | undefined> | undefined;
type Fields = Record<string, unknown>;

/** Reads the form parts of a urlencoded or multipart body given as text, bytes or a plain object. */
export function readFormParts(body: unknown, mediaType: string, contentType: string): FormPart[] {
  if (body instanceof URLSearchParams) return [...body].map(([name, value]) => ({ name, value }));
  if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) {
    const bytes = Buffer.from(body as string | Uint8Array);
    if (mediaType === 'multipart/form-data') return parseMultipart(bytes, contentType);
    return [...new URLSearchParams(bytes.toString('utf8'))].map(([name, value]) => ({ name, value }));
  }
  if (body && typeof body === 'object') {
    return Object.entries(body).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: String(v) })),
    );
  }
  return [];
}

/** Builds the field object from form parts, honouring the media type's `encoding` styles. */
export function decodeFormFields(parts: FormPart[], encoding: Encoding): Fields {
  const fields: Fields = {};
  for (const { name, value } of parts) {
    const top = name.split('[')[0] ?? name;
    if (top !== name && encoding?.[top]?.style === 'deepObject') {
      setDeep(fields, bracketPath(name), value);
    } else if (name.endsWith('[]')) {
      append(fields, name.slice(0, -2), value, true);
    } else {
      append(fields, name, value, false);
    }
  }
  return arraysFromIndexedObjects(fields) as Fields;
}

function append(fields: Fields, key: string, value: string, asArray: boolean): void {
  const existing = fields[key];
  if (existing === undefined) fields[key] = asArray ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[key] = [existing, value];
}

/** `a[b][0][]` → ['a', 'b', '0', ''] (an empty segment appends). */
function bracketPath(name: string): string[] {
  const top = name.slice(0, name.indexOf('['));
  const rest = [...name.slice(top.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return [top, ...rest];
}

function setDeep(fields: Fields, path: string[], value: string): void {
  let node: Record<string, unknown> = fields;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const key = segment === '' ? String(Object.keys(node).length) : segment;
    if (last) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
}

/** `{ '0': a, '1': b }` → `[a, b]`, recursively (how deepObject arrays are sent). */
function arraysFromIndexedObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(arraysFromIndexedObjects);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, arraysFromIndexedObjects(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return indexed ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/** A small synchronous multipart/form-data reader (RFC 7578), enough for validating SDK uploads. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new Error('multipart body without a boundary in its content type');
  const delimiter = Buffer.from(`--${marker}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const end = body.indexOf(delimiter, afterDelimiter);
    if (end === -1) throw new Error('multipart body is not terminated by its closing boundary');
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(afterDelimiter + 2, end - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) throw new Error('multipart part without a header block');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without a field name');
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    parts.push({
      name: decodeQuoted(name),
      value: filename === undefined ? content.toString('utf8') : content.toString('latin1'),
      ...(filename === undefined ? {} : { filename: decodeQuoted(filename) }),
    });
    start = end;
  }
  return parts;
}

/** Browsers and undici percent-escape `"`, CR and LF in multipart names (WHATWG HTML). */
function decodeQuoted(value: string): string {
  return value.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}
