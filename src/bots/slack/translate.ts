/**
 * Pure translation from Slack payloads to the neutral vocabulary: who (Actor), where replies go
 * (ReplyTarget), and files as InputAttachments. No I/O here.
 */
import type { Actor, InputAttachment, ReplyTarget } from '../../commands/types.ts';
import type { SlackFileLike } from './modal.ts';
import type { SlackTargetData } from './target-data.ts';

/** The parts of a Slack payload that say which workspace it came from. */
export interface WorkspaceRef {
  teamId: string;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * A Slack user is identified by team id + user id, like a Discord user by their global id: the
 * same PlatformIdentity → User mapping, so an account linked on both platforms is one user.
 */
export function slackActor(
  user: { id: string; teamId?: string | undefined; name?: string | undefined },
  ws: WorkspaceRef,
): Actor {
  return {
    platform: 'slack',
    platformUserId: user.id,
    identityScope: user.teamId || ws.teamId,
    ...(user.name ? { displayName: user.name } : {}),
  };
}

export interface TargetInput extends WorkspaceRef {
  channelId: string;
  userId: string;
  receivedAt: number;
  responseUrl?: string | undefined;
  responseUrlAt?: number | undefined;
  threadTs?: string | undefined;
  messageTs?: string | undefined;
  isDirect?: boolean | undefined;
}

/** Where the worker delivers later: plain JSON (no token — the delivery looks it up by team). */
export function slackTarget(i: TargetInput): ReplyTarget {
  const data: SlackTargetData = {
    teamId: i.teamId,
    ...(i.enterpriseId ? { enterpriseId: i.enterpriseId } : {}),
    ...(i.isEnterpriseInstall ? { isEnterpriseInstall: true } : {}),
    ...(i.responseUrl ? { responseUrl: i.responseUrl, responseUrlAt: i.responseUrlAt ?? i.receivedAt } : {}),
    ...(i.threadTs ? { threadTs: i.threadTs } : {}),
    ...(i.messageTs ? { messageTs: i.messageTs } : {}),
    ...(i.isDirect ? { isDirect: true } : {}),
  };
  return {
    platform: 'slack',
    scope: i.teamId,
    channelId: i.channelId,
    userId: i.userId,
    receivedAt: i.receivedAt,
    data: data as unknown as ReplyTarget['data'],
  };
}

/**
 * A Slack file as an attachment for intake: the private download URL plus the bot token header
 * (`url_private` answers a login page without it). The header is used for that one fetch and
 * never stored.
 */
export function slackFileAttachment(file: SlackFileLike, botToken: string): InputAttachment {
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw new Error('slack file has no private URL');
  return {
    url,
    filename: file.name ?? file.title ?? 'image',
    ...(file.mimetype ? { contentType: file.mimetype } : {}),
    ...(typeof file.size === 'number' ? { size: file.size } : {}),
    ...(file.original_w ? { width: file.original_w } : {}),
    ...(file.original_h ? { height: file.original_h } : {}),
    headers: { authorization: `Bearer ${botToken}` },
  };
}

/** The message text without mentions of the bot (`<@U123>` / `<@U123|name>`). */
export function withoutMention(text: string, botUserId: string | undefined): string {
  const re = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(re, ' ').replace(/\s+/g, ' ').trim();
}

/** Slack escapes `&`, `<` and `>` in message text; a prompt wants them back. */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
