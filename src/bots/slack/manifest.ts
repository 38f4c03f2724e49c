/**
 * The Slack app manifest, generated from the command registry and the message actions (the same
 * source as Discord's registration): slash commands with usage hints, message shortcuts, the
 * events and scopes the adapter needs, interactivity, and the OAuth redirect for a public URL.
 * `npm run slack:manifest -- --url https://bot.example.com` prints it; paste it into
 * api.slack.com/apps → Create New App → From a manifest.
 */
import type { Command, MessageAction } from '../../commands/types.ts';
import { truncate } from './render.ts';
import { SLACK_BOT_EVENTS, SLACK_BOT_SCOPES, SLACK_EVENTS_PATH, SLACK_REDIRECT_PATH } from './settings.ts';
import { argumentHints } from './slash-text.ts';

export interface ManifestOptions {
  /** Public base URL of the web role, e.g. https://bot.example.com. */
  publicUrl: string;
  commands: readonly Command[];
  messageActions: readonly MessageAction[];
  name?: string;
  description?: string;
}

export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string; background_color: string };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{
      command: string;
      url: string;
      description: string;
      usage_hint?: string;
      should_escape: boolean;
    }>;
    shortcuts: Array<{ name: string; type: 'message' | 'global'; callback_id: string; description: string }>;
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Usage hint of a slash command: subcommands, else its typed options (`[style] [prompt]`). */
function usageHint(command: Command): string | undefined {
  const hint = command.subcommands
    ? `${Object.keys(command.subcommands).join(' | ')}`
    : argumentHints(command.options).join(' ');
  return hint ? truncate(hint, 1000) : undefined;
}

export function buildSlackManifest(opts: ManifestOptions): SlackManifest {
  const url = new URL(opts.publicUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('the public URL must be http(s)');
  const base = url.href.replace(/\/+$/, '');
  const events = `${base}${SLACK_EVENTS_PATH}`;
  const name = truncate(opts.name ?? 'ImageGen', 35);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: truncate(opts.description ?? 'Restyle your images with AI, right in Slack.', 140),
      background_color: '#2c2d30',
    },
    features: {
      // The messages tab is where users DM the bot an image.
      app_home: {
        home_tab_enabled: false,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: truncate(name, 80), always_online: true },
      slash_commands: opts.commands.map((c) => {
        const hint = usageHint(c);
        return {
          command: `/${c.name}`.slice(0, 32),
          url: events,
          description: truncate(c.description, 2000),
          ...(hint ? { usage_hint: hint } : {}),
          // Raw text: the adapter parses it (and unescapes what Slack escapes).
          should_escape: false,
        };
      }),
      shortcuts: opts.messageActions.map((a) => ({
        name: truncate(a.label, 24),
        type: 'message' as const,
        callback_id: a.id,
        description: truncate(`Run /${a.command} on the image of this message`, 150),
      })),
    },
    oauth_config: {
      redirect_urls: [`${base}${SLACK_REDIRECT_PATH}`],
      scopes: { bot: [...SLACK_BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: { request_url: events, bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: events },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
