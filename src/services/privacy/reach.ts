/**
 * Reaching the person behind a data request when its answer is ready (export link, erasure
 * confirmation): by DM through the platform's `notify`, or by editing / following up the
 * ephemeral reply of the command that asked (its sealed ReplyTarget), whichever comes first in
 * `prefer` order. Never throws: a person who cannot be reached is reported as such.
 */
import type { Reply, ReplyTarget } from '../../commands/types.ts';
import { hashId } from '../../logger.ts';
import type { Services } from '../index.ts';
import type { NotifyIdentity } from '../ports.ts';
import { openReplyTarget } from '../reply-targets.ts';

export type Reached = 'dm' | 'reply' | 'unreachable';

export interface Requester {
  /** The sealed ReplyTarget of the command that asked, if it came from a command. */
  sealedTarget?: unknown;
  /** Identities to DM (the requester's own ones). */
  identities: NotifyIdentity[];
}

export async function reachRequester(
  s: Services,
  who: Requester,
  reply: Reply,
  key: string,
  prefer: 'dm' | 'reply',
): Promise<Reached> {
  const target = openQuietly(s, who.sealedTarget);
  const identities = target
    ? [{ platform: target.platform, scope: target.scope, platformUserId: target.userId }, ...who.identities]
    : who.identities;
  const tryDm = async (): Promise<boolean> => {
    for (const identity of identities) {
      const delivery = s.deliveries[identity.platform];
      if (!delivery?.notify) continue;
      try {
        await delivery.notify(identity, reply, key);
        return true;
      } catch (err) {
        s.log.info(
          { err: { message: (err as Error).message }, user: hashId(identity.platformUserId) },
          'privacy DM not delivered',
        );
      }
    }
    return false;
  };
  const tryReply = async (): Promise<boolean> => {
    const delivery = target ? s.deliveries[target.platform] : undefined;
    if (!target || !delivery) return false;
    try {
      await delivery.deliver(target, { ...reply, ephemeral: true }, key);
      return true;
    } catch (err) {
      s.log.info(
        { err: { message: (err as Error).message }, user: hashId(target.userId) },
        'privacy reply not delivered',
      );
      return false;
    }
  };
  const order = prefer === 'dm' ? [tryDm, tryReply] : [tryReply, tryDm];
  for (const attempt of order) if (await attempt()) return attempt === tryDm ? 'dm' : 'reply';
  return 'unreachable';
}

function openQuietly(s: Services, sealed: unknown): ReplyTarget | undefined {
  if (typeof sealed !== 'string') return undefined;
  try {
    return openReplyTarget(s.box, sealed);
  } catch {
    return undefined;
  }
}

/** The language the request was made in (the sealed reply target keeps the locale), if readable. */
export function requesterLocale(s: Services, sealed: unknown): string | undefined {
  return openQuietly(s, sealed)?.locale;
}
