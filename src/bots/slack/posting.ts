/**
 * Posting into a Slack conversation, the layer under the delivery: a message (with the reply's
 * image uploaded beside it when Slack cannot fetch its URL), a new post that is made once per
 * delivery key and falls back to a DM when the channel is closed to the bot, and the ordering of
 * writes to one message by stage. Every "once" and every order lives in Redis, so any process can
 * continue what another started.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Reply, ReplyTarget } from '../../commands/types.ts';
import { hashId, type Logger } from '../../logger.ts';
import type { DeliveryResult } from '../../services/ports.ts';
import { describeSlackError, isChannelRefused, type WebClient } from './clients.ts';
import { type ImageMode, renderReply, type SlackRenderOptions } from './render.ts';
import type { SlackTargetData } from './target-data.ts';

/** Order of writes to the one message: a lower stage never overwrites a higher one. */
export const STAGE = { answer: 1, progress: 2, result: 3 } as const;
export type Stage = (typeof STAGE)[keyof typeof STAGE];

const CLAIM_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const DAY_S = 24 * 3600;

export interface SlackPoster {
  /** Whether a write of `stage` may still go to the message (false: a later stage wrote already). */
  claim(channel: string, ts: string, stage: Stage): Promise<boolean>;
  /**
   * Runs `write` holding the message's lock, so a claim and the edit it allows are one step: without
   * it a lower stage claimed first could still land its (slower) edit after a higher one.
   */
  withMessageLock<T>(channel: string, ts: string, write: () => Promise<T>): Promise<T>;
  /** Uploads the reply's image bytes (local storage) into the conversation, once per key. */
  uploadImage(
    client: WebClient,
    channel: string,
    threadTs: string | undefined,
    reply: Reply,
    dedupe: string,
  ): Promise<void>;
  postMessage(
    client: WebClient,
    channel: string,
    threadTs: string | undefined,
    reply: Reply,
    opts: SlackRenderOptions,
  ): Promise<{ channel: string; ts: string }>;
  /** A new message in the channel (once per key; a repeat updates it), or a DM when the channel is closed. */
  postNew(
    client: WebClient,
    target: ReplyTarget,
    d: SlackTargetData,
    reply: Reply,
    dedupe: string,
  ): Promise<DeliveryResult>;
}

/** Image blocks when Slack can fetch the URL; else uploaded bytes, or a link where uploads cannot go. */
export const imageModeFor = (reply: Reply, canUpload: boolean): ImageMode =>
  reply.image?.data ? (canUpload ? 'none' : 'links') : 'blocks';

export function createSlackPoster(deps: { redis: Redis; prefix: string; log: Logger }): SlackPoster {
  const { redis, log } = deps;
  const key = (kind: string, id: string) =>
    `${deps.prefix}:slack:${kind}:${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;

  async function claim(channel: string, ts: string, stage: Stage): Promise<boolean> {
    try {
      const ok = await redis.eval(
        CLAIM_SCRIPT,
        1,
        key('stage', `${channel}/${ts}`),
        String(stage),
        String(DAY_S),
      );
      return ok === 1;
    } catch (err) {
      log.warn({ err: { message: (err as Error).message } }, 'could not order a slack message update');
      return true;
    }
  }

  async function withMessageLock<T>(channel: string, ts: string, write: () => Promise<T>): Promise<T> {
    const lock = key('lock', `${channel}/${ts}`);
    const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    // Bounded wait: an edit takes well under a second; after 10 s the holder is presumed gone.
    const deadline = Date.now() + 10_000;
    let held = false;
    while (!held && Date.now() < deadline) {
      held = (await redis.set(lock, owner, 'PX', 10_000, 'NX').catch(() => 'OK')) === 'OK';
      if (!held) await new Promise((r) => setTimeout(r, 25));
    }
    try {
      return await write();
    } finally {
      if (held) await redis.eval(RELEASE_SCRIPT, 1, lock, owner).catch(() => undefined);
    }
  }

  async function uploadImage(
    client: WebClient,
    channel: string,
    threadTs: string | undefined,
    reply: Reply,
    dedupe: string,
  ) {
    const image = reply.image;
    if (!image?.data) return;
    const seen = key('file', dedupe);
    if (await redis.get(seen).catch(() => null)) return;
    const filename = image.filename ?? 'image.png';
    await client.filesUploadV2({
      channel_id: channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      file: image.data,
      filename,
      title: filename,
      ...(image.alt ? { alt_text: image.alt.slice(0, 1000) } : {}),
    } as Parameters<WebClient['filesUploadV2']>[0]);
    await redis.set(seen, '1', 'EX', 7 * DAY_S).catch(() => undefined);
  }

  async function postMessage(
    client: WebClient,
    channel: string,
    threadTs: string | undefined,
    reply: Reply,
    opts: SlackRenderOptions,
  ): Promise<{ channel: string; ts: string }> {
    const res = await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...renderReply(reply, opts),
      unfurl_links: false,
      unfurl_media: false,
    });
    return { channel: res.channel ?? channel, ts: res.ts ?? '' };
  }

  async function postNew(
    client: WebClient,
    target: ReplyTarget,
    d: SlackTargetData,
    reply: Reply,
    dedupe: string,
  ): Promise<DeliveryResult> {
    const posted = key('posted', dedupe);
    const prior = await redis.get(posted).catch(() => null);
    const images = imageModeFor(reply, true);
    if (prior) {
      // A retried job: the message exists already, bring it up to date instead of posting twice.
      const [channel = '', ts = ''] = prior.split('/');
      await client.chat.update({
        channel,
        ts,
        ...renderReply(reply, { mentionUserId: target.userId, images }),
      });
      return { via: 'channel', messageId: ts };
    }
    let where: { channel: string; threadTs?: string; via: 'channel' | 'dm' } = {
      channel: target.channelId,
      ...(d.threadTs ? { threadTs: d.threadTs } : {}),
      via: 'channel',
    };
    let message: { channel: string; ts: string };
    try {
      if (!target.channelId) throw Object.assign(new Error('no channel'), { skipToDm: true });
      await uploadImage(client, where.channel, where.threadTs, reply, dedupe);
      message = await postMessage(client, where.channel, where.threadTs, reply, {
        mentionUserId: target.userId,
        images,
      });
    } catch (error) {
      if (!isChannelRefused(error) && !(error as { skipToDm?: boolean }).skipToDm) throw error;
      log.info(
        { slack: describeSlackError(error), channel: hashId(target.channelId) },
        'slack channel closed to the bot; sending a DM',
      );
      const dm = await client.conversations.open({ users: target.userId });
      where = { channel: dm.channel?.id ?? '', via: 'dm' };
      await uploadImage(client, where.channel, undefined, reply, `${dedupe}:dm`);
      message = await postMessage(client, where.channel, undefined, reply, { images });
    }
    await redis.set(posted, `${message.channel}/${message.ts}`, 'EX', 7 * DAY_S).catch(() => undefined);
    return { via: where.via, messageId: message.ts };
  }

  return { claim, withMessageLock, uploadImage, postMessage, postNew };
}
