/**
 * Slack Web API clients, one per bot token (each workspace has its own rate limits, and the SDK's
 * request queue pauses per client when Slack answers 429 with Retry-After), plus the reading of
 * Slack's `ok: false` error codes the delivery and the adapter branch on.
 */
import { type Logger as BoltLogger, webApi } from '@slack/bolt';

export type WebClient = InstanceType<typeof webApi.WebClient>;

/**
 * A few retries: 429s wait for Retry-After, network errors back off. Longer waits belong to the
 * job queue, which retries a failed delivery with its own backoff.
 */
export const SLACK_RETRY_CONFIG = { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3000 } as const;

export interface SlackClients {
  forToken(token: string): WebClient;
}

export function createSlackClients(opts: {
  apiUrl: string;
  logger: BoltLogger;
  maxClients?: number;
}): SlackClients {
  const cache = new Map<string, WebClient>();
  const max = opts.maxClients ?? 500;
  return {
    forToken(token) {
      let client = cache.get(token);
      if (client) {
        // Most recently used last: the oldest entry is evicted first.
        cache.delete(token);
        cache.set(token, client);
        return client;
      }
      client = new webApi.WebClient(token, {
        slackApiUrl: opts.apiUrl,
        logger: opts.logger,
        retryConfig: SLACK_RETRY_CONFIG,
        timeout: 15_000,
      });
      cache.set(token, client);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
      return client;
    },
  };
}

/** Slack's error code (`channel_not_found`, …) when `error` is an `ok: false` answer. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** The bot cannot post in that conversation (not invited, archived, restricted). */
const CHANNEL_REFUSED = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'access_denied',
]);

/** The message to edit is gone or no longer editable: post a new one instead. */
const MESSAGE_GONE = new Set([
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  ...CHANNEL_REFUSED,
]);

/** The workspace's token no longer works (app removed, token revoked). */
const TOKEN_DEAD = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

export const isChannelRefused = (e: unknown) => CHANNEL_REFUSED.has(slackErrorCode(e) ?? '');
export const isMessageGone = (e: unknown) => MESSAGE_GONE.has(slackErrorCode(e) ?? '');
export const isTokenDead = (e: unknown) => TOKEN_DEAD.has(slackErrorCode(e) ?? '');

/** A safe one-line description for logs (no token, no URL). */
export function describeSlackError(error: unknown): { code?: string; message: string } {
  const code = slackErrorCode(error) ?? (error as { code?: string })?.code;
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/xox[a-z]-[A-Za-z0-9-]+/g, '[token]')
    .replace(/https?:\/\/\S+/g, '[url]')
    .slice(0, 200);
  return { ...(code ? { code } : {}), message };
}
