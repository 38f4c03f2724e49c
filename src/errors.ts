/**
 * Two kinds of error. A UserFacingError is shown to the user (unsupported file, quota reached,
 * feature off) in their language: its text is the catalogue message `errors.<code>` filled with
 * `vars` (a `context` var picks a variant, `errors.<code>_<context>`; `count` a plural form).
 * Anything else is logged, sent to Sentry, and the user sees a short apology with the event id.
 * One handler per adapter does that mapping (see `reportError`).
 */
import type { Reply } from './commands/types.ts';
import { hasMessage, type MessageVars, translateKey } from './i18n/index.ts';

export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    /** Values for the message's placeholders; `context` selects a variant of the message. */
    readonly vars: MessageVars = {},
    /** When false the job must not be retried (bad input, policy block). */
    readonly retryable = false,
    /**
     * Extra parts of the reply, e.g. buttons the user can fix the problem with (age gate, consent).
     * A `text` here is shown when the catalogue has no `errors.<code>` message.
     */
    readonly reply?: Partial<Reply>,
  ) {
    super(code);
    this.message = `${code}: ${this.messageIn('en')}`;
    this.name = 'UserFacingError';
  }

  /** The English text (logs, stored error messages, tests). */
  get userMessage(): string {
    return this.messageIn('en');
  }

  /** The text in the language of a platform `locale` (English when unknown). */
  messageIn(locale: string | undefined): string {
    const key = `errors.${this.code}`;
    const variant = typeof this.vars.context === 'string' ? `${key}_${this.vars.context}` : key;
    if (hasMessage(variant)) return translateKey(locale, key, this.vars);
    return this.reply?.text ?? this.code;
  }
}

export const isUserFacing = (e: unknown): e is UserFacingError => e instanceof UserFacingError;

/** Formats "in 3 h 5 min" for messages that tell users when they can try again. */
export function formatWait(ms: number): string {
  const totalMin = Math.max(1, Math.ceil(ms / 60_000));
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
