/**
 * Tells "PostgreSQL or Redis is unreachable right now" apart from every other error. During an
 * outage (a restart, a failover) users get a clear "busy, try again" message instead of an error
 * id, nothing is reported to Sentry as a bug, and the worker postpones jobs instead of using up
 * their attempts.
 */
import { UserFacingError } from '../errors.ts';

/** Prisma error codes that mean the database could not be reached or dropped the connection. */
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** `DriverAdapterError` kinds of @prisma/adapter-pg that are about the connection, not the query. */
const ADAPTER_CONNECTION_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** SQLSTATEs: connection exceptions (08…), server shutting down or starting (57P01–57P03), too many connections. */
const isConnectionSqlState = (code: string) =>
  code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300';
/** What ioredis says when a command cannot be sent (producers fail fast, see queue.ts). */
const REDIS_DOWN_MESSAGE = /Stream isn't writeable|Connection is closed|Reached the max retries per request/;

type Dependency = 'database' | 'redis';

/** Which dependency `error` (or an error in its `cause` chain) says is unreachable, if any. */
export function unavailableDependency(error: unknown): Dependency | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const err = e as {
      name?: string;
      code?: unknown;
      message?: string;
      meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } };
      kind?: string;
      originalCode?: string;
      cause?: unknown;
    };
    if (typeof err.code === 'string' && PRISMA_CONNECTION_CODES.has(err.code)) return 'database';
    // P2028 is any interactive-transaction error; this one means no connection came free in time.
    if (err.code === 'P2028' && /Unable to start a transaction in the given time/.test(err.message ?? ''))
      return 'database';
    const adapterCause =
      err.meta?.driverAdapterError?.cause ?? (err.name === 'DriverAdapterError' ? err.cause : undefined);
    const kind = (adapterCause as { kind?: string } | undefined)?.kind ?? err.kind;
    if (kind && ADAPTER_CONNECTION_KINDS.has(kind)) return 'database';
    const sqlState = (adapterCause as { originalCode?: string; code?: string } | undefined)?.originalCode;
    if (kind === 'postgres' && sqlState && isConnectionSqlState(sqlState)) return 'database';
    if (err.name === 'MaxRetriesPerRequestError' || REDIS_DOWN_MESSAGE.test(err.message ?? ''))
      return 'redis';
    e = err.cause;
  }
  return undefined;
}

export const isDependencyUnavailable = (error: unknown): boolean =>
  unavailableDependency(error) !== undefined;

/** The message a user sees while a dependency is down: nothing happened, try again shortly. */
export function dependencyUnavailable(cause: unknown): UserFacingError {
  const e = new UserFacingError('service_busy', {}, true);
  (e as Error & { cause?: unknown }).cause = cause;
  return e;
}

/** `error` as the user-facing "busy" error when it is a dependency outage, else unchanged. */
export function mapDependencyError(error: unknown): unknown {
  return isDependencyUnavailable(error) ? dependencyUnavailable(error) : error;
}
