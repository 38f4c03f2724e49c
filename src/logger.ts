/**
 * JSON logs through pino. Prompts, URLs, tokens and chat ids never go into a log in clear: the
 * redact list below removes the usual suspects, and code logs chat ids through `hashId`.
 */
import { createHash } from 'node:crypto';
import { type Logger, pino } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'prompt',
  '*.prompt',
  'token',
  '*.token',
  'interactionToken',
  '*.interactionToken',
  'url',
  '*.url',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'email',
  '*.email',
  'replyTarget',
  '*.replyTarget',
  // Personal data and secrets of the privacy features (names, chat ids, session tokens, links).
  'displayName',
  '*.displayName',
  'platformUserId',
  '*.platformUserId',
  'sessionToken',
  '*.sessionToken',
  'link',
  '*.link',
  'ip',
  '*.ip',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'imagegen' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A short, stable, non-reversible tag for a chat id (user, channel, guild) in logs. */
export function hashId(id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  return createHash('sha256').update(`imagegen:${id}`).digest('hex').slice(0, 12);
}
