/**
 * Discord adapter: turns slash commands and button clicks into neutral `Invocation`s, runs them
 * through the dispatcher, and renders the `Reply`. It acknowledges every interaction before any
 * other work (Discord allows 3 s), then edits the deferred reply with the answer. Translation
 * only: which command runs, and what it answers, is decided in src/commands.
 */
import {
  ApplicationCommandOptionType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  Events,
  GuildMember,
  type Interaction,
  InteractionContextType,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { AckMode, Dispatcher } from '../../commands/dispatch.ts';
import type { InputAttachment, Invocation, Reply, ReplyTarget } from '../../commands/types.ts';
import { hashId, type Logger } from '../../logger.ts';
import type { ErrorReporter } from '../../observability.ts';
import { DiscordDeliveryError, describeDiscordError } from './api-errors.ts';
import { parseCustomId, type RenderedMessage, renderReply } from './render.ts';

export type SupportedInteraction = ChatInputCommandInteraction | ButtonInteraction;

export interface DiscordAdapterDeps {
  log: Logger;
  report: ErrorReporter;
}

export interface DiscordAdapter {
  /** Resolves when every interaction received so far has been answered (for shutdown and tests). */
  settled(): Promise<void>;
  /** Stops listening. */
  detach(): void;
}

const SUBCOMMAND_TYPES = new Set([
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
]);
const UNKNOWN_COMMAND = 'This command is not available here any more.';
const REPLY_FAILED = 'Sorry, the answer could not be shown. Please try again in a moment.';

/** The neutral invocation for a slash command or a button click. Pure translation, no I/O. */
export function toInvocation(interaction: SupportedInteraction): Invocation {
  const base = {
    actor: {
      platform: 'discord' as const,
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
  if (interaction.isButton()) {
    const { command, action, value } = parseCustomId(interaction.customId);
    return { ...base, command, options: {}, action: { name: action, value } };
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

/** Where the worker delivers later: plain JSON, stored (encrypted) with the job. */
export function toReplyTarget(interaction: SupportedInteraction): ReplyTarget {
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
      ...(interaction.isButton() ? { sourceMessageId: interaction.message.id } : {}),
    },
  };
}

/**
 * Listens for interactions on `client`. Chat-input commands and buttons are handled; other
 * interaction kinds (autocomplete, modals) are not used by the bot and are ignored.
 */
export function attachDiscordAdapter(
  client: Client,
  dispatcher: Dispatcher,
  deps: DiscordAdapterDeps,
): DiscordAdapter {
  const inFlight = new Set<Promise<void>>();
  const listener = (interaction: Interaction) => {
    if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
    const task = handleInteraction(interaction, dispatcher, deps).catch((error) => {
      // handleInteraction catches its own failures; this is the last guard for the process.
      deps.log.error({ discord: describeDiscordError(error) }, 'discord interaction handler failed');
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };
  client.on(Events.InteractionCreate, listener);
  return {
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    detach() {
      client.off(Events.InteractionCreate, listener);
    },
  };
}

async function handleInteraction(
  interaction: SupportedInteraction,
  dispatcher: Dispatcher,
  deps: DiscordAdapterDeps,
): Promise<void> {
  const inv = toInvocation(interaction);
  const log = deps.log.child({ command: inv.command, user: hashId(inv.actor.platformUserId) });
  let mode = dispatcher.ackMode(inv);
  // Only a component interaction has a message to update.
  if (mode === 'update' && !interaction.isButton()) mode = 'reply';

  // Acknowledge first: nothing may be awaited before this or Discord shows "did not respond".
  try {
    if (mode === null) {
      await interaction.reply({ content: UNKNOWN_COMMAND, flags: MessageFlags.Ephemeral });
      return;
    }
    if (mode === 'update') await (interaction as ButtonInteraction).deferUpdate();
    else await interaction.deferReply(mode === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // Usually 10062 Unknown interaction: acknowledged too late. Running now would do the work
    // for a user who already saw "did not respond" and cannot receive the answer.
    log.warn(
      { discord: describeDiscordError(error), ack: mode },
      'could not acknowledge a discord interaction',
    );
    return;
  }

  const reply = await dispatcher.run(inv);
  try {
    await sendReply(interaction, mode, reply, log);
  } catch (error) {
    const failure = describeDiscordError(error);
    log.error({ discord: failure, ack: mode }, 'could not send a discord reply');
    // Usually a body Discord refused (our bug): worth an error report, sanitised of tokens and text.
    deps.report(new DiscordDeliveryError(failure, 'Discord reply failed'), {
      command: inv.command,
      stage: 'discord-reply',
    });
    await apologise(interaction, mode).catch((e) =>
      log.warn({ discord: describeDiscordError(e) }, 'could not send the apology either'),
    );
  }
}

async function sendReply(
  interaction: SupportedInteraction,
  mode: AckMode,
  reply: Reply,
  log: Logger,
): Promise<void> {
  if (reply.deleteSource && interaction.isButton()) {
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
        log.warn({ discord: describeDiscordError(error) }, 'could not delete the source message'),
      );
  }
  const rendered = renderReply(reply);
  if (reply.ephemeral && mode !== 'ephemeral') {
    // The placeholder is public; an ephemeral answer (usually an error) must stay private.
    if (mode === 'reply') await interaction.deleteReply();
    await interaction.followUp({ ...toReplyOptions(rendered), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.editReply(toEditOptions(rendered));
}

async function apologise(interaction: SupportedInteraction, mode: AckMode): Promise<void> {
  if (mode === 'update') {
    await interaction.followUp({ content: REPLY_FAILED, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.editReply({ content: REPLY_FAILED, embeds: [], components: [], attachments: [] });
}

function toEditOptions(m: RenderedMessage): InteractionEditReplyOptions {
  return {
    // An edit replaces the whole message, including what a clicked message showed before.
    content: m.content ?? null,
    embeds: m.embeds,
    components: m.components,
    allowedMentions: { parse: [], ...(m.allowed_mentions.users ? { users: m.allowed_mentions.users } : {}) },
    ...(m.files.length ? { files: filesOf(m) } : { attachments: [] }),
  };
}

function toReplyOptions(m: RenderedMessage): InteractionReplyOptions {
  return {
    ...(m.content ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    allowedMentions: { parse: [], ...(m.allowed_mentions.users ? { users: m.allowed_mentions.users } : {}) },
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

function toInputAttachment(a: NonNullable<CommandInteractionOption['attachment']>): InputAttachment {
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
