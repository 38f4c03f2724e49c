/** Users and their platform identities. One person = one User; each chat identity points at it. */
import type { Actor } from '../commands/types.ts';
import type { Db } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';
import type { NotifyIdentity } from './ports.ts';

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === 'P2002';

/** The unique key of a chat identity, from an actor or a stored identity (platform, scope, user id). */
export function identityKey(who: Actor | NotifyIdentity) {
  const scope = 'identityScope' in who ? who.identityScope : who.scope;
  return {
    platform_scope_platformUserId: { platform: who.platform, scope, platformUserId: who.platformUserId },
  };
}

/** Finds or creates the User behind a chat identity (safe under concurrent first use). */
export async function resolveUser(db: Db, actor: Actor): Promise<User> {
  const where = identityKey(actor);
  const existing = await db.platformIdentity.findUnique({ where, include: { user: true } });
  if (existing) return existing.user;
  try {
    const created = await db.platformIdentity.create({
      data: {
        platform: actor.platform,
        scope: actor.identityScope,
        platformUserId: actor.platformUserId,
        user: { create: { locale: actor.locale ?? null } },
      },
      include: { user: true },
    });
    return created.user;
  } catch (e) {
    // Two first commands at once: the other one won. The nested create was one transaction, so
    // nothing of ours is left behind; use the winner's row.
    if (!isUniqueViolation(e)) throw e;
    const row = await db.platformIdentity.findUniqueOrThrow({ where, include: { user: true } });
    return row.user;
  }
}
