/**
 * A storage failure described for the operator (never containing keys to the account). `retryable`
 * tells the queue whether trying again can help: an outage can heal, a missing file cannot.
 */
export class StorageError extends Error {
  readonly retryable: boolean;
  /** Short machine code: `not_found`, `unavailable`, `auth`, `rejected`, `invalid_key`. */
  readonly code: string;
  /** HTTP status from the storage service, when there was one. */
  readonly status?: number;

  constructor(message: string, opts: { retryable: boolean; code: string; status?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'StorageError';
    this.retryable = opts.retryable;
    this.code = opts.code;
    if (opts.status !== undefined) this.status = opts.status;
  }
}
