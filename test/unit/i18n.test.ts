import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  LANGUAGES,
  languageOf,
  localizeForDiscord,
  t,
  translateKey,
} from '../../src/i18n/index.ts';

/** Every leaf of a catalogue as "a.b.c" → text. */
function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** What the parity check reports for one catalogue against English. */
function parityProblems(english: Map<string, string>, other: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, text] of english) {
    const translated = other.get(key);
    if (translated === undefined) problems.push(`missing ${key}`);
    else if (!translated.trim()) problems.push(`empty ${key}`);
    else if (placeholders(translated).join() !== placeholders(text).join())
      problems.push(`placeholders ${key}`);
  }
  for (const key of other.keys()) if (!english.has(key)) problems.push(`extra ${key}`);
  return problems;
}

const english = leaves(CATALOGUES.en);

describe('message catalogues', () => {
  it('ships English, German, French, Spanish and Japanese', () => {
    expect([...LANGUAGES].sort()).toEqual(['de', 'en', 'es', 'fr', 'ja']);
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`gives ${lang} every key English has, no others, with the same placeholders`, () => {
      expect(parityProblems(english, leaves(CATALOGUES[lang]))).toEqual([]);
    });
  }

  it('reports a catalogue that lacks a key English has, or changes its placeholders', () => {
    const broken = leaves(CATALOGUES.de);
    broken.delete('errors.job_not_found');
    broken.set('imagine.queued', 'In der Warteschlange — Position {{pos}}.');
    broken.set('errors.made_up', 'x');
    expect(parityProblems(english, broken)).toEqual([
      'placeholders imagine.queued',
      'missing errors.job_not_found',
      'extra errors.made_up',
    ]);
  });
});

describe('t', () => {
  it('renders German for Discord and Slack German locales, with the values filled in', () => {
    for (const locale of ['de', 'de-DE', 'de_AT']) {
      expect(t(locale, 'imagine.queued', { position: 3, style: 'Aquarell' })).toBe(
        '⏳ In der Warteschlange — Position 3. Dein Bild im Stil **Aquarell** erscheint hier, sobald es fertig ist.',
      );
    }
  });

  it('falls back to English for unknown, missing or regional English locales', () => {
    const english = '⏳ Queued — position 1. Your **Anime** image will appear here when it is ready.';
    for (const locale of [undefined, '', 'pt-BR', 'en-GB', 'en-US', 'klingon']) {
      expect(t(locale, 'imagine.queued', { position: 1, style: 'Anime' })).toBe(english);
    }
  });

  it('maps the Spanish and Japanese Discord locales to their catalogues', () => {
    expect(languageOf('es-419')).toBe('es');
    expect(languageOf('es-ES')).toBe('es');
    expect(languageOf('ja')).toBe('ja');
    expect(t('ja', 'imagine.deleted')).toBe('🗑️ 削除しました。');
  });

  it('picks the plural form from count', () => {
    const vars = { limit: 2, plan: 'Free' };
    expect(t('en', 'errors.too_many_jobs', { ...vars, count: 1 })).toMatch(
      /^You already have 1 image in progress/,
    );
    expect(t('en', 'errors.too_many_jobs', { ...vars, count: 2 })).toMatch(
      /^You already have 2 images in progress/,
    );
    expect(t('de', 'errors.too_many_jobs', { ...vars, count: 2 })).toMatch(
      /^Du hast bereits 2 Bilder in Arbeit/,
    );
  });

  it('leaves Markdown and slashes unescaped', () => {
    expect(t('en', 'errors.source_gone')).toContain('`/imagine`');
  });

  it('returns the key for a message no catalogue has', () => {
    expect(translateKey('fr', 'errors.no_such_code')).toBe('errors.no_such_code');
  });
});

describe('localizeForDiscord', () => {
  it('translates for the shipped Discord locales only', () => {
    expect(localizeForDiscord('commands.imagine.description', 'de')).toBe('Ein Bild mit KI umgestalten');
    expect(localizeForDiscord('commands.imagine.description', 'es-419')).toBe('Transforma una imagen con IA');
    expect(localizeForDiscord('commands.imagine.description', 'en-US')).toBeUndefined();
    expect(localizeForDiscord('commands.imagine.description', 'pt-BR')).toBeUndefined();
  });

  it('uses the style labels for the style choices and leaves unknown keys untranslated', () => {
    expect(localizeForDiscord('commands.imagine.options.style.choices.watercolor', 'fr')).toBe('Aquarelle');
    expect(localizeForDiscord('commands.imagine.name', 'de')).toBeUndefined();
  });
});
