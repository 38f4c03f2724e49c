/**
 * Two kinds of error. A UserFacingError is shown to the user as written (unsupported file, quota
 * reached, feature off). Anything else is logged, sent to Sentry, and the user sees a short
 * apology with the event id. One handler per adapter does that mapping (see `reportError`).
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    /** When false the job must not be retried (bad input, policy block). */
    readonly retryable = false,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'UserFacingError';
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
