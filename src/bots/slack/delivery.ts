/**
 * Slack side of the `Delivery` port, shared by the worker (progress, results) and the adapter (the
 * first answer). How a reply reaches the user, in order:
 *
 * 1. **One message, edited.** The adapter posts a placeholder with `chat.postMessage` as soon as a
 *    public command is acknowledged; its `ts` is in the ReplyTarget. "Queued", "Generating" and
 *    the result all `chat.update` that message with the workspace's bot token — no expiry, no use
 *    limit, no stream of new messages.
 * 2. **response_url** when there is no such message (the bot may not post in that conversation):
 *    while it is valid (30 min, 5 uses — counted in Redis) answers go through it; the result is
 *    posted `in_channel`, earlier answers only to the user.
 * 3. **chat.postMessage** in the channel (or thread), mentioning the user, when both are gone; and
 *    a DM (`conversations.open`) when the channel is closed to the bot.
 *
 * Images: an image block with the result URL when Slack can fetch it (ImageKit signed URL); with
 * local storage (`reply.image.data`, the URL is not public) the bytes are uploaded with
 * `files.getUploadURLExternal` + `files.completeUploadExternal` next to the message.
 *
 * The bot token is never stored: it is looked up per workspace when needed. Posting is de-duplicated
 * by the delivery key in Redis, and writes to the one message are ordered by stage (answer <
 * progress < result), so a late "Queued" can never overwrite a finished result.
 */
import type { Redis } from 'ioredis';
import type { Reply, ReplyTarget } from '../../commands/types.ts';
import { UserFacingError } from '../../errors.ts';
import { hashId, type Logger } from '../../logger.ts';
import type { Delivery, DeliveryResult, NotifyIdentity } from '../../services/ports.ts';
import {
  describeSlackError,
  isChannelRefused,
  isMessageGone,
  isTokenDead,
  type SlackClients,
  type WebClient,
} from './clients.ts';
import type { BotTokens } from './installation-store.ts';
import { createSlackPoster, imageModeFor, STAGE, type Stage } from './posting.ts';
import { renderReply } from './render.ts';
import type { ResponseUrlOutcome, ResponseUrls } from './response-urls.ts';
import { type SlackTargetData, slackDataOf } from './target-data.ts';

export { STAGE } from './posting.ts';
export { type SlackTargetData, slackDataOf } from './target-data.ts';

export interface SlackDeliveryDeps {
  clients: SlackClients;
  tokens: BotTokens;
  responseUrls: ResponseUrls;
  redis: Redis;
  /** Redis key prefix (the queue prefix). */
  prefix: string;
  log: Logger;
}

/** The `Delivery` port plus what the adapter needs for its first answer. */
export interface SlackDelivery extends Delivery {
  /** Posts the message later answers edit; undefined when the bot may not post there. */
  placeholder(target: ReplyTarget, text: string): Promise<string | undefined>;
  /** The adapter's own answer (stage "answer": never overwrites the worker's progress or result). */
  answer(target: ReplyTarget, reply: Reply, key: string): Promise<DeliveryResult | undefined>;
  /** A reply only the invoking user sees. */
  ephemeral(target: ReplyTarget, reply: Reply): Promise<DeliveryResult>;
  /** Removes the placeholder (the answer turned out to be private). Best effort. */
  removePlaceholder(target: ReplyTarget): Promise<void>;
  /** Posts to a response_url (answers to clicks), counting its uses. */
  respond(url: string, issuedAt: number, body: object): Promise<ResponseUrlOutcome>;
}

export function createSlackDelivery(deps: SlackDeliveryDeps): SlackDelivery {
  const { log } = deps;

  async function tokenOrFail(d: SlackTargetData): Promise<{ token: string; client: WebClient }> {
    const token = await deps.tokens.tokenFor(d);
    if (!token) {
      throw new UserFacingError('slack_not_installed', {}, false);
    }
    return { token, client: deps.clients.forToken(token) };
  }

  const poster = createSlackPoster({ redis: deps.redis, prefix: deps.prefix, log });
  const { claim, uploadImage, postMessage } = poster;
  const postNew = async (target: ReplyTarget, d: SlackTargetData, reply: Reply, dedupe: string) =>
    poster.postNew((await tokenOrFail(d)).client, target, d, reply, dedupe);

  async function show(
    target: ReplyTarget,
    reply: Reply,
    dedupe: string,
    stage: Stage,
  ): Promise<DeliveryResult | undefined> {
    const d = slackDataOf(target);
    if (reply.ephemeral) return ephemeral(target, reply);
    if (d.messageTs) {
      const { client } = await tokenOrFail(d);
      const ts = d.messageTs;
      const edited = await poster.withMessageLock(target.channelId, ts, async () => {
        if (!(await claim(target.channelId, ts, stage))) return 'superseded' as const;
        try {
          await uploadImage(client, target.channelId, d.threadTs, reply, dedupe);
          await client.chat.update({
            channel: target.channelId,
            ts,
            ...renderReply(reply, { images: imageModeFor(reply, true) }),
          });
          return 'edited' as const;
        } catch (error) {
          if (!isMessageGone(error)) throw error;
          log.info({ slack: describeSlackError(error) }, 'slack message no longer editable; posting anew');
          return 'gone' as const;
        }
      });
      if (edited === 'superseded') return undefined;
      if (edited === 'edited') return { via: 'bot_message', messageId: ts };
    }
    if (d.responseUrl) {
      const outcome = await deps.responseUrls.post(d.responseUrl, d.responseUrlAt ?? target.receivedAt, {
        // Without a message of our own, only the result is public; "queued" is for the user's eyes.
        response_type: stage === STAGE.result ? 'in_channel' : 'ephemeral',
        replace_original: false,
        ...renderReply(reply, {
          images: imageModeFor(reply, false),
          ...(stage === STAGE.result ? { mentionUserId: target.userId } : {}),
        }),
      });
      if (outcome === 'sent') return { via: 'response_url' };
    }
    return postNew(target, d, reply, dedupe);
  }

  async function ephemeral(target: ReplyTarget, reply: Reply): Promise<DeliveryResult> {
    const d = slackDataOf(target);
    const visible = { ...reply, ephemeral: false };
    if (d.responseUrl) {
      const outcome = await deps.responseUrls.post(d.responseUrl, d.responseUrlAt ?? target.receivedAt, {
        response_type: 'ephemeral',
        replace_original: false,
        ...renderReply(visible, { images: imageModeFor(reply, false) }),
      });
      if (outcome === 'sent') return { via: 'response_url' };
    }
    const { client } = await tokenOrFail(d);
    if (target.channelId) {
      try {
        const res = await client.chat.postEphemeral({
          channel: target.channelId,
          user: target.userId,
          ...(d.threadTs ? { thread_ts: d.threadTs } : {}),
          ...renderReply(visible, { images: imageModeFor(reply, false) }),
        });
        return { via: 'channel', ...(res.message_ts ? { messageId: res.message_ts } : {}) };
      } catch (error) {
        if (!isChannelRefused(error)) throw error;
      }
    }
    const dm = await client.conversations.open({ users: target.userId });
    const message = await postMessage(client, dm.channel?.id ?? '', undefined, visible, {
      images: imageModeFor(reply, false),
    });
    return { via: 'dm', messageId: message.ts };
  }

  /** Errors leave here without tokens or URLs in their message; a dead token is not retried. */
  async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      const failure = describeSlackError(error);
      if (isTokenDead(error)) {
        throw new UserFacingError('slack_token_revoked', {}, false);
      }
      const wrapped = new Error(`Slack ${what} failed: ${failure.code ?? ''} ${failure.message}`.trim());
      wrapped.name = 'SlackDeliveryError';
      throw wrapped;
    }
  }

  return {
    async update(target, reply) {
      const d = slackDataOf(target);
      // Progress only edits our own message; a response_url's few uses are kept for the result.
      if (!d.messageTs) return;
      try {
        const token = await deps.tokens.tokenFor(d);
        if (!token) return;
        const ts = d.messageTs;
        await poster.withMessageLock(target.channelId, ts, async () => {
          if (!(await claim(target.channelId, ts, STAGE.progress))) return;
          await deps.clients.forToken(token).chat.update({
            channel: target.channelId,
            ts,
            ...renderReply(reply, { images: imageModeFor(reply, false) }),
          });
        });
      } catch (error) {
        log.warn(
          { slack: describeSlackError(error), user: hashId(target.userId) },
          'slack progress update failed',
        );
      }
    },

    async deliver(target, reply, dedupe) {
      const result = await guarded('delivery', () => show(target, reply, dedupe, STAGE.result));
      return result ?? { via: 'bot_message' };
    },

    answer(target, reply, dedupe) {
      return guarded('answer', () => show(target, reply, dedupe, STAGE.answer));
    },

    ephemeral(target, reply) {
      return guarded('ephemeral answer', () => ephemeral(target, reply));
    },

    async placeholder(target, text) {
      const d = slackDataOf(target);
      try {
        const token = await deps.tokens.tokenFor(d);
        if (!token) return undefined;
        const message = await postMessage(
          deps.clients.forToken(token),
          target.channelId,
          d.threadTs,
          { text },
          {},
        );
        return message.ts || undefined;
      } catch (error) {
        const level = isChannelRefused(error) ? 'info' : 'warn';
        log[level](
          { slack: describeSlackError(error), channel: hashId(target.channelId) },
          'no slack placeholder; answering through response_url',
        );
        return undefined;
      }
    },

    async removePlaceholder(target) {
      const d = slackDataOf(target);
      if (!d.messageTs) return;
      try {
        const token = await deps.tokens.tokenFor(d);
        if (token)
          await deps.clients.forToken(token).chat.delete({ channel: target.channelId, ts: d.messageTs });
      } catch (error) {
        log.warn({ slack: describeSlackError(error) }, 'could not remove a slack placeholder');
      }
    },

    respond(url, issuedAt, body) {
      return deps.responseUrls.post(url, issuedAt, body);
    },

    async notify(identity: NotifyIdentity, reply: Reply, dedupe?: string) {
      return guarded('direct message', async () => {
        const target: ReplyTarget = {
          platform: 'slack',
          scope: identity.scope,
          channelId: '',
          userId: identity.platformUserId,
          receivedAt: 0,
          data: { teamId: identity.scope },
        };
        return postNew(target, slackDataOf(target), reply, dedupe ?? `notify:${Date.now()}:${Math.random()}`);
      });
    },
  };
}
