/**
 * Compiles and runs the JSON Schemas of one OpenAPI document with ajv: draft 2020-12 for
 * OpenAPI 3.1, draft-07 for 3.0 and Swagger 2 (their dialects are normalised first, see
 * `contract-documents.ts`). The whole document is registered once under an id, so a schema is
 * compiled by reference (`{ $ref: id#/paths/.../schema }`) and its `$ref`s resolve in place.
 * Compiled validators are cached per schema.
 */
import { basename } from 'node:path';
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { type Json, type LoadedDocument, withoutClosedObjects } from './contract-documents.ts';

export interface CheckResult {
  errors: string[];
  /** Problems tolerated by `unknownFieldsAreWarnings`. */
  warnings: string[];
}

/** JSON bodies are validated as sent; form, query and path values are strings coerced to the schema's types. */
export type Kind = 'json' | 'form';

const MAX_MESSAGES = 30;
/** Lets specs whose patterns are not valid with the `u` flag still compile. */
const lenientRegExp = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      return new RegExp(pattern);
    }
  },
  { code: 'lenientRegExp' },
);

const DOC_ID = 'https://contracts.invalid/';

export class SchemaValidators {
  readonly docId: string;
  private readonly ajvs = new Map<string, Ajv>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly loaded: LoadedDocument,
    private readonly unknownFieldsAreWarnings: boolean,
  ) {
    this.docId = `${DOC_ID}${encodeURIComponent(basename(loaded.path))}`;
  }

  /** A schema pointing at a place in the document (`pointer` is URI-fragment encoded). */
  ref(pointer: string): Json {
    return { $ref: `${this.docId}#${pointer}` };
  }

  /** Validates `data` into `result`, reporting unknown fields as warnings when the contract allows them. */
  run(result: CheckResult, kind: Kind, where: string, schema: Json, data: unknown): void {
    const strict = this.validator(kind, false, schema);
    if (!this.unknownFieldsAreWarnings) {
      if (!strict(data)) result.errors.push(...formatErrors(where, strict.errors ?? []));
      return;
    }
    const loose = this.validator(kind, true, schema);
    if (!loose(structuredClone(data))) {
      result.errors.push(...formatErrors(where, loose.errors ?? []));
      return;
    }
    if (!strict(data)) {
      const unknown = (strict.errors ?? []).filter(
        (e) => 'additionalProperty' in e.params || 'unevaluatedProperty' in e.params,
      );
      result.warnings.push(...formatErrors(where, unknown).map((m) => `${m} (not in this copy of the spec)`));
    }
  }

  private validator(kind: Kind, loose: boolean, schema: Json): ValidateFunction {
    const key = `${kind}:${loose}:${JSON.stringify(schema)}`;
    let validate = this.validators.get(key);
    if (!validate) {
      try {
        validate = this.ajv(kind, loose).compile(schema);
      } catch (e) {
        throw new Error(
          `${basename(this.loaded.path)}: cannot compile schema ${JSON.stringify(schema)}: ${(e as Error).message}`,
        );
      }
      this.validators.set(key, validate);
    }
    return validate;
  }

  private ajv(kind: Kind, loose: boolean): Ajv {
    const key = `${kind}:${loose}`;
    let ajv = this.ajvs.get(key);
    if (!ajv) {
      const options: Options = {
        strict: false,
        allErrors: true,
        validateSchema: false,
        logger: false,
        code: { regExp: lenientRegExp },
        // Form and query values arrive as strings; the servers coerce them to the schema's types.
        coerceTypes: kind === 'form' ? 'array' : false,
      };
      ajv = this.loaded.dialect === 'openapi-3.1' ? new Ajv2020(options) : new Ajv(options);
      addFormatsModule.default(ajv);
      // Vendor formats (snowflake, unix-time, decimal…) are annotations: accept any value.
      for (const format of this.loaded.formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
      ajv.addSchema(loose ? withoutClosedObjects(this.loaded.doc) : this.loaded.doc, this.docId);
      this.ajvs.set(key, ajv);
    }
    return ajv;
  }
}

function formatErrors(where: string, errors: ErrorObject[]): string[] {
  const lines = errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    let detail = '';
    if (typeof params.additionalProperty === 'string') detail = ` "${params.additionalProperty}"`;
    else if (typeof params.unevaluatedProperty === 'string') detail = ` "${params.unevaluatedProperty}"`;
    else if (Array.isArray(params.allowedValues)) {
      const values = params.allowedValues.slice(0, 12).map((v) => JSON.stringify(v));
      detail = `: ${values.join(', ')}${params.allowedValues.length > 12 ? ', …' : ''}`;
    } else if ('allowedValue' in params) detail = `: ${JSON.stringify(params.allowedValue)}`;
    return `${where}${e.instancePath}: ${e.message}${detail}`;
  });
  const unique = [...new Set(lines)];
  if (unique.length <= MAX_MESSAGES) return unique;
  return [...unique.slice(0, MAX_MESSAGES), `…and ${unique.length - MAX_MESSAGES} more`];
}
