/**
 * `.env.example` is the operator's manual for configuration, so it must list exactly the variables
 * `src/config.ts` reads, each explained by a comment right above it, and state the schema's real
 * default. Generic on purpose: a variable added to the schema fails here until it is documented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configKeys, configSchema } from '../../src/config.ts';

const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
const KEY_LINE = /^([A-Z][A-Z0-9_]*)=(.*)$/;

/** Every `KEY=value` line with the comment block directly above it. */
const entries = lines.flatMap((line, index) => {
  const match = KEY_LINE.exec(line);
  if (!match) return [];
  const comment: string[] = [];
  for (let i = index - 1; i >= 0 && lines[i]?.startsWith('#'); i -= 1) comment.unshift(lines[i] ?? '');
  return [{ key: match[1] ?? '', value: match[2] ?? '', comment: comment.join('\n') }];
});

/** How the schema's default reads in the comment ("Default: 3000", lists comma-joined, "empty"). */
function documentedDefault(key: string): string | undefined {
  const shape = configSchema.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown } }
  >;
  const parsed = shape[key]?.safeParse(undefined);
  if (!parsed?.success || parsed.data === undefined) return undefined;
  const value = Array.isArray(parsed.data) ? parsed.data.join(',') : String(parsed.data);
  return value === '' ? 'empty' : value;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('.env.example', () => {
  it('lists every variable of the config schema', () => {
    const documented = new Set(entries.map((e) => e.key));
    expect(configKeys().filter((k) => !documented.has(k))).toEqual([]);
  });

  it('lists no variable the config schema does not read', () => {
    const known = new Set(configKeys());
    expect(entries.map((e) => e.key).filter((k) => !known.has(k))).toEqual([]);
  });

  it('lists each variable once', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('explains each variable in a comment right above it', () => {
    const undocumented = entries.filter((e) => e.comment.replace(/[#\s]/g, '').length < 10).map((e) => e.key);
    expect(undocumented).toEqual([]);
  });

  it("states the schema's default of each variable that has one", () => {
    const wrong = entries.flatMap(({ key, comment }) => {
      const fallback = documentedDefault(key);
      if (fallback === undefined) return [];
      const stated = new RegExp(`Default: ${escapeRegExp(fallback)}(?=$|[\\s(;.])`, 'm').test(comment);
      return stated ? [] : [`${key}: the comment should say "Default: ${fallback}"`];
    });
    expect(wrong).toEqual([]);
  });

  it('sets no value, so a copy changes nothing until the operator fills it in', () => {
    expect(entries.filter((e) => e.value !== '').map((e) => e.key)).toEqual([]);
  });
});
