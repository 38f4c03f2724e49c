/**
 * Discord adapter: turns slash commands, button clicks, select-menu choices and message
 * context-menu actions into neutral `Invocation`s, runs them through the dispatcher, and renders
 * the `Reply`. It acknowledges every interaction before any other work (Discord allows 3 s), then
 * edits the deferred reply with the answer. Interactions arrive from the gateway or, in HTTP mode,
 * as raw payloads handed in through `receive` — discord.js builds the same objects either way, so
 * both paths run this code. Translation only: which command runs, and what it answers, is decided
 * in src/commands.
 */

import {
  type Client,
  Events,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Dispatcher } from '../../commands/dispatch.ts';
import type { Invocation, MessageAction, Reply } from '../../commands/types.ts';
import { messageActionText, t } from '../../i18n/index.ts';
import { hashId, type Logger } from '../../logger.ts';
import type { ErrorReporter } from '../../observability.ts';
import type { AnswerLog } from './answer-log.ts';
import { DiscordDeliveryError, describeDiscordError } from './api-errors.ts';
import { apologise, type DeferredInteraction, replyPrivately, sendReply } from './interaction-replies.ts';
import { invocationBase, type SupportedInteraction, toInvocation } from './invocation.ts';
import {
  buildMessageActionModal,
  createMemoryPendingStore,
  findMessageImage,
  PENDING_TTL_SECONDS,
  type PendingActionStore,
  parseModalId,
  readModalAnswers,
} from './message-actions.ts';
import { findMessageAction } from './registration.ts';

export type { SupportedInteraction } from './invocation.ts';
export { toInvocation, toReplyTarget } from './invocation.ts';

export interface DiscordAdapterDeps {
  log: Logger;
  report: ErrorReporter;
  /** Message context-menu entries; registered from the same list (`buildRegistration`). */
  messageActions?: readonly MessageAction[];
  /** Hosts whose embed images a message action may take (the safe fetcher's allow-list). */
  allowedImageHosts?: readonly string[];
  /** Keeps a right-clicked message's image until its modal is submitted. Default: process memory. */
  pendingActions?: PendingActionStore;
  /** Lay image replies out with Components V2 (media gallery) instead of embeds. */
  componentsV2?: boolean;
  /** Records that an interaction's first answer was sent (the worker's edits wait for it). */
  answers?: AnswerLog;
}

export interface DiscordAdapter {
  /** Resolves when every interaction received so far has been answered (for shutdown and tests). */
  settled(): Promise<void>;
  /** Stops listening. */
  detach(): void;
  /**
   * Hands a raw interaction payload (from the HTTP endpoint) to discord.js as the gateway would,
   * and resolves once the interaction has been acknowledged — or could not be, or is not one the
   * bot answers. The work after the acknowledgement goes on; `settled()` waits for it.
   */
  receive(raw: { id: string }): Promise<void>;
}

interface Context extends DiscordAdapterDeps {
  dispatcher: Dispatcher;
  pendingActions: PendingActionStore;
  messageActions: readonly MessageAction[];
}

/** Feeds a raw payload to discord.js: builds the interaction and emits `interactionCreate`. */
export function handleRawInteraction(client: Client, raw: unknown): void {
  // `actions` is internal to discord.js (typed private), hence the cast.
  (
    client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }
  ).actions.InteractionCreate.handle(raw);
}

/** Listens for interactions on `client`. Autocomplete and other kinds the bot does not use are ignored. */
export function attachDiscordAdapter(
  client: Client,
  dispatcher: Dispatcher,
  deps: DiscordAdapterDeps,
): DiscordAdapter {
  const ctx: Context = {
    ...deps,
    dispatcher,
    messageActions: deps.messageActions ?? [],
    pendingActions: deps.pendingActions ?? createMemoryPendingStore(),
  };
  // Fail at start, not on a user's click, when an action asks for something a modal cannot show.
  for (const action of ctx.messageActions) buildMessageActionModal(action, commandOf(ctx, action), '0');

  const inFlight = new Set<Promise<void>>();
  const ackWaiters = new Map<string, () => void>();
  const emitted = new Set<string>();
  const acknowledged = (id: string) => {
    ackWaiters.get(id)?.();
    ackWaiters.delete(id);
  };

  const listener = (interaction: Interaction) => {
    emitted.add(interaction.id);
    const supported = asSupported(interaction);
    if (!supported) return acknowledged(interaction.id);
    const task = handleInteraction(supported, ctx, () => acknowledged(interaction.id))
      .catch((error) => {
        // handleInteraction catches its own failures; this is the last guard for the process.
        deps.log.error({ discord: describeDiscordError(error) }, 'discord interaction handler failed');
      })
      .finally(() => acknowledged(interaction.id));
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
    receive(raw) {
      const done = new Promise<void>((resolve) => ackWaiters.set(raw.id, resolve));
      try {
        handleRawInteraction(client, raw);
      } catch (error) {
        // A payload discord.js cannot build an interaction from (malformed): nothing will answer it.
        ackWaiters.delete(raw.id);
        emitted.delete(raw.id);
        throw error;
      }
      // discord.js drops payloads it cannot build (unknown types) without emitting anything.
      if (!emitted.delete(raw.id)) acknowledged(raw.id);
      return done;
    },
  };
}

function asSupported(interaction: Interaction): SupportedInteraction | null {
  if (
    interaction.isChatInputCommand() ||
    interaction.isButton() ||
    interaction.isStringSelectMenu() ||
    interaction.isMessageContextMenuCommand() ||
    interaction.isModalSubmit()
  ) {
    return interaction;
  }
  return null;
}

async function handleInteraction(
  interaction: SupportedInteraction,
  ctx: Context,
  onAck: () => void,
): Promise<void> {
  const log = ctx.log.child({ user: hashId(interaction.user.id) });
  if (interaction.isMessageContextMenuCommand()) return openMessageAction(interaction, ctx, log, onAck);
  let inv: Invocation;
  if (interaction.isModalSubmit()) {
    const prepared = await prepareModalSubmit(interaction, ctx, log);
    if ('reply' in prepared) return replyNow(interaction, prepared.reply, ctx, log, onAck);
    inv = prepared.inv;
  } else {
    inv = toInvocation(interaction);
  }
  return runInvocation(interaction, inv, ctx, log.child({ command: inv.command }), onAck);
}

/** Acknowledge, run the command, then show its answer (the path of every command and click). */
async function runInvocation(
  interaction: DeferredInteraction,
  inv: Invocation,
  ctx: Context,
  log: Logger,
  onAck: () => void,
): Promise<void> {
  let mode = ctx.dispatcher.ackMode(inv);
  // Only a component interaction has a message to update.
  if (mode === 'update' && !interaction.isMessageComponent()) mode = 'reply';

  // Acknowledge first: nothing may be awaited before this or Discord shows "did not respond".
  try {
    if (mode === null) {
      await interaction.reply({
        content: t(interaction.locale, 'adapter.unknownCommand'),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    if (mode === 'update' && interaction.isMessageComponent()) await interaction.deferUpdate();
    else await interaction.deferReply(mode === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // Usually 10062 Unknown interaction: acknowledged too late. Running now would do the work
    // for a user who already saw "did not respond" and cannot receive the answer.
    log.warn(
      { discord: describeDiscordError(error), ack: mode },
      'could not acknowledge a discord interaction',
    );
    return;
  } finally {
    onAck();
  }

  const reply = await ctx.dispatcher.run(inv);
  try {
    await sendReply(interaction, mode, reply, { componentsV2: ctx.componentsV2, log });
    await ctx.answers
      ?.markAnswered(interaction.id)
      .catch((e) =>
        log.warn({ err: { message: (e as Error).message } }, 'could not record a discord answer'),
      );
  } catch (error) {
    const failure = describeDiscordError(error);
    log.error({ discord: failure, ack: mode }, 'could not send a discord reply');
    // Usually a body Discord refused (our bug): worth an error report, sanitised of tokens and text.
    ctx.report(new DiscordDeliveryError(failure, 'Discord reply failed'), {
      command: inv.command,
      stage: 'discord-reply',
    });
    await apologise(interaction, mode).catch((e) =>
      log.warn({ discord: describeDiscordError(e) }, 'could not send the apology either'),
    );
  }
}

/**
 * "Restyle image" on a message: no usable image → say so privately (nothing queued, nothing
 * charged); otherwise keep the image reference and show the modal asking the options.
 */
async function openMessageAction(
  interaction: MessageContextMenuCommandInteraction,
  ctx: Context,
  log: Logger,
  onAck: () => void,
): Promise<void> {
  const locale = interaction.locale;
  const action = findMessageAction(ctx.messageActions, interaction.commandName);
  if (!action) {
    return replyNow(
      interaction,
      { text: t(locale, 'adapter.unknownCommand'), ephemeral: true },
      ctx,
      log,
      onAck,
    );
  }
  const image = findMessageImage(interaction.targetMessage, ctx.allowedImageHosts ?? []);
  if (!image) {
    return replyNow(
      interaction,
      { text: messageActionText(locale, action, 'noImage'), ephemeral: true },
      ctx,
      log,
      onAck,
    );
  }
  try {
    await ctx.pendingActions.save(
      pendingKey(interaction.id, interaction.user.id),
      { userId: interaction.user.id, attachment: image },
      PENDING_TTL_SECONDS,
    );
  } catch (error) {
    log.error({ err: error }, 'could not keep the message action for its modal');
    ctx.report(error, { stage: 'discord-message-action', action: action.id });
    return replyNow(
      interaction,
      { text: t(locale, 'adapter.replyFailed'), ephemeral: true, tone: 'error' },
      ctx,
      log,
      onAck,
    );
  }
  try {
    await interaction.showModal(
      buildMessageActionModal(action, commandOf(ctx, action), interaction.id, locale),
    );
  } catch (error) {
    log.warn({ discord: describeDiscordError(error) }, 'could not show the message action modal');
  } finally {
    onAck();
  }
}

/** The invocation a submitted modal stands for, or the private answer when it cannot run. */
async function prepareModalSubmit(
  interaction: ModalSubmitInteraction,
  ctx: Context,
  log: Logger,
): Promise<{ inv: Invocation } | { reply: Reply }> {
  const locale = interaction.locale;
  const parsed = parseModalId(interaction.customId);
  const action = parsed && ctx.messageActions.find((a) => a.id === parsed.actionId);
  if (!parsed || !action) return { reply: { text: t(locale, 'adapter.unknownCommand'), ephemeral: true } };
  let pending: Awaited<ReturnType<PendingActionStore['take']>>;
  try {
    // Keyed by the user too: someone else's submission can neither use nor use up the form.
    pending = await ctx.pendingActions.take(pendingKey(parsed.pendingId, interaction.user.id));
  } catch (error) {
    log.error({ err: error }, 'could not read the pending message action');
    ctx.report(error, { stage: 'discord-message-action', action: action.id });
    return { reply: { text: t(locale, 'adapter.replyFailed'), ephemeral: true, tone: 'error' } };
  }
  // Only the user who opened the form may submit it (ids are checked, never trusted).
  if (!pending || pending.userId !== interaction.user.id) {
    return { reply: { text: t(locale, 'adapter.formExpired'), ephemeral: true } };
  }
  const command = commandOf(ctx, action);
  return {
    inv: {
      ...invocationBase(interaction),
      command: command.name,
      options: {
        ...readModalAnswers(action, command, interaction),
        [action.imageOption]: pending.attachment,
      },
    },
  };
}

function pendingKey(interactionId: string, userId: string): string {
  return `${interactionId}:${userId}`;
}

function commandOf(ctx: Context, action: MessageAction) {
  const command = ctx.dispatcher.commands.find((c) => c.name === action.command);
  if (!command)
    throw new Error(`message action "${action.id}" runs /${action.command}, which is not registered`);
  return command;
}

/** Answers at once, privately, with no command run (refusals before anything is queued). */
async function replyNow(
  interaction: SupportedInteraction,
  reply: Reply,
  ctx: Context,
  log: Logger,
  onAck: () => void,
): Promise<void> {
  try {
    await replyPrivately(interaction, reply, { componentsV2: ctx.componentsV2, log });
  } catch (error) {
    log.warn({ discord: describeDiscordError(error) }, 'could not answer a discord interaction');
  } finally {
    onAck();
  }
}
