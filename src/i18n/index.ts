/**
 * Chat texts in the user's language. One i18next instance with the bundled catalogues (one per
 * language in ./locales), initialised synchronously at import so `t` can be called anywhere.
 * Platforms send locales such as "de", "en-GB", "es-419" (Discord) or "de-DE" (Slack); the
 * language part picks the catalogue, anything unknown gets English, and a key a language lacks
 * falls back to English too.
 */
import i18next from 'i18next';
import type { Catalogue, MessageKey, MessageVars } from './catalogue.ts';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';
import { es } from './locales/es.ts';
import { fr } from './locales/fr.ts';
import { ja } from './locales/ja.ts';

export type { Catalogue, MessageKey, MessageVars } from './catalogue.ts';

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, Catalogue> = { en, de, fr, es, ja };

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // Chat platforms render Markdown, not HTML: nothing to escape, and "/" must stay "/".
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
});

// The typed `t` of i18next is tied to its own resource typing; our keys are checked by MessageKey.
const translate = instance.t.bind(instance) as unknown as (key: string, opts: object) => string;

/** The catalogue language for a platform locale ("de-DE" → "de", "es-419" → "es", unknown → "en"). */
export function languageOf(locale: string | undefined): Language {
  const base = locale?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** The text for `key` in the language of `locale`, with `vars` filled in (English when missing). */
export function t(locale: string | undefined, key: MessageKey, vars?: MessageVars): string {
  return translateKey(locale, key, vars);
}

/**
 * Like `t` for a key built at run time (e.g. `errors.<code>`). Returns the key itself when even
 * English lacks it, which `hasMessage` lets callers avoid.
 */
export function translateKey(locale: string | undefined, key: string, vars?: MessageVars): string {
  return translate(key, { ...vars, lng: languageOf(locale) });
}

/** Whether English has `key` (plural keys count by their base name). */
export function hasMessage(key: string): boolean {
  return instance.exists(key, { lng: 'en', count: 1 }) || instance.exists(key, { lng: 'en' });
}

/** Discord locales we ship translations for (others show the English default). */
export const DISCORD_LOCALES = ['de', 'fr', 'es-ES', 'es-419', 'ja'] as const;

/**
 * The registration hook for src/bots/discord/registration.ts: the catalogue text for `key` in a
 * Discord locale, or undefined for English and untranslated locales (Discord then shows the
 * default). Style choices of /imagine share the `styles.<name>.label` texts.
 */
export function localizeForDiscord(key: string, discordLocale: string): string | undefined {
  if (!(DISCORD_LOCALES as readonly string[]).includes(discordLocale)) return undefined;
  const lang = languageOf(discordLocale);
  const style = /^commands\.imagine\.options\.style\.choices\.(.+)$/.exec(key);
  const path = style ? ['styles', style[1] ?? '', 'label'] : key.split('.');
  let node: unknown = CATALOGUES[lang];
  for (const part of path) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** The label of a style preset in the language of `locale` (the preset's name if unknown). */
export function styleLabel(locale: string | undefined, name: string): string {
  return hasMessage(`styles.${name}.label`) ? translateKey(locale, `styles.${name}.label`) : name;
}

/** The one-line description of a style preset in the language of `locale` ("" if unknown). */
export function styleDescription(locale: string | undefined, name: string): string {
  return hasMessage(`styles.${name}.description`) ? translateKey(locale, `styles.${name}.description`) : '';
}

/** A message action's own text (`label`, `noImage`) in the language of `locale`, else its English field. */
export function messageActionText(
  locale: string | undefined,
  action: { id: string; label: string; noImageMessage: string },
  part: 'label' | 'noImage',
): string {
  const key = `messageActions.${action.id}.${part}`;
  if (hasMessage(key)) return translateKey(locale, key);
  return part === 'label' ? action.label : action.noImageMessage;
}

/**
 * A command option's text in the language of `locale`: `part` is `label`, `description` or
 * `choices.<value>` (style choices use the style labels); `fallback` when the catalogue has none.
 */
export function optionText(
  locale: string | undefined,
  command: string,
  option: string,
  part: string,
  fallback: string,
): string {
  const style = command === 'imagine' && option === 'style' && /^choices\.(.+)$/.exec(part);
  const key = style ? `styles.${style[1]}.label` : `commands.${command}.options.${option}.${part}`;
  return hasMessage(key) ? translateKey(locale, key) : fallback;
}
