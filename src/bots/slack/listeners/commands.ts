/**
 * Slash commands and the modals they open. The text is parsed against the command's own options;
 * a command that needs a file (slash commands carry none) opens a modal built from its options,
 * and the submission — validated before the modal closes — runs the command.
 */
import type { App } from '@slack/bolt';
import type { z } from 'zod';
import type { Invocation } from '../../../commands/types.ts';
import type { WebClient } from '../clients.ts';
import { type AnyBody, type ListenerContext, workspaceOf } from '../listener-context.ts';
import {
  buildModal,
  MODAL_CALLBACK_ID,
  type ModalContext,
  readModalContext,
  readModalValues,
  type SlackFileLike,
  validateSubmission,
} from '../modal.ts';
import { describeCached, parseSlashText } from '../slash-text.ts';
import {
  slackActor,
  slackFileAttachment,
  slackTarget,
  unescapeSlackText,
  type WorkspaceRef,
} from '../translate.ts';

export function registerCommandListeners(app: App, ctx: ListenerContext): void {
  const { dispatcher, messageActions } = ctx.deps;

  app.command(/^\/.+/, async ({ command: body, ack, client }) => {
    const command = ctx.byName.get(body.command.replace(/^\//, ''));
    if (!command) {
      await ack({ response_type: 'ephemeral', text: `\`${body.command}\` is not a command I know.` });
      return;
    }
    const parsed = parseSlashText(command, unescapeSlackText(body.text ?? ''));
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: parsed.error });
      return;
    }
    await ack();
    const ws = workspaceOf(body as AnyBody);
    const receivedAt = ctx.now();
    // A file cannot be typed: ask for it (and show the rest pre-filled) in a modal.
    if (parsed.described.some((o) => o.kind === 'attachment')) {
      const view = buildModal({
        title: `/${command.name}`,
        fields: parsed.described,
        initial: parsed.options,
        context: {
          command: command.name,
          ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
          channelId: body.channel_id,
          responseUrl: body.response_url,
          responseUrlAt: receivedAt,
        },
      });
      ctx.track('modal', async () => {
        await client.views.open({ trigger_id: body.trigger_id, view });
      });
      return;
    }
    const inv: Invocation = {
      actor: slackActor({ id: body.user_id, name: body.user_name }, ws),
      command: command.name,
      ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
      options: parsed.options,
      replyTarget: slackTarget({
        ...ws,
        channelId: body.channel_id,
        userId: body.user_id,
        receivedAt,
        responseUrl: body.response_url,
        responseUrlAt: receivedAt,
      }),
    };
    ctx.track('command', () => ctx.run(client, inv, dispatcher.ackMode(inv)));
  });

  app.view(MODAL_CALLBACK_ID, async ({ ack, body, view, context, client }) => {
    const meta = readModalContext(view.private_metadata);
    const action = meta?.actionId ? messageActions.find((a) => a.id === meta.actionId) : undefined;
    const command = meta ? ctx.byName.get(meta.command) : undefined;
    if (!meta || !command || (meta.actionId && !action)) {
      await ack();
      return;
    }
    const schema = (meta.subcommand ? command.subcommands?.[meta.subcommand]?.options : command.options) as
      | z.ZodObject
      | undefined;
    const fields = action ? (ctx.actionFields(action)?.fields ?? []) : schema ? describeCached(schema) : [];
    const submission = readModalValues(view.state.values as never, fields);
    const fixed = action && meta.fileId ? { [action.imageOption]: { url: `slack-file:${meta.fileId}` } } : {};
    // Checked before the ack: problems are shown as field errors in the still-open modal.
    const errors = validateSubmission(schema, fields, submission, { fixed, checkFile: ctx.checkFile });
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const ws = workspaceOf(body as AnyBody);
    const token = context.botToken ?? '';
    ctx.track('submission', async () => {
      const options: Record<string, unknown> = { ...submission.options };
      for (const [name, file] of Object.entries(submission.files)) {
        options[name] = slackFileAttachment(await completeFile(client, file), token);
      }
      if (action && meta.fileId) {
        const file = await completeFile(client, { id: meta.fileId });
        options[action.imageOption] = slackFileAttachment(file, token);
      }
      const inv = invocationFromModal(meta, body.user, ws, options, ctx.now());
      await ctx.run(client, inv, dispatcher.ackMode(inv));
    });
  });
}

function invocationFromModal(
  meta: ModalContext,
  user: { id: string; name?: string; team_id?: string },
  ws: WorkspaceRef,
  options: Record<string, unknown>,
  receivedAt: number,
): Invocation {
  return {
    actor: slackActor({ id: user.id, name: user.name, teamId: user.team_id }, ws),
    command: meta.command,
    ...(meta.subcommand ? { subcommand: meta.subcommand } : {}),
    options,
    replyTarget: slackTarget({
      ...ws,
      channelId: meta.channelId,
      userId: user.id,
      receivedAt,
      responseUrl: meta.responseUrl,
      responseUrlAt: meta.responseUrlAt,
      threadTs: meta.threadTs,
      isDirect: meta.isDirect,
    }),
  };
}

/** A file from view state or a message may lack its private URL: files.info has it. */
async function completeFile(client: WebClient, file: SlackFileLike): Promise<SlackFileLike> {
  if (file.url_private_download || file.url_private) return file;
  const info = await client.files.info({ file: file.id });
  return { ...file, ...(info.file as SlackFileLike) };
}
