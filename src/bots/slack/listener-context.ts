/**
 * What every Slack listener shares: the adapter's dependencies, the work tracker (acknowledge
 * first, work after, and know when all is done), and `run` — the one way an Invocation is executed
 * and its Reply shown. The listeners in `listeners/` only translate Slack payloads and call these.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AckMode, Dispatcher } from '../../commands/dispatch.ts';
import type { OptionDescription } from '../../commands/options.ts';
import type { Command, InputAttachment, Invocation, MessageAction, Reply } from '../../commands/types.ts';
import { isUserFacing } from '../../errors.ts';
import { hashId, type Logger } from '../../logger.ts';
import type { ErrorReporter } from '../../observability.ts';
import { checkDeclaredAttachment } from '../../services/generations.ts';
import type { Clock } from '../../services/ports.ts';
import type { InstallationKeys } from '../../services/slack-installations.ts';
import { describeSlackError, type WebClient } from './clients.ts';
import type { SlackDelivery } from './delivery.ts';
import { isImageFile, type SlackFileLike } from './modal.ts';
import { renderReply } from './render.ts';
import { describeCached } from './slash-text.ts';
import type { WorkspaceRef } from './translate.ts';

export interface SlackAdapterDeps {
  dispatcher: Dispatcher;
  delivery: SlackDelivery;
  messageActions: readonly MessageAction[];
  log: Logger;
  report: ErrorReporter;
  clock: Clock;
  redis: Redis;
  prefix: string;
  /** Removes a workspace's installation (app_uninstalled, tokens_revoked). */
  forgetWorkspace(keys: InstallationKeys): Promise<void>;
  /** Where an admin installs the app; quoted to users of workspaces that have not. */
  installUrl?: string;
  /** Limits for files chosen in a modal, checked before the modal closes. */
  attachmentLimits: { maxBytes: number; maxPixels: number };
}

export const PLACEHOLDER = '⏳ Working on it…';
export const UNKNOWN_COMMAND = 'This command is not available here any more.';
const REPLY_FAILED = 'Sorry, the answer could not be shown. Please try again in a moment.';

// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are read defensively, field by field
export type AnyBody = Record<string, any>;

/** A click answered through its own response_url. */
export interface Click {
  responseUrl: string;
  issuedAt: number;
  /** The clicked message was ephemeral (only the clicker sees it). */
  sourceEphemeral: boolean;
}

export interface ListenerContext {
  deps: SlackAdapterDeps;
  byName: ReadonlyMap<string, Command>;
  now(): number;
  /** Runs work after the ack, tracked for `settled()`; failures are logged and reported, never thrown. */
  track(what: string, work: () => Promise<void>): void;
  /** Executes an invocation and shows its reply (see `createListenerContext`). */
  run(client: WebClient, inv: Invocation, mode: AckMode | null, click?: Click): Promise<void>;
  /** The command a message action runs, and the options it asks for. */
  actionFields(action: MessageAction): { command: Command; fields: OptionDescription[] } | undefined;
  /** Intake's own declared-file check, so a modal shows the same words as every other platform. */
  checkFile(a: InputAttachment): string | undefined;
  settled(): Promise<void>;
}

/** Which workspace (and org) a payload of any kind came from. */
export function workspaceOf(body: AnyBody): WorkspaceRef {
  const auth = Array.isArray(body.authorizations) ? body.authorizations[0] : undefined;
  const teamId: string = body.team_id ?? body.team?.id ?? body.user?.team_id ?? auth?.team_id ?? '';
  const enterpriseId: string | undefined =
    body.enterprise_id ?? body.enterprise?.id ?? body.team?.enterprise_id ?? auth?.enterprise_id ?? undefined;
  const isEnterpriseInstall = body.is_enterprise_install === true || auth?.is_enterprise_install === true;
  return {
    teamId,
    ...(enterpriseId ? { enterpriseId } : {}),
    ...(isEnterpriseInstall ? { isEnterpriseInstall } : {}),
  };
}

/** The first image of a message, else its first file (so intake names the problem, as on Discord). */
export function pickFile(files: unknown): SlackFileLike | undefined {
  if (!Array.isArray(files) || files.length === 0) return undefined;
  const list = files as SlackFileLike[];
  return list.find(isImageFile) ?? list[0];
}

export function createListenerContext(deps: SlackAdapterDeps): ListenerContext {
  const { dispatcher, delivery, log } = deps;
  const inFlight = new Set<Promise<void>>();
  const byName = new Map(dispatcher.commands.map((c) => [c.name, c]));

  function track(what: string, work: () => Promise<void>): void {
    const task = work().catch((error) => {
      log.error({ slack: describeSlackError(error), what }, 'slack handler failed');
      deps.report(error, { stage: `slack-${what}` });
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }

  /**
   * Shows the dispatcher's answer: a public answer edits the placeholder (posted before the
   * command ran, so the worker can edit the same message), a private one replaces it with an
   * ephemeral message, and a click answered "in place" goes through the click's response_url.
   */
  async function run(client: WebClient, inv: Invocation, mode: AckMode | null, click?: Click) {
    const target = inv.replyTarget;
    const direct = target.data.isDirect === true;
    if (mode === null) {
      await delivery.ephemeral(target, { text: UNKNOWN_COMMAND, ephemeral: true, tone: 'warning' });
      return;
    }
    if (mode === 'reply') {
      const ts = await delivery.placeholder(target, PLACEHOLDER);
      if (ts) target.data.messageTs = ts;
    }
    await markAdmin(client, inv);
    const reply = await dispatcher.run(inv);
    const logFor = log.child({ command: inv.command, user: hashId(inv.actor.platformUserId) });
    try {
      if (click && (await answerClick(click, mode, reply))) return;
      if (reply.ephemeral && !direct) {
        if (target.data.messageTs) await delivery.removePlaceholder(target);
        await delivery.ephemeral(target, reply);
        return;
      }
      await delivery.answer(target, { ...reply, ephemeral: false }, `answer:${randomUUID()}`);
    } catch (error) {
      logFor.error({ slack: describeSlackError(error) }, 'could not show a slack answer');
      deps.report(error, { command: inv.command, stage: 'slack-reply' });
      await delivery
        .ephemeral(target, { text: REPLY_FAILED, ephemeral: true, tone: 'error' })
        .catch((e) => logFor.warn({ slack: describeSlackError(e) }, 'could not send the apology either'));
    }
  }

  /**
   * Whether the user is a workspace admin (Discord's Manage Guild), for admin-only commands.
   * Asked once per 10 minutes per user; when Slack cannot say, the answer is "no".
   */
  async function markAdmin(client: WebClient, inv: Invocation): Promise<void> {
    const key = `${deps.prefix}:slack:admin:${inv.actor.identityScope}:${inv.actor.platformUserId}`;
    const cached = await deps.redis.get(key).catch(() => null);
    if (cached !== null) {
      inv.actor.isServerAdmin = cached === '1';
      return;
    }
    try {
      const { user } = await client.users.info({ user: inv.actor.platformUserId });
      inv.actor.isServerAdmin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      await deps.redis.set(key, inv.actor.isServerAdmin ? '1' : '0', 'EX', 600).catch(() => undefined);
    } catch (error) {
      inv.actor.isServerAdmin = false;
      log.warn({ slack: describeSlackError(error) }, 'could not read the slack user role');
    }
  }

  /**
   * Answers a click through its response_url, which also reaches ephemeral messages (`/jobs`):
   * remove the clicked message, or replace it ("update" actions). A private answer replaces a
   * private message, but never a public one: it is shown beside it. True when all is shown.
   */
  async function answerClick(click: Click, mode: AckMode, reply: Reply): Promise<boolean> {
    if (reply.deleteSource) {
      await delivery.respond(click.responseUrl, click.issuedAt, { delete_original: true });
      if (mode === 'update') return true;
    }
    if (mode !== 'update') return false;
    const replace = !reply.ephemeral || click.sourceEphemeral;
    const body = replace
      ? { replace_original: true, ...renderReply(reply) }
      : { response_type: 'ephemeral', replace_original: false, ...renderReply(reply) };
    return (await delivery.respond(click.responseUrl, click.issuedAt, body)) === 'sent';
  }

  return {
    deps,
    byName,
    now: () => deps.clock().getTime(),
    track,
    run,
    actionFields(action) {
      const command = byName.get(action.command);
      if (!command?.options) return undefined;
      const fields = describeCached(command.options).filter((o) => action.askOptions.includes(o.name));
      return { command, fields };
    },
    checkFile(a) {
      try {
        checkDeclaredAttachment(a, deps.attachmentLimits.maxBytes, deps.attachmentLimits.maxPixels);
        return undefined;
      } catch (error) {
        if (isUserFacing(error)) return error.userMessage;
        throw error;
      }
    },
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
