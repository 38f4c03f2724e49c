/**
 * Checks requests and responses of the fake vendor servers against the vendors' own API
 * descriptions (`../shared/contract-specs`), so a fake accepts and answers exactly what the real
 * API does. A fake route calls `contract.validateRequest(...)` on what it received and
 * `contract.validateResponse(...)` on what it is about to answer; both return readable problems
 * (empty = conforms). `vendorContract('discord')` gives each vendor's spec with the right options.
 *
 * JSON bodies are validated as sent; form bodies (urlencoded, multipart) are decoded into their
 * field object first (see `form-fields.ts`) and validated with string→type coercion, as the
 * servers read them. Schemas are compiled lazily per operation and cached.
 */
import { basename } from 'node:path';
import {
  dereference,
  type Json,
  type LoadedDocument,
  loadDocument,
  pointerToken,
} from './contract-documents.ts';
import { defaultBasePath, type Entry, findEntry, indexOperations } from './contract-paths.ts';
import { type CheckResult, type Kind, SchemaValidators } from './contract-validators.ts';
import { decodeFormFields, readFormParts } from './form-fields.ts';

export { SPECS_DIR } from './contract-documents.ts';
export type { CheckResult } from './contract-validators.ts';

export interface ContractOptions {
  /** Path prefix before the spec's paths, e.g. '/api/v10'. Default: the path of `servers[0].url` (Swagger: `basePath`). */
  basePath?: string;
  /**
   * Fields the spec does not list are reported as warnings, not errors: for a spec older than the
   * SDK that talks to the fake (Stripe's copy here is from 2023, stripe@23 sends newer fields).
   */
  unknownFieldsAreWarnings?: boolean;
  /** Match an operation whatever the HTTP method (Slack's Web API takes GET or POST for every method). */
  acceptAnyMethod?: boolean;
  /** Query and form-body arguments are one set (Slack's Web API reads an argument from either place). */
  argumentsInQueryOrBody?: boolean;
  /** A body that fails its status's schema may match `default` instead (Slack answers errors with 200 and `ok: false`). */
  responseFallbackToDefault?: boolean;
  /** A multipart field holding the JSON part of the body (Discord: `payload_json`, beside `files[n]`). */
  multipartJsonField?: string;
}

/** The operation a request path resolved to. */
export interface OperationMatch {
  method: string;
  /** The spec's path template, e.g. '/interactions/{interaction_id}/{interaction_token}/callback'. */
  pathTemplate: string;
  operationId?: string;
  /** Decoded path parameters, e.g. `{ interaction_id: '123' }`. */
  pathParams: Record<string, string>;
}

type Headers = Record<string, string | string[] | undefined>;
type Query = URLSearchParams | Record<string, string | string[] | undefined>;

export interface RequestToCheck {
  method: string;
  /** Request path as received (may be URL-encoded and may carry a `?query`). */
  path: string;
  query?: Query;
  /** Full Content-Type header (with boundary for multipart); read from `headers` when absent. */
  contentType?: string;
  headers?: Headers;
  /** A parsed JSON value, raw text/bytes, URLSearchParams, or a form's field object. */
  body?: unknown;
}

export interface ResponseToCheck {
  method: string;
  path: string;
  status: number;
  contentType?: string;
  /** A parsed JSON value or raw text/bytes. */
  body?: unknown;
}

export interface Contract {
  readonly file: string;
  readonly basePath: string;
  findOperation(method: string, path: string): OperationMatch | undefined;
  /** Problems with a request (empty when it is one the vendor accepts). */
  validateRequest(request: RequestToCheck): string[];
  /** Problems with a response (empty when it is one the vendor could send). */
  validateResponse(response: ResponseToCheck): string[];
  checkRequest(request: RequestToCheck): CheckResult;
  checkResponse(response: ResponseToCheck): CheckResult;
}

const contracts = new Map<string, Contract>();

/**
 * The contract of one spec in `shared/contract-specs` (a file name there, or an absolute path).
 * Cached per file and options: the parsed document and compiled schemas are reused.
 */
export function loadContract(file: string, options: ContractOptions = {}): Contract {
  const key = `${file}\n${JSON.stringify(options)}`;
  let contract = contracts.get(key);
  if (!contract) {
    contract = new OpenApiContract(loadDocument(file), options);
    contracts.set(key, contract);
  }
  return contract;
}

/** Each vendor's spec file and the options its SDK's traffic needs. */
export const VENDOR_CONTRACTS = {
  discord: {
    file: 'discord.openapi.json',
    options: { basePath: '/api/v10', multipartJsonField: 'payload_json' },
  },
  openai: { file: 'openai.openapi.yaml', options: { basePath: '/v1' } },
  stripe: { file: 'stripe.spec3.2023-09-13.yaml', options: { basePath: '', unknownFieldsAreWarnings: true } },
  clerk: { file: 'clerk.bapi.2026-05-12.yml', options: { basePath: '/v1' } },
  slack: {
    file: 'slack_web_openapi_v2.json',
    options: {
      basePath: '/api',
      acceptAnyMethod: true,
      argumentsInQueryOrBody: true,
      responseFallbackToDefault: true,
    },
  },
} satisfies Record<string, { file: string; options: ContractOptions }>;

export type Vendor = keyof typeof VENDOR_CONTRACTS;

export function vendorContract(vendor: Vendor): Contract {
  const { file, options } = VENDOR_CONTRACTS[vendor];
  return loadContract(file, options);
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
}

class OpenApiContract implements Contract {
  readonly file: string;
  readonly basePath: string;
  private readonly entries: Entry[];
  private readonly schemas: SchemaValidators;

  constructor(
    private readonly loaded: LoadedDocument,
    private readonly options: ContractOptions,
  ) {
    this.file = loaded.path;
    this.schemas = new SchemaValidators(loaded, options.unknownFieldsAreWarnings === true);
    this.basePath = (options.basePath ?? defaultBasePath(loaded.doc)).replace(/\/+$/, '');
    this.entries = indexOperations(loaded.doc);
  }

  findOperation(method: string, path: string): OperationMatch | undefined {
    const found = this.match(method, path);
    if (!found) return undefined;
    const { entry, pathParams } = found;
    return {
      method: entry.method,
      pathTemplate: entry.template,
      operationId: entry.op.operationId,
      pathParams,
    };
  }

  validateRequest(request: RequestToCheck): string[] {
    return this.checkRequest(request).errors;
  }

  validateResponse(response: ResponseToCheck): string[] {
    return this.checkResponse(response).errors;
  }

  checkRequest(request: RequestToCheck): CheckResult {
    const result: CheckResult = { errors: [], warnings: [] };
    const found = this.match(request.method, request.path);
    if (!found) {
      result.errors.push(
        `no such operation: ${request.method.toUpperCase()} ${request.path} in ${basename(this.file)}`,
      );
      return result;
    }
    const { entry, pathParams } = found;
    const params = this.parameters(entry);
    const query = queryObject(request.query ?? new URLSearchParams(request.path.split('?')[1] ?? ''));
    this.schemas.run(result, 'form', 'path', this.parameterSchema(params, 'path'), pathParams);
    const contentType = request.contentType ?? headerValue(request.headers, 'content-type');
    if (this.options.argumentsInQueryOrBody && this.loaded.dialect === 'swagger-2') {
      const fields = isEmptyBody(request.body) ? {} : this.decodeBody(result, request.body, contentType);
      if (fields === undefined) return result;
      const schema = this.parameterSchema(params, 'query', 'formData');
      this.schemas.run(result, 'form', 'arguments', schema, { ...query, ...(fields as object) });
      return result;
    }
    this.schemas.run(result, 'form', 'query', this.parameterSchema(params, 'query'), query);
    this.checkRequestBody(result, entry, params, request.body, contentType);
    return result;
  }

  checkResponse(response: ResponseToCheck): CheckResult {
    const result: CheckResult = { errors: [], warnings: [] };
    const found = this.match(response.method, response.path);
    if (!found) {
      result.errors.push(
        `no such operation: ${response.method.toUpperCase()} ${response.path} in ${basename(this.file)}`,
      );
      return result;
    }
    const { entry } = found;
    const responses: Json = entry.op.responses ?? {};
    const status = String(response.status);
    const key =
      [status, `${status[0]}XX`, `${status[0]}xx`].find((k) => k in responses) ??
      ('default' in responses ? 'default' : undefined);
    if (!key) {
      const declared = Object.keys(responses).join(', ');
      result.errors.push(
        `status ${status} is not declared for ${entry.method.toUpperCase()} ${entry.template} (declared: ${declared})`,
      );
      return result;
    }
    this.checkResponseBody(result, entry, key, response);
    if (
      result.errors.length > 0 &&
      this.options.responseFallbackToDefault &&
      key !== 'default' &&
      responses.default
    ) {
      const fallback: CheckResult = { errors: [], warnings: [] };
      this.checkResponseBody(fallback, entry, 'default', response);
      if (fallback.errors.length === 0) return fallback;
    }
    return result;
  }

  private checkResponseBody(result: CheckResult, entry: Entry, key: string, response: ResponseToCheck): void {
    const { node, pointer } = dereference(
      this.loaded.doc,
      entry.op.responses[key],
      `${entry.pointer}/responses/${pointerToken(key)}`,
    );
    let schemaPointer: string | undefined;
    if (this.loaded.dialect === 'swagger-2') {
      if (node.schema) schemaPointer = `${pointer}/schema`;
    } else if (node.content && Object.keys(node.content).length > 0) {
      const mediaType = chooseMediaType(Object.keys(node.content), response.contentType);
      if (!mediaType) {
        result.errors.push(`response content type ${response.contentType} is not declared for status ${key}`);
        return;
      }
      if (!isJsonMediaType(mediaType)) return; // images, CSV, event streams: nothing to validate
      if (node.content[mediaType].schema)
        schemaPointer = `${pointer}/content/${pointerToken(mediaType)}/schema`;
    }
    if (!schemaPointer) {
      if (!isEmptyBody(response.body))
        result.errors.push(`status ${key} declares no response body, but one was sent`);
      return;
    }
    if (isEmptyBody(response.body)) {
      result.errors.push(`response body is missing (status ${key} declares one)`);
      return;
    }
    const body = parseJsonBody(result, response.body, 'response body');
    if (body === undefined) return;
    this.schemas.run(result, 'json', 'response body', this.schemas.ref(schemaPointer), body);
  }

  private checkRequestBody(
    result: CheckResult,
    entry: Entry,
    params: Parameter[],
    body: unknown,
    contentType?: string,
  ): void {
    const empty = isEmptyBody(body);
    if (this.loaded.dialect === 'swagger-2') {
      const consumes: string[] = entry.op.consumes ?? this.loaded.doc.consumes ?? ['application/json'];
      const bodyParam = params.find((p) => p.in === 'body');
      const hasForm = params.some((p) => p.in === 'formData');
      if (!bodyParam && !hasForm) {
        if (!empty) result.errors.push('the operation takes no request body');
        return;
      }
      if (empty && bodyParam?.required) result.errors.push('request body is required');
      if (empty && !hasForm) return;
      const mediaType = chooseMediaType(consumes, contentType);
      if (!mediaType) {
        result.errors.push(unacceptedType(contentType, consumes));
        return;
      }
      const fields = empty ? {} : this.decodeBody(result, body, contentType ?? mediaType, mediaType);
      if (fields === undefined) return;
      const schema =
        isJsonMediaType(mediaType) && bodyParam ? bodyParam.schema : this.parameterSchema(params, 'formData');
      this.schemas.run(result, isJsonMediaType(mediaType) ? 'json' : 'form', 'body', schema, fields);
      return;
    }
    if (!entry.op.requestBody) {
      if (!empty) result.errors.push('the operation takes no request body');
      return;
    }
    const { node: requestBody, pointer } = dereference(
      this.loaded.doc,
      entry.op.requestBody,
      `${entry.pointer}/requestBody`,
    );
    if (empty) {
      if (requestBody.required) result.errors.push('request body is required');
      return;
    }
    const offered = Object.keys(requestBody.content ?? {});
    const mediaType = chooseMediaType(offered, contentType);
    if (!mediaType) {
      result.errors.push(unacceptedType(contentType, offered));
      return;
    }
    const media = requestBody.content[mediaType];
    const data = this.decodeBody(result, body, contentType ?? mediaType, mediaType, media.encoding);
    if (data === undefined || !media.schema) return;
    const kind: Kind = isJsonMediaType(mediaType) ? 'json' : 'form';
    this.schemas.run(
      result,
      kind,
      'body',
      this.schemas.ref(`${pointer}/content/${pointerToken(mediaType)}/schema`),
      data,
    );
  }

  /** The body as the server reads it: parsed JSON, a form's field object, or raw for other types. */
  private decodeBody(
    result: CheckResult,
    body: unknown,
    contentType: string | undefined,
    mediaType = mediaTypeOf(contentType) ?? 'application/json',
    encoding?: Record<string, { style?: string }>,
  ): unknown {
    if (isJsonMediaType(mediaType)) return parseJsonBody(result, body, 'request body');
    if (mediaType !== 'application/x-www-form-urlencoded' && mediaType !== 'multipart/form-data') return body;
    let fields: Record<string, unknown>;
    try {
      fields = decodeFormFields(readFormParts(body, mediaType, contentType ?? mediaType), encoding);
    } catch (e) {
      result.errors.push(`request body is not valid ${mediaType}: ${(e as Error).message}`);
      return undefined;
    }
    const jsonField = this.options.multipartJsonField;
    if (jsonField && typeof fields[jsonField] === 'string') {
      const { [jsonField]: json, ...rest } = fields;
      const parsed = parseJsonBody(result, json, `multipart field ${jsonField}`);
      if (parsed === undefined) return undefined;
      fields = { ...rest, ...(parsed as object) };
    }
    return fields;
  }

  private match(method: string, path: string) {
    return findEntry(this.entries, this.basePath, method, path, this.options.acceptAnyMethod);
  }

  /** Path-level and operation-level parameters, the operation's winning on name and location. */
  private parameters(entry: Entry): Parameter[] {
    const byKey = new Map<string, Parameter>();
    const collect = (list: Json[] | undefined, at: string) => {
      (list ?? []).forEach((raw, i) => {
        const { node, pointer } = dereference(this.loaded.doc, raw, `${at}/parameters/${i}`);
        const schema =
          this.loaded.dialect === 'swagger-2'
            ? node.in === 'body'
              ? this.schemas.ref(`${pointer}/schema`)
              : swaggerParameterSchema(node)
            : node.schema
              ? this.schemas.ref(`${pointer}/schema`)
              : {};
        byKey.set(`${node.in}:${node.name}`, {
          name: node.name,
          in: node.in,
          required: node.required === true,
          schema,
        });
      });
    };
    collect(entry.pathItem.parameters, entry.pathPointer);
    collect(entry.op.parameters, entry.pointer);
    return [...byKey.values()];
  }

  /** One object schema for the parameters in the given locations (all optional when spread over several). */
  private parameterSchema(params: Parameter[], ...locations: string[]): Json {
    const chosen = params.filter((p) => locations.includes(p.in));
    const required = chosen.filter((p) => p.required).map((p) => p.name);
    return {
      type: 'object',
      properties: Object.fromEntries(chosen.map((p) => [p.name, p.schema])),
      ...(required.length > 0 ? { required } : {}),
    };
  }
}

/** A Swagger 2 non-body parameter is its own schema, minus the parameter-only fields. */
function swaggerParameterSchema(param: Json): Json {
  const {
    name: _n,
    in: _i,
    required: _r,
    description: _d,
    collectionFormat: _c,
    allowEmptyValue: _a,
    ...schema
  } = param;
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !k.startsWith('x-')));
}

function queryObject(query: Query): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries: [string, string][] =
    query instanceof URLSearchParams
      ? [...query]
      : Object.entries(query).flatMap(([k, v]) =>
          v === undefined ? [] : [v].flat().map((x): [string, string] => [k, x]),
        );
  for (const [k, v] of entries) {
    const existing = out[k];
    out[k] = existing === undefined ? v : [existing, v].flat();
  }
  return out;
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json$/.test(mediaType) || mediaType === '*/*';
}

/** The declared media type a body's Content-Type selects; JSON when no Content-Type is given. */
function chooseMediaType(offered: string[], contentType: string | undefined): string | undefined {
  const wanted = mediaTypeOf(contentType);
  if (!wanted) return offered.find((t) => isJsonMediaType(t.toLowerCase())) ?? offered[0];
  return (
    offered.find((t) => t.toLowerCase() === wanted) ??
    offered.find((t) => t.endsWith('/*') && wanted.startsWith(t.slice(0, -1).toLowerCase())) ??
    offered.find((t) => t === '*/*')
  );
}

function unacceptedType(contentType: string | undefined, offered: string[]): string {
  return `request content type ${contentType ?? '(none)'} is not accepted (accepted: ${offered.join(', ')})`;
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return body.length === 0;
  return false;
}

function parseJsonBody(result: CheckResult, body: unknown, what: string): unknown {
  if (typeof body !== 'string' && !Buffer.isBuffer(body) && !(body instanceof Uint8Array)) return body;
  try {
    return JSON.parse(Buffer.from(body as string | Uint8Array).toString('utf8'));
  } catch {
    result.errors.push(`${what} is not valid JSON`);
    return undefined;
  }
}
