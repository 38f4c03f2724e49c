/**
 * Message shortcuts (a neutral `MessageAction`, the same entry as Discord's message menu) and
 * clicks on buttons and menus (`action_id` = `${command}:${action}:${value}`).
 */
import type { App, BlockAction } from '@slack/bolt';
import type { Invocation } from '../../../commands/types.ts';
import {
  type AnyBody,
  type Click,
  type ListenerContext,
  pickFile,
  UNKNOWN_COMMAND,
  workspaceOf,
} from '../listener-context.ts';
import { buildModal } from '../modal.ts';
import { parseActionId } from '../render.ts';
import { slackActor, slackTarget } from '../translate.ts';

const escapeMrkdwn = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, '');

export function registerInteractiveListeners(app: App, ctx: ListenerContext): void {
  const { delivery, dispatcher, messageActions } = ctx.deps;

  app.shortcut({ type: 'message_action', callback_id: /.+/ }, async ({ ack, shortcut, client }) => {
    await ack();
    const body = shortcut as unknown as AnyBody;
    const receivedAt = ctx.now();
    const message = body.message ?? {};
    const threadTs: string | undefined = message.thread_ts ?? message.ts;
    const target = slackTarget({
      ...workspaceOf(body),
      channelId: body.channel?.id ?? '',
      userId: body.user?.id ?? '',
      receivedAt,
      responseUrl: body.response_url,
      responseUrlAt: receivedAt,
      threadTs,
    });
    ctx.track('shortcut', async () => {
      const action = messageActions.find((a) => a.id === body.callback_id);
      const found = action ? ctx.actionFields(action) : undefined;
      if (!action || !found) {
        await delivery.ephemeral(target, { text: UNKNOWN_COMMAND, ephemeral: true, tone: 'warning' });
        return;
      }
      const file = pickFile(message.files);
      if (!file) {
        await delivery.ephemeral(target, { text: action.noImageMessage, ephemeral: true, tone: 'warning' });
        return;
      }
      // Only the file id travels in the modal; its private URL is read again at submission.
      const view = buildModal({
        title: action.label,
        fields: found.fields,
        intro: `Using *${escapeMrkdwn(file.name ?? 'the image')}* from that message.`,
        context: {
          command: action.command,
          actionId: action.id,
          fileId: file.id,
          channelId: target.channelId,
          ...(threadTs ? { threadTs } : {}),
          responseUrl: body.response_url,
          responseUrlAt: receivedAt,
        },
      });
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
  });

  app.action(/^[^:]+:[^:]+:/, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const b = body as BlockAction;
    const a = action as { action_id: string; selected_option?: { value: string } };
    const { command, action: name, value } = parseActionId(a.action_id);
    const receivedAt = ctx.now();
    const values = a.selected_option ? [a.selected_option.value] : undefined;
    const inv: Invocation = {
      actor: slackActor(
        { id: b.user.id, name: b.user.name, teamId: b.user.team_id },
        workspaceOf(b as unknown as AnyBody),
      ),
      command,
      options: {},
      action: { name, value, ...(values ? { values } : {}) },
      replyTarget: slackTarget({
        ...workspaceOf(b as unknown as AnyBody),
        channelId: b.channel?.id ?? (b.container as { channel_id?: string })?.channel_id ?? '',
        userId: b.user.id,
        receivedAt,
        responseUrl: b.response_url,
        responseUrlAt: receivedAt,
        threadTs: (b.message as { thread_ts?: string } | undefined)?.thread_ts,
      }),
    };
    const click: Click = {
      responseUrl: b.response_url,
      issuedAt: receivedAt,
      sourceEphemeral: (b.container as { is_ephemeral?: boolean })?.is_ephemeral === true,
    };
    ctx.track('action', () => ctx.run(client, inv, dispatcher.ackMode(inv), click));
  });
}
