/**
 * How replies reach a playground page. The worker that finishes a job may run in another process
 * than the web role holding the page's event stream, so updates travel over Redis pub/sub: the
 * delivery publishes on `<prefix>:playground:<session>`, and each web process keeps one
 * subscriber connection and hands events to the streams of that session. Fire and forget, like a
 * chat message on a closed laptop: `/jobs` shows anything missed while the page was away.
 */
import { Redis } from 'ioredis';
import type { Reply } from '../../commands/types.ts';
import type { Logger } from '../../logger.ts';

/** One message on a page: a progress edit or the final result of the message `messageId`. */
export interface PlaygroundEvent {
  kind: 'update' | 'deliver';
  messageId: string;
  reply: Reply;
}

export const playgroundChannel = (prefix: string, sessionId: string) => `${prefix}:playground:${sessionId}`;

export type EventListener = (event: PlaygroundEvent) => void;

export interface PlaygroundEventHub {
  /** Calls `listener` for every event of `sessionId`; returns the unsubscribe function. */
  subscribe(sessionId: string, listener: EventListener): () => void;
  close(): Promise<void>;
}

export function createPlaygroundEventHub(opts: {
  redisUrl: string;
  prefix: string;
  log: Logger;
}): PlaygroundEventHub {
  const listeners = new Map<string, Set<EventListener>>();
  const pattern = `${playgroundChannel(opts.prefix, '')}*`;
  const channelPrefix = playgroundChannel(opts.prefix, '');
  // A subscriber connection can do nothing else; ioredis re-subscribes after a reconnect.
  const subscriber = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  subscriber.on('error', (err) =>
    opts.log.warn({ err: { message: err.message } }, 'playground event stream: redis problem'),
  );
  subscriber.psubscribe(pattern).catch((err) => opts.log.warn({ err }, 'playground: could not subscribe'));
  subscriber.on('pmessage', (_pattern, channel, message) => {
    const sessionId = channel.slice(channelPrefix.length);
    const set = listeners.get(sessionId);
    if (!set) return;
    let event: PlaygroundEvent;
    try {
      event = JSON.parse(message) as PlaygroundEvent;
    } catch {
      return;
    }
    for (const listener of set) listener(event);
  });

  return {
    subscribe(sessionId, listener) {
      const set = listeners.get(sessionId) ?? new Set<EventListener>();
      listeners.set(sessionId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
    async close() {
      listeners.clear();
      subscriber.disconnect();
    },
  };
}
