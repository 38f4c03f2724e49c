/**
 * Showing a rendered `Reply` through a discord.js interaction: the first answer, the edit of a
 * deferred reply, private follow-ups, and the apology when Discord refuses an answer. Interaction
 * webhooks are authorised by their token; discord.js sends these calls without the bot token.
 */
import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import type { AckMode } from '../../commands/dispatch.ts';
import type { Reply } from '../../commands/types.ts';
import { t } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import { describeDiscordError } from './api-errors.ts';
import type { SupportedInteraction } from './invocation.ts';
import { type RenderedMessage, renderReply } from './render.ts';

/** Interactions answered after a deferral (a context-menu click only ever opens a modal or refuses). */
export type DeferredInteraction = Exclude<SupportedInteraction, MessageContextMenuCommandInteraction>;

/** The English text; users see `t(locale, 'adapter.replyFailed')`. */
export const REPLY_FAILED = t('en', 'adapter.replyFailed');

export interface ReplyOptions {
  componentsV2?: boolean;
  log: Logger;
}

/** The first and only answer, visible to the user alone (refusals before anything runs). */
export async function replyPrivately(
  interaction: SupportedInteraction,
  reply: Reply,
  opts: ReplyOptions,
): Promise<void> {
  const rendered = renderReply(reply, { componentsV2: opts.componentsV2 });
  await interaction.reply({
    ...toReplyOptions(rendered),
    flags: MessageFlags.Ephemeral | (rendered.flags ?? 0),
  });
}

/** Shows the command's answer after the interaction was acknowledged with `mode`. */
export async function sendReply(
  interaction: DeferredInteraction,
  mode: AckMode,
  reply: Reply,
  opts: ReplyOptions,
): Promise<void> {
  if (reply.deleteSource && interaction.isMessageComponent()) {
    if (mode === 'update') {
      // After deferUpdate, @original is the clicked message: deleted through the interaction
      // webhook, which needs no bot permission in the channel.
      await interaction.deleteReply();
      return;
    }
    // The answer is a new message; removing the clicked one needs the bot's own permission.
    await interaction.message
      .delete()
      .catch((error) =>
        opts.log.warn({ discord: describeDiscordError(error) }, 'could not delete the source message'),
      );
  }
  const rendered = renderReply(reply, { componentsV2: opts.componentsV2 });
  if (reply.ephemeral && mode !== 'ephemeral') {
    // The placeholder is public; an ephemeral answer (usually an error) must stay private.
    if (mode === 'reply') await interaction.deleteReply();
    await interaction.followUp({
      ...toReplyOptions(rendered),
      flags: MessageFlags.Ephemeral | (rendered.flags ?? 0),
    });
    return;
  }
  await interaction.editReply(toEditOptions(rendered));
}

/** Tells the user the answer could not be shown (after Discord refused it). */
export async function apologise(interaction: DeferredInteraction, mode: AckMode): Promise<void> {
  if (mode === 'update') {
    await interaction.followUp({
      content: t(interaction.locale, 'adapter.replyFailed'),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.editReply({
    content: t(interaction.locale, 'adapter.replyFailed'),
    embeds: [],
    components: [],
    attachments: [],
  });
}

function allowedMentionsOf(m: RenderedMessage) {
  return { parse: [], ...(m.allowed_mentions.users ? { users: m.allowed_mentions.users } : {}) };
}

function toEditOptions(m: RenderedMessage): InteractionEditReplyOptions {
  return {
    // An edit replaces the whole message, including what a clicked message showed before.
    content: m.content ?? null,
    embeds: m.embeds,
    components: m.components,
    allowedMentions: allowedMentionsOf(m),
    ...(m.flags ? { flags: m.flags } : {}),
    ...(m.files.length ? { files: filesOf(m) } : { attachments: [] }),
  };
}

function toReplyOptions(m: RenderedMessage): InteractionReplyOptions {
  return {
    ...(m.content ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    allowedMentions: allowedMentionsOf(m),
    ...(m.files.length ? { files: filesOf(m) } : {}),
  };
}

function filesOf(m: RenderedMessage) {
  return m.files.map((f) => ({
    attachment: f.data,
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
  }));
}
