/**
 * The playground's `Delivery`: progress and results are published for the page's event stream
 * (see events.ts). The reply target names the page session and the message to edit, so a result
 * replaces the "queued" message it belongs to, like Discord's edit of the original reply.
 */
import type { Redis } from 'ioredis';
import type { Reply, ReplyImage, ReplyTarget } from '../../commands/types.ts';
import type { Logger } from '../../logger.ts';
import type { Delivery, DeliveryResult } from '../../services/ports.ts';
import { type PlaygroundEvent, playgroundChannel } from './events.ts';

export interface PlaygroundDeliveryDeps {
  /** Any connected client: publishing needs no subscriber connection. */
  redis: Pick<Redis, 'publish'>;
  prefix: string;
  /** The web role's base URL: links to it become relative, so they work from wherever the page was opened. */
  publicUrl: string;
  log: Logger;
}

/** The reply as the page gets it: no bytes (the page loads images by URL), URLs made relative where possible. */
export function toPageReply(reply: Reply, publicUrl: string): Reply {
  const base = publicUrl.replace(/\/+$/, '');
  const image = (img: ReplyImage | undefined): ReplyImage | undefined => {
    if (!img) return undefined;
    const url = img.url.startsWith(`${base}/`) ? img.url.slice(base.length) : img.url;
    return { url, ...(img.alt ? { alt: img.alt } : {}), ...(img.filename ? { filename: img.filename } : {}) };
  };
  const { image: main, sourceImage, ...rest } = reply;
  return {
    ...rest,
    ...(main ? { image: image(main) } : {}),
    ...(sourceImage ? { sourceImage: image(sourceImage) } : {}),
  };
}

export function createPlaygroundDelivery(deps: PlaygroundDeliveryDeps): Delivery {
  const publish = async (target: ReplyTarget, kind: PlaygroundEvent['kind'], reply: Reply) => {
    const sessionId = String(target.data.sessionId ?? '');
    const messageId = String(target.data.messageId ?? '');
    const event: PlaygroundEvent = { kind, messageId, reply: toPageReply(reply, deps.publicUrl) };
    await deps.redis.publish(playgroundChannel(deps.prefix, sessionId), JSON.stringify(event));
  };
  return {
    async update(target, reply) {
      await publish(target, 'update', reply).catch((err) =>
        deps.log.warn({ err: { message: (err as Error).message } }, 'playground progress update failed'),
      );
    },
    async deliver(target, reply): Promise<DeliveryResult> {
      // Throws when Redis is down, so the queue retries the delivery.
      await publish(target, 'deliver', reply);
      return { via: 'playground', messageId: String(target.data.messageId ?? '') };
    },
  };
}
