/** Types derived from the English catalogue, so every language and every key is checked by the compiler. */
import type { en } from './locales/en.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The shape every language's catalogue has: exactly English's keys, string leaves. */
export type Catalogue = Shape<typeof en>;

/** `too_many_jobs_one` / `too_many_jobs_other` are one key for the caller (i18next picks by `count`). */
type Base<K extends string> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;

type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? Base<K> : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/** Every message key English has, dot-separated (a typo is a compile error). */
export type MessageKey = Paths<Catalogue>;

/** Values substituted into `{{placeholders}}`; `count` also selects the plural form. */
export type MessageVars = Record<string, string | number>;
