/**
 * Bolt and the Slack Web API client log through this bridge into pino. Their messages can quote
 * request sources, URLs (response_url, url_private) and tokens, so every message is scrubbed
 * first, and debug output (which dumps whole request bodies) is dropped.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { hashId, type Logger } from '../../logger.ts';

/** Removes tokens, URLs and Slack ids (hashed) from a log line. */
export function scrubSlackText(text: string): string {
  return text
    .replace(/xox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]')
    .replace(/https?:\/\/[^\s"'<>]+/g, '[url]')
    .replace(/\b([TUWCGDEFB][A-Z0-9]{8,})\b/g, (_m, id: string) => `#${hashId(id)}`);
}

const textOf = (args: unknown[]) =>
  scrubSlackText(
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : (JSON.stringify(a) ?? '')))
      .join(' '),
  ).slice(0, 500);

export function createBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...args) => child.debug(textOf(args)),
    warn: (...args) => child.warn(textOf(args)),
    error: (...args) => child.error(textOf(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
