/**
 * Option helpers and the neutral description of a command's options, read from its zod schema.
 * Discord registration and the Slack manifest are generated from `describeOptions`.
 */
import { z } from 'zod';
import type { InputAttachment } from './types.ts';

export type OptionKind = 'string' | 'integer' | 'number' | 'boolean' | 'attachment';

export interface OptionDescription {
  name: string;
  description: string;
  kind: OptionKind;
  required: boolean;
  choices?: Array<{ name: string; value: string }>;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

const attachmentShape = z.object({
  url: z.string().min(1),
  filename: z.string().optional(),
  contentType: z.string().optional(),
  size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  data: z.instanceof(Buffer).optional(),
});

/** An image attachment option (Discord type 11). */
export function attachmentOption(description: string) {
  return attachmentShape
    .describe(description)
    .meta({ optionKind: 'attachment' }) as unknown as z.ZodType<InputAttachment>;
}

/** Human labels for enum choices, keyed by value; kept on the schema's metadata. */
export function choiceOption<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Record<T[number], string>,
  description: string,
) {
  return z.enum(values).describe(description).meta({ choiceLabels: labels });
}

interface JsonSchemaProp {
  type?: string;
  description?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  optionKind?: string;
  choiceLabels?: Record<string, string>;
}

export function describeOptions(schema: z.ZodObject): OptionDescription[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchemaProp>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const out: OptionDescription[] = [];
  for (const [name, prop] of Object.entries(json.properties ?? {})) {
    const kind: OptionKind =
      prop.optionKind === 'attachment'
        ? 'attachment'
        : prop.type === 'integer'
          ? 'integer'
          : prop.type === 'number'
            ? 'number'
            : prop.type === 'boolean'
              ? 'boolean'
              : 'string';
    const d: OptionDescription = {
      name,
      description: prop.description ?? name,
      kind,
      required: required.has(name),
    };
    if (prop.enum) d.choices = prop.enum.map((v) => ({ value: v, name: prop.choiceLabels?.[v] ?? v }));
    if (prop.minLength !== undefined) d.minLength = prop.minLength;
    if (prop.maxLength !== undefined) d.maxLength = prop.maxLength;
    if (prop.minimum !== undefined) d.min = prop.minimum;
    if (prop.maximum !== undefined) d.max = prop.maximum;
    out.push(d);
  }
  // Platforms (Discord) want required options first.
  return out.sort((a, b) => Number(b.required) - Number(a.required));
}
