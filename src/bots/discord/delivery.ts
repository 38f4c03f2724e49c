/**
 * Discord side of the `Delivery` port, used by the worker over REST only (no gateway needed).
 * While the interaction token lives (15 min from the interaction; we stop a little earlier) the
 * result replaces the original "queued" reply. After that, or when Discord says the token or the
 * reply is gone, it is posted as a bot message in the channel mentioning the user, and when the
 * bot may not post there (user-installed app, missing permissions) as a DM that says why. Channel
 * and DM posts carry a nonce derived from the delivery key with `enforce_nonce`, so a retried job
 * does not post twice. When the user's DMs are closed too (50007) while the interaction token
 * still lives, the answer comes as an ephemeral follow-up that explains how to allow DMs; after
 * that nothing can reach the user, and the result stays listed in `/jobs`.
 */

import { createHash, randomUUID } from 'node:crypto';
import type { RawFile, REST } from 'discord.js';
import { type APIChannel, type APIMessage, MessageFlags, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Reply, ReplyTarget } from '../../commands/types.ts';
import { UserFacingError } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { hashId, type Logger } from '../../logger.ts';
import type { Clock, Delivery, DeliveryResult } from '../../services/ports.ts';
import { type AnswerLog, waitForAnswer } from './answer-log.ts';
import {
  apiErrorCode,
  DiscordDeliveryError,
  describeDiscordError,
  isChannelRefused,
  isInteractionGone,
} from './api-errors.ts';
import { type RenderedMessage, type RenderOptions, renderReply } from './render.ts';

/** Interaction tokens are valid 15 min; stop using them a minute early so an edit never races expiry. */
export const INTERACTION_TOKEN_TTL_MS = 14 * 60 * 1000;

export interface DiscordDeliveryDeps {
  /** A REST client with the bot token set (interaction-webhook calls are sent without it). */
  rest: REST;
  /**
   * A REST client for interaction-webhook calls only. Discord does not count them against the
   * bot's global limit of 50 requests/s, but @discordjs/rest counts every request of a client:
   * sharing one client caps deliveries at about 25 jobs/s per process. Default: `rest`.
   */
  webhookRest?: REST;
  log: Logger;
  clock: Clock;
  tokenTtlMs?: number;
  /** Lay image replies out with Components V2 (media gallery) instead of embeds. */
  componentsV2?: boolean;
  /** When set, the first edit of @original waits (≤ answerWaitMs) for the adapter's own answer. */
  answers?: AnswerLog;
  answerWaitMs?: number;
}

/** Said in a DM that stands in for a channel post. */
export const DM_INSTEAD_NOTICE = t('en', 'adapter.dmInstead');
/** Said when a DM failed with 50007 but the interaction can still answer privately. */
export const DMS_CLOSED_NOTICE = t('en', 'adapter.dmsClosed');

/** What the adapter stores in `ReplyTarget.data` for Discord. */
interface DiscordTargetData {
  applicationId?: string;
  interactionToken?: string;
  canPostInChannel?: boolean;
}

/** Discord nonces are at most 25 characters; a hash keeps them stable per delivery key. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 25);
}

export function createDiscordDelivery(deps: DiscordDeliveryDeps): Delivery {
  const ttl = deps.tokenTtlMs ?? INTERACTION_TOKEN_TTL_MS;
  const { rest, log } = deps;
  const hookRest = deps.webhookRest ?? rest;
  const render = (reply: Reply, opts: Omit<RenderOptions, 'componentsV2'> = {}) =>
    renderReply(reply, { ...opts, componentsV2: deps.componentsV2 });

  function interactionToken(
    target: ReplyTarget,
  ): { applicationId: string; token: string; interactionId?: string } | null {
    const data = target.data as DiscordTargetData;
    if (typeof data.applicationId !== 'string' || typeof data.interactionToken !== 'string') return null;
    if (target.receivedAt + ttl <= deps.clock().getTime()) return null;
    const interactionId =
      typeof target.data.interactionId === 'string' ? target.data.interactionId : undefined;
    return { applicationId: data.applicationId, token: data.interactionToken, interactionId };
  }

  async function editOriginal(
    hook: { applicationId: string; token: string; interactionId?: string },
    message: RenderedMessage,
  ): Promise<APIMessage> {
    // Never let a late adapter answer ("Queued") land on top of this edit.
    if (deps.answers && hook.interactionId) {
      await waitForAnswer(deps.answers, hook.interactionId, deps.answerWaitMs ?? 5000);
    }
    // auth:false — interaction webhooks are authorised by their token, and a 401 on an
    // authenticated request makes @discordjs/rest drop the bot token for every later request.
    return (await hookRest.patch(Routes.webhookMessage(hook.applicationId, hook.token, '@original'), {
      auth: false,
      body: {
        // An edit replaces the whole message: clear what the "queued" reply had. A Components V2
        // message may carry no content at all.
        content: message.flags ? null : (message.content ?? ''),
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: message.allowed_mentions,
        attachments: attachmentsOf(message),
        ...(message.flags ? { flags: message.flags } : {}),
      },
      files: rawFiles(message),
    })) as APIMessage;
  }

  /** A private follow-up to the interaction (only the user sees it). */
  async function followUpPrivately(
    hook: { applicationId: string; token: string },
    message: RenderedMessage,
  ): Promise<APIMessage> {
    return (await hookRest.post(Routes.webhook(hook.applicationId, hook.token), {
      auth: false,
      body: {
        ...(message.content ? { content: message.content } : {}),
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: message.allowed_mentions,
        ...(message.files.length ? { attachments: attachmentsOf(message) } : {}),
        flags: MessageFlags.Ephemeral | (message.flags ?? 0),
      },
      files: rawFiles(message),
    })) as APIMessage;
  }

  async function postMessage(
    channelId: string,
    message: RenderedMessage,
    nonce: string,
  ): Promise<APIMessage> {
    return (await rest.post(Routes.channelMessages(channelId), {
      body: {
        ...(message.content ? { content: message.content } : {}),
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: message.allowed_mentions,
        ...(message.files.length ? { attachments: attachmentsOf(message) } : {}),
        ...(message.flags ? { flags: message.flags } : {}),
        nonce,
        enforce_nonce: true,
      },
      files: rawFiles(message),
    })) as APIMessage;
  }

  async function postDirect(
    target: ReplyTarget,
    reply: Reply,
    nonce: string,
    notice?: string,
  ): Promise<DeliveryResult> {
    try {
      const dm = (await rest.post(Routes.userChannels(), {
        body: { recipient_id: target.userId },
      })) as APIChannel;
      const message = await postMessage(dm.id, render(reply, notice ? { notice } : {}), nonce);
      return { via: 'dm', messageId: message.id };
    } catch (error) {
      if (apiErrorCode(error) !== RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
        throw new DiscordDeliveryError(describeDiscordError(error), 'Discord DM delivery failed');
      }
    }
    // DMs are closed (50007). While the interaction lives, answer privately where the user asked.
    const hook = interactionToken(target);
    if (hook) {
      try {
        const message = await followUpPrivately(
          hook,
          render(reply, { notice: t(target.locale, 'adapter.dmsClosed') }),
        );
        log.info({ user: hashId(target.userId) }, 'DMs closed; answered with a private follow-up');
        return { via: 'interaction', messageId: message.id };
      } catch (error) {
        log.info({ discord: describeDiscordError(error) }, 'private follow-up failed as well');
      }
    }
    // Retrying cannot help: nothing reaches the user now. The job keeps its result (see /jobs).
    throw new UserFacingError('discord_unreachable', {}, false);
  }

  return {
    async update(target, reply) {
      const hook = interactionToken(target);
      if (!hook) return;
      try {
        await editOriginal(hook, render(reply));
      } catch (error) {
        // Progress is best effort: the final delivery has its own fallbacks.
        log.warn(
          { discord: describeDiscordError(error), user: hashId(target.userId) },
          'discord progress update failed',
        );
      }
    },

    async deliver(target, reply, key) {
      const hook = interactionToken(target);
      if (hook) {
        try {
          const message = await editOriginal(hook, render(reply));
          return { via: 'interaction', messageId: message.id };
        } catch (error) {
          if (!isInteractionGone(error)) {
            throw new DiscordDeliveryError(describeDiscordError(error), 'Discord interaction reply failed');
          }
          log.info(
            { discord: describeDiscordError(error) },
            'interaction reply no longer editable; posting a message',
          );
        }
      }

      const nonce = nonceFor(key);
      const data = target.data as DiscordTargetData;
      // A private (ephemeral) answer must not become public in the channel: it goes by DM.
      if (!reply.ephemeral && data.canPostInChannel !== false && target.channelId) {
        try {
          const message = await postMessage(
            target.channelId,
            render(reply, { mentionUserId: target.userId }),
            nonce,
          );
          return { via: 'channel', messageId: message.id };
        } catch (error) {
          if (!isChannelRefused(error)) {
            throw new DiscordDeliveryError(describeDiscordError(error), 'Discord channel delivery failed');
          }
          log.info(
            { discord: describeDiscordError(error), channel: hashId(target.channelId) },
            'bot may not post in the channel; sending a DM',
          );
        }
      }
      // A public answer that cannot go to the channel says why it arrives by DM.
      return postDirect(
        target,
        reply,
        nonce,
        reply.ephemeral ? undefined : t(target.locale, 'adapter.dmInstead'),
      );
    },

    async notify(identity, reply, key) {
      // A DM needs only the user id; the rest of a ReplyTarget does not apply.
      const target: ReplyTarget = {
        platform: 'discord',
        scope: '',
        channelId: '',
        userId: identity.platformUserId,
        receivedAt: 0,
        data: {},
      };
      return postDirect(target, reply, nonceFor(key ?? `notify:${randomUUID()}`));
    },
  };
}

function attachmentsOf(message: RenderedMessage) {
  return message.files.map((f, i) => ({
    id: String(i),
    filename: f.name,
    ...(f.description ? { description: f.description } : {}),
  }));
}

function rawFiles(message: RenderedMessage): RawFile[] | undefined {
  if (!message.files.length) return undefined;
  return message.files.map((f) => ({
    name: f.name,
    data: f.data,
    ...(f.contentType ? { contentType: f.contentType } : {}),
  }));
}
