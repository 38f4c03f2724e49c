/**
 * Slash commands arrive as one line of text (`/imagine watercolor make it autumn`). This reads
 * that text against a command's own option schema, so any command in `src/commands` works in
 * Slack without Slack-specific code:
 *
 * - a command with subcommands takes the first word as the subcommand (`/privacy export`);
 * - `name:value` (or `name:"several words"`) sets an option by name;
 * - other words fill the options in order: an option with choices takes a word only when it is one
 *   of its choices (so `/imagine make it autumn` skips the style), numbers and yes/no likewise, and
 *   the last free-text option takes all the words that are left.
 *
 * Attachment options cannot be typed: the adapter asks for them in a modal.
 */
import type { z } from 'zod';
import { describeOptions, type OptionDescription } from '../../commands/options.ts';
import type { Command } from '../../commands/types.ts';

export interface ParsedSlashText {
  subcommand?: string;
  options: Record<string, unknown>;
  /** The option descriptions of the (sub)command that was picked. */
  described: OptionDescription[];
}

export type SlashTextResult = ({ ok: true } & ParsedSlashText) | { ok: false; error: string };

interface Token {
  text: string;
  /** `name:value` split, when the word had that shape. */
  key?: string;
  value?: string;
}

/** Words, keeping "quoted phrases" (and name:"quoted phrases") together. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /(?:([A-Za-z_][\w-]*):)?(?:"((?:[^"\\]|\\.)*)"|“([^”]*)”|(\S+))/g;
  for (const m of text.matchAll(re)) {
    const quoted = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    const value = quoted ?? m[4] ?? '';
    if (m[1] !== undefined) out.push({ text: m[0], key: m[1], value });
    else out.push({ text: value });
  }
  return out;
}

/** describeOptions walks the zod schema (JSON-schema conversion); commands do not change at runtime. */
const described = new WeakMap<z.ZodObject, OptionDescription[]>();
export function describeCached(schema: z.ZodObject): OptionDescription[] {
  let d = described.get(schema);
  if (!d) {
    d = describeOptions(schema);
    described.set(schema, d);
  }
  return d;
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/** The option value a word stands for, or undefined when it does not fit the option. */
function valueFor(o: OptionDescription, word: string): unknown {
  if (o.choices) {
    const w = word.toLowerCase();
    return o.choices.find((c) => c.value.toLowerCase() === w || c.name.toLowerCase() === w)?.value;
  }
  if (o.kind === 'integer') return /^-?\d+$/.test(word) ? Number(word) : undefined;
  if (o.kind === 'number') return /^-?\d+(\.\d+)?$/.test(word) ? Number(word) : undefined;
  if (o.kind === 'boolean') {
    const w = word.toLowerCase();
    return TRUE.has(w) ? true : FALSE.has(w) ? false : undefined;
  }
  return word;
}

/** "/imagine [style] [prompt]" or "/privacy <export|delete>" — also the manifest's usage hint. */
export function usageOf(command: Command): string {
  if (command.subcommands) return `/${command.name} <${Object.keys(command.subcommands).join('|')}>`;
  return [`/${command.name}`, ...argumentHints(command.options)].join(' ');
}

/** `[style] [prompt]` for the typed options of a schema (attachments are not typed). */
export function argumentHints(schema: z.ZodObject | undefined): string[] {
  if (!schema) return [];
  return describeCached(schema)
    .filter((o) => o.kind !== 'attachment')
    .map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
}

/** Parses the text of a slash command for `command`. Errors are user-facing sentences. */
export function parseSlashText(command: Command, text: string): SlashTextResult {
  const tokens = tokenize(text.trim());
  let schema = command.options;
  let subcommand: string | undefined;
  if (command.subcommands) {
    const first = tokens[0]?.key === undefined ? tokens[0]?.text.toLowerCase() : undefined;
    const sub = first ? command.subcommands[first] : undefined;
    if (sub && first) {
      subcommand = first;
      schema = sub.options;
      tokens.shift();
    } else if (!command.handler || tokens.length > 0) {
      return { ok: false, error: `Usage: \`${usageOf(command)}\`` };
    }
  }
  const fields = schema ? describeCached(schema) : [];
  const typed = fields.filter((o) => o.kind !== 'attachment');
  const usage = `\`${[`/${command.name}`, subcommand, ...argumentHints(schema)].filter(Boolean).join(' ')}\``;
  const options: Record<string, unknown> = {};

  const positional: string[] = [];
  for (const t of tokens) {
    const named = t.key !== undefined ? typed.find((o) => o.name === t.key) : undefined;
    if (!named) {
      positional.push(t.text);
      continue;
    }
    const value = valueFor(named, t.value ?? '');
    if (value === undefined) {
      const hint = named.choices ? ` Choose one of: ${named.choices.map((c) => c.value).join(', ')}.` : '';
      return { ok: false, error: `\`${t.value}\` is not a valid ${named.name}.${hint} Usage: ${usage}` };
    }
    options[named.name] = value;
  }

  const open = typed.filter((o) => !(o.name in options));
  for (const [i, o] of open.entries()) {
    const word = positional[0];
    if (word === undefined) break;
    const isLastText =
      o.kind === 'string' && !o.choices && !open.slice(i + 1).some((x) => x.kind === 'string' && !x.choices);
    if (isLastText) {
      options[o.name] = positional.splice(0).join(' ');
      break;
    }
    const value = valueFor(o, word);
    if (value === undefined) continue;
    options[o.name] = value;
    positional.shift();
  }
  if (positional.length > 0) {
    return { ok: false, error: `I could not use “${positional.join(' ')}”. Usage: ${usage}` };
  }
  return { ok: true, ...(subcommand ? { subcommand } : {}), options, described: fields };
}
