/**
 * Pure translation from discord.js interactions to the neutral `Invocation` and `ReplyTarget`:
 * who, where, which command or component action, with which options. No I/O.
 */
import {
  ApplicationCommandOptionType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  GuildMember,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { InputAttachment, Invocation, ReplyTarget } from '../../commands/types.ts';
import { parseCustomId } from './components.ts';

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;
export type SupportedInteraction =
  | ChatInputCommandInteraction
  | ComponentInteraction
  | MessageContextMenuCommandInteraction
  | ModalSubmitInteraction;

const SUBCOMMAND_TYPES = new Set([
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
]);

/** The neutral invocation for a slash command, a button click or a select-menu choice. */
export function toInvocation(interaction: ChatInputCommandInteraction | ComponentInteraction): Invocation {
  const base = invocationBase(interaction);
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    const { command, action, value } = parseCustomId(interaction.customId);
    const values = interaction.isStringSelectMenu() ? { values: [...interaction.values] } : {};
    return { ...base, command, options: {}, action: { name: action, value, ...values } };
  }
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  let raw: readonly CommandInteractionOption[] = interaction.options.data;
  // The options of a subcommand sit one level down (a subcommand group two levels).
  for (let top = raw[0]; top && SUBCOMMAND_TYPES.has(top.type); top = raw[0]) raw = top.options ?? [];
  const options: Record<string, unknown> = {};
  for (const o of raw) {
    if (o.attachment) options[o.name] = toInputAttachment(o.attachment);
    else if (o.value !== undefined) options[o.name] = o.value;
  }
  return { ...base, command: interaction.commandName, ...(subcommand ? { subcommand } : {}), options };
}

/** Who ran an interaction and where the answers go, without the command part. */
export function invocationBase(interaction: SupportedInteraction): Omit<Invocation, 'command' | 'options'> {
  return {
    actor: {
      platform: 'discord',
      platformUserId: interaction.user.id,
      // Discord user ids are global, so one identity namespace for all guilds.
      identityScope: '',
      displayName: displayNameOf(interaction),
      locale: interaction.locale,
      isServerAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      canManageMessages: interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
    },
    replyTarget: toReplyTarget(interaction),
    ...(typeof interaction.attachmentSizeLimit === 'number'
      ? { platformAttachmentLimit: interaction.attachmentSizeLimit }
      : {}),
  };
}

/** Where the worker delivers later: plain JSON, stored (encrypted) with the job. */
export function toReplyTarget(interaction: SupportedInteraction): ReplyTarget {
  const message = 'message' in interaction ? interaction.message : null;
  return {
    platform: 'discord',
    scope: interaction.guildId ?? '',
    channelId: interaction.channelId ?? '',
    userId: interaction.user.id,
    receivedAt: interaction.createdTimestamp,
    locale: interaction.locale,
    data: {
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      interactionToken: interaction.token,
      canPostInChannel: canPostInChannel(interaction),
      ...(message ? { sourceMessageId: message.id } : {}),
    },
  };
}

export function toInputAttachment(a: NonNullable<CommandInteractionOption['attachment']>): InputAttachment {
  return {
    url: a.url,
    filename: a.name,
    ...(a.contentType ? { contentType: a.contentType } : {}),
    size: a.size,
    ...(a.width != null ? { width: a.width } : {}),
    ...(a.height != null ? { height: a.height } : {}),
  };
}

function displayNameOf(interaction: SupportedInteraction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}

/**
 * Whether a bot message can be posted in the interaction's channel later. A user-installed app
 * used in a guild without the bot, or in someone else's DM, has no bot there: deliver by DM.
 */
function canPostInChannel(interaction: SupportedInteraction): boolean {
  switch (interaction.context) {
    case InteractionContextType.BotDM:
      return true;
    case InteractionContextType.PrivateChannel:
      return false;
    case InteractionContextType.Guild:
      return interaction.authorizingIntegrationOwners.guildId !== null;
    default:
      return true;
  }
}
