/**
 * Error reporting. Sentry (when SENTRY_DSN is set) receives events scrubbed by `scrubEvent`:
 * no user, no request data, no prompts/tokens/URLs/chat ids. Without a DSN errors are only
 * logged. `reportError` returns the Sentry event id the user is shown, so support can find it.
 */
import * as Sentry from '@sentry/node';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

/**
 * Reports an unexpected error; returns the Sentry event id (when Sentry is on). `redact` lists
 * strings known to be personal in this context (the prompt, option values): they are removed from
 * the error's message and stack before it is logged or sent.
 */
export type ErrorReporter = (
  error: unknown,
  context?: Record<string, string | number | undefined>,
  redact?: readonly string[],
) => string | undefined;

const SENSITIVE_KEY =
  /prompt|token|secret|password|authorization|cookie|url|email|signature|user_?id|channel|guild|team|display_?name|identity|reporter|details|ip_?address|link/i;
const SECRETISH = [
  // URLs (signed CDN links, response_url, webhook URLs)
  /\bhttps?:\/\/[^\s"'<>]+/gi,
  // Discord/Slack style ids and tokens
  /\b\d{17,20}\b/g,
  /\bxox[abpre]-[A-Za-z0-9-]+/g,
  /\b(sk|pk|rk|whsec)_[A-Za-z0-9_]+/g,
  // Stripe customer / subscription and Clerk user / session ids
  /\b(cus|sub|user|sess)_[A-Za-z0-9]{10,}\b/g,
  /\b[A-Za-z0-9_-]{60,}\b/g,
  /[\w.+-]+@[\w-]+\.[\w.]+/g,
];

export function scrubString(s: string, redact: readonly string[] = []): string {
  let out = s;
  // Longest first, so a prompt template containing the user's text goes as a whole.
  for (const r of [...redact].filter((x) => x.trim().length >= 3).sort((a, b) => b.length - a.length)) {
    out = out.split(r).join('[redacted]');
  }
  for (const re of SECRETISH) out = out.replace(re, '[scrubbed]');
  return out;
}

/** A log-safe view of an error: type, scrubbed message and stack. */
export function safeError(
  error: unknown,
  redact: readonly string[] = [],
): { type: string; message: string; stack?: string } {
  if (error instanceof Error) {
    return {
      type: error.name,
      message: scrubString(error.message, redact),
      stack: error.stack ? scrubString(error.stack, redact) : undefined,
    };
  }
  return { type: typeof error, message: scrubString(String(error), redact) };
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[scrubbed]';
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SENSITIVE_KEY.test(k) ? '[scrubbed]' : scrubValue(v, depth + 1);
    return out;
  }
  return value;
}

/** Sentry `beforeSend`: drop personal data, scrub the rest. Exported for tests. */
export function scrubEvent<E extends Sentry.ErrorEvent>(event: E): E {
  delete event.user;
  delete event.request;
  delete event.server_name;
  if (event.message) event.message = scrubString(event.message);
  if (event.extra) event.extra = scrubValue(event.extra) as typeof event.extra;
  if (event.contexts) {
    const { runtime, os, trace, app, device } = event.contexts;
    event.contexts = {
      runtime,
      os,
      trace,
      app,
      device,
      ...(scrubValue(event.contexts.job ? { job: event.contexts.job } : {}) as object),
    };
  }
  if (event.tags) event.tags = scrubValue(event.tags) as typeof event.tags;
  for (const ex of event.exception?.values ?? []) {
    if (ex.value) ex.value = scrubString(ex.value);
    for (const frame of ex.stacktrace?.frames ?? []) {
      delete frame.vars;
    }
  }
  if (event.breadcrumbs) {
    event.breadcrumbs = event.breadcrumbs.map((b) => ({
      ...b,
      message: b.message ? scrubString(b.message) : b.message,
      data: b.data ? (scrubValue(b.data) as typeof b.data) : b.data,
    }));
  }
  return event;
}

export function initSentry(config: Config): boolean {
  if (!config.SENTRY_DSN) return false;
  Sentry.init({
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV,
    // Sentry 11 collects user info, headers, bodies and query strings by default: turn all off.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      graphQL: { document: false, variables: false },
      genAI: { inputs: false, outputs: false },
      mcp: { inputs: false, outputs: false },
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
    },
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
    // Console/HTTP breadcrumbs could carry prompts or signed URLs.
    maxBreadcrumbs: 0,
    beforeSend: (event) => scrubEvent(event),
  });
  return true;
}

export function createErrorReporter(log: Logger, sentryEnabled: boolean): ErrorReporter {
  return (error, context = {}, redact = []) => {
    const eventId = sentryEnabled
      ? Sentry.withScope((scope) => {
          scope.setContext('job', context);
          scope.addEventProcessor((event) => {
            for (const ex of event.exception?.values ?? [])
              if (ex.value) ex.value = scrubString(ex.value, redact);
            if (event.message) event.message = scrubString(event.message, redact);
            return event;
          });
          return Sentry.captureException(error);
        })
      : undefined;
    log.error({ err: safeError(error, redact), ...context, sentryEventId: eventId }, 'unexpected error');
    return eventId;
  };
}

export async function flushSentry(timeoutMs = 2000): Promise<void> {
  await Sentry.flush(timeoutMs);
}
