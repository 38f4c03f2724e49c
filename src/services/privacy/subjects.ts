/**
 * Who a privacy action is about: the chat identity behind an invocation, the User it points at
 * (looked up, never created, where a lookup must not collect anything), and the age-gate refusal
 * marker, which holds only a keyed hash of the identity.
 */
import type { Actor } from '../../commands/types.ts';
import type { AgeGateRefusal, User } from '../../generated/prisma/client.ts';
import type { Services } from '../index.ts';
import type { NotifyIdentity } from '../ports.ts';
import { identityKey } from '../users.ts';
import { hashIdentity } from './hashes.ts';

export type RefusalReason = 'under_13' | 'declined' | 'reported_under_13';

/** Reasons that mean "never serve this identity" (a decline can be revised by accepting later). */
export const BLOCKING_REFUSALS: readonly string[] = ['under_13', 'reported_under_13'];

export function identityOf(actor: Actor): NotifyIdentity {
  return { platform: actor.platform, scope: actor.identityScope, platformUserId: actor.platformUserId };
}

/** The User behind a chat identity, or null: does not create one. */
export async function findUserOf(s: Services, identity: NotifyIdentity): Promise<User | null> {
  const row = await s.db.platformIdentity.findUnique({
    where: identityKey(identity),
    include: { user: true },
  });
  return row?.user ?? null;
}

export async function findRefusal(s: Services, identity: NotifyIdentity): Promise<AgeGateRefusal | null> {
  return s.db.ageGateRefusal.findUnique({
    where: { identityHash: hashIdentity(s.config.encryptionKey, identity) },
  });
}

export async function isBlocked(s: Services, identity: NotifyIdentity): Promise<boolean> {
  const refusal = await findRefusal(s, identity);
  return Boolean(refusal && BLOCKING_REFUSALS.includes(refusal.reason));
}

/** Writes the marker; an under-13 reason is never downgraded to a mere decline. */
export async function recordRefusal(
  s: Services,
  identity: NotifyIdentity,
  reason: RefusalReason,
): Promise<void> {
  const identityHash = hashIdentity(s.config.encryptionKey, identity);
  const existing = await s.db.ageGateRefusal.findUnique({ where: { identityHash } });
  if (existing && BLOCKING_REFUSALS.includes(existing.reason) && !BLOCKING_REFUSALS.includes(reason)) return;
  await s.db.ageGateRefusal.upsert({
    where: { identityHash },
    create: { identityHash, reason, createdAt: s.clock() },
    update: { reason },
  });
}

export async function clearDeclineMarker(s: Services, identity: NotifyIdentity): Promise<void> {
  await s.db.ageGateRefusal.deleteMany({
    where: { identityHash: hashIdentity(s.config.encryptionKey, identity), reason: 'declined' },
  });
}

/**
 * True when the User holds nothing but what a first command creates (the User and its identities):
 * such a person can be forgotten on the spot, without an erasure job.
 */
export async function holdsNothingYet(s: Services, user: User): Promise<boolean> {
  if (user.clerkUserId || user.stripeCustomerId || user.email || user.ageConfirmedAt) return false;
  const where = { userId: user.id };
  const counts = await Promise.all([
    s.db.generation.count({ where }),
    s.db.creditLedger.count({ where }),
    s.db.subscription.count({ where }),
    s.db.dataExport.count({ where }),
    s.db.dataRequest.count({ where }),
  ]);
  return counts.every((n) => n === 0);
}

/**
 * Removes the rows a first command created for an identity that must not be served (the chat
 * identity, and its User when no other identity points at it). Consent events go with the User.
 */
export async function forgetIdentity(s: Services, identity: NotifyIdentity): Promise<void> {
  const row = await s.db.platformIdentity.findUnique({
    where: identityKey(identity),
  });
  if (!row) return;
  await s.db.$transaction(async (tx) => {
    await tx.platformIdentity.delete({ where: { id: row.id } });
    const others = await tx.platformIdentity.count({ where: { userId: row.userId } });
    if (others === 0) await tx.user.deleteMany({ where: { id: row.userId } });
  });
}

/** Strings known to be this user's personal data, removed from errors before logs and Sentry. */
export async function personalStringsOf(s: Services, userId: string): Promise<string[]> {
  const user = await s.db.user.findUnique({
    where: { id: userId },
    include: { identities: true, generations: { select: { prompt: true } } },
  });
  if (!user) return [userId];
  return [
    userId,
    user.email,
    user.displayName,
    user.clerkUserId,
    user.stripeCustomerId,
    ...user.identities.map((i) => i.platformUserId),
    ...user.generations.map((g) => g.prompt),
  ].filter((x): x is string => Boolean(x));
}
