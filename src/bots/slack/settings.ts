/**
 * Slack facts the adapter, the delivery and the manifest share: request paths, scopes, events, and
 * the platform limits the delivery respects (docs.slack.dev). One place, so a change in Slack's
 * rules is one edit.
 */
import type { Config } from '../../config.ts';

/** Slash commands, interactivity and events all arrive here (one URL in the manifest). */
export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * Bot scopes: `commands` (slash commands, shortcuts), `chat:write` (+ `.public`: post in public
 * channels the bot was not invited to), `files:read` (file_input, url_private downloads),
 * `files:write` (result uploads with local storage), `app_mentions:read`, `im:history` (DMs with
 * files), `im:write` (open a DM when the channel is closed to the bot), `users:read` (whether the
 * user is a workspace admin, for admin-only commands such as `/budget set`).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:read',
  'files:write',
  'app_mentions:read',
  'im:history',
  'im:write',
  'users:read',
] as const;

export const SLACK_BOT_EVENTS = ['app_mention', 'message.im', 'app_uninstalled', 'tokens_revoked'] as const;

/** A `response_url` takes at most 5 posts within 30 minutes of the invocation. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_USES = 5;

/** Image types the modal's file_input accepts and the adapter takes from messages. */
export const IMAGE_FILETYPES = ['png', 'jpg', 'jpeg', 'webp'] as const;
export const IMAGE_MIMETYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export type SlackMode = 'off' | 'single' | 'oauth';

/**
 * `single`: one workspace with SLACK_BOT_TOKEN (self-hosting). `oauth`: any workspace installs
 * through /slack/install and gets its own token. A bot token wins when both are set.
 */
export function slackModeOf(config: Config): SlackMode {
  if (!config.SLACK_SIGNING_SECRET) return 'off';
  if (config.SLACK_BOT_TOKEN) return 'single';
  if (config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET) return 'oauth';
  return 'off';
}

/** Origins a `response_url` may have: Slack's, or the API's own (proxies, tests). */
export function responseUrlOrigins(config: Pick<Config, 'SLACK_API_URL'>): string[] {
  return [...new Set(['https://hooks.slack.com', new URL(config.SLACK_API_URL).origin])];
}
