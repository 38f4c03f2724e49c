/**
 * Mentions of the bot and DMs to it: a message with an image runs the first message action
 * (`/imagine`) with that image, the text read like slash-command text; the answer goes into the
 * mention's thread, or the DM. Slack re-sends an event it believes lost: each runs once.
 */
import type { App } from '@slack/bolt';
import type { z } from 'zod';
import type { Command, Invocation } from '../../../commands/types.ts';
import type { WebClient } from '../clients.ts';
import { type AnyBody, type ListenerContext, pickFile, workspaceOf } from '../listener-context.ts';
import { parseSlashText } from '../slash-text.ts';
import {
  slackActor,
  slackFileAttachment,
  slackTarget,
  unescapeSlackText,
  withoutMention,
} from '../translate.ts';

export function registerMessageListeners(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  const { delivery } = deps;

  async function firstDelivery(eventId: string | undefined): Promise<boolean> {
    if (!eventId) return true;
    const set = await deps.redis
      .set(`${deps.prefix}:slack:event:${eventId}`, '1', 'EX', 3600, 'NX')
      .catch(() => 'OK');
    return set === 'OK';
  }

  async function onMessage(
    client: WebClient,
    event: AnyBody,
    body: AnyBody,
    context: { botUserId?: string; botToken?: string },
    direct: boolean,
  ) {
    if (!(await firstDelivery(body.event_id))) return;
    const ws = workspaceOf(body);
    const target = slackTarget({
      ...ws,
      channelId: event.channel,
      userId: event.user,
      receivedAt: ctx.now(),
      threadTs: direct ? event.thread_ts : (event.thread_ts ?? event.ts),
      isDirect: direct,
    });
    const action = deps.messageActions[0];
    const found = action ? ctx.actionFields(action) : undefined;
    if (!action || !found) return;
    const file = pickFile(event.files);
    if (!file) {
      const styles = found.fields.find((f) => f.choices)?.choices?.map((c) => c.value) ?? [];
      const hint =
        `Send me a PNG, JPEG or WebP image with a prompt and I'll restyle it` +
        `${styles.length ? ` — start with a style (${styles.join(', ')}) if you like` : ''}.` +
        ` Or right-click a message with an image → *${action.label}*.`;
      if (direct) await delivery.placeholder(target, hint);
      else await delivery.ephemeral(target, { text: hint, ephemeral: true });
      return;
    }
    // The text fills the options the action would ask for, like a slash command's text.
    const asked = {
      ...found.command,
      subcommands: undefined,
      options: (found.command.options as z.ZodObject).pick(
        Object.fromEntries(found.fields.map((f) => [f.name, true])) as Record<string, true>,
      ),
    } as Command;
    const parsed = parseSlashText(
      asked,
      unescapeSlackText(withoutMention(event.text ?? '', context.botUserId)),
    );
    if (!parsed.ok) {
      await delivery.ephemeral(target, { text: parsed.error.replace(/Usage: .*/, ''), ephemeral: true });
      return;
    }
    const inv: Invocation = {
      actor: slackActor({ id: event.user, teamId: event.user_team }, ws),
      command: action.command,
      options: { ...parsed.options, [action.imageOption]: slackFileAttachment(file, context.botToken ?? '') },
      replyTarget: target,
    };
    await ctx.run(client, inv, deps.dispatcher.ackMode(inv));
  }

  app.event('app_mention', async ({ event, body, context, client }) => {
    ctx.track('mention', () => onMessage(client, event as AnyBody, body as AnyBody, context, false));
  });

  app.event('message', async ({ event, body, context, client }) => {
    const e = event as AnyBody;
    // DMs to the bot only; edits, deletions and bot posts (our own included) are not requests.
    if (e.channel_type !== 'im' || (e.subtype && e.subtype !== 'file_share') || e.bot_id) return;
    ctx.track('direct-message', () => onMessage(client, e, body as AnyBody, context, true));
  });
}
