/**
 * Accounts: linking chat identities to a Clerk user (one person across Discord and Slack),
 * unlinking, what `/account` shows, and the Clerk clean-up used by account erasure.
 *
 * Linking: `/account link` issues a one-time link to the web role's page; the page signs the user
 * in with Clerk and posts the session token back; `completeLink` verifies it and, in one
 * transaction, consumes the link token and links the identity's User to the Clerk user — merging
 * it into the User that already holds that Clerk id, if there is one (account-merge.ts).
 */
import type { Actor } from '../commands/types.ts';
import { UserFacingError } from '../errors.ts';
import type { PlatformIdentity, Subscription, User } from '../generated/prisma/client.ts';
import { hashId } from '../logger.ts';
import { mergeUsers } from './account-merge.ts';
import { fetchClerkProfile, verifyClerkSession } from './clerk-session.ts';
import type { Services } from './index.ts';
import { startOfUtcDay } from './limits.ts';
import { consumeLinkToken, issueLinkToken, type LinkTokenProblem } from './link-tokens.ts';
import { type Plan, planFor } from './plans.ts';
import { identityKey, resolveUser } from './users.ts';

/** Why a link attempt was refused; the link page turns each into a plain explanation. */
export class LinkRefused extends Error {
  constructor(readonly reason: LinkTokenProblem | 'session_invalid' | 'linked_elsewhere' | 'linking_off') {
    super(`link refused: ${reason}`);
    this.name = 'LinkRefused';
  }
}

export type LinkOutcome = 'linked' | 'merged' | 'already_linked';

function requireLinking(s: Services): void {
  if (!s.config.linkingEnabled) {
    throw new UserFacingError('linking_off');
  }
}

async function findIdentity(s: Services, actor: Actor): Promise<{ user: User; identity: PlatformIdentity }> {
  const user = await resolveUser(s.db, actor);
  const identity = await s.db.platformIdentity.findUniqueOrThrow({
    where: identityKey(actor),
  });
  return { user, identity };
}

/** `/account link`: a one-time link (valid LINK_TOKEN_TTL_SECONDS) to the Clerk sign-in page. */
export async function createAccountLink(
  s: Services,
  actor: Actor,
): Promise<{ url: string; expiresAt: Date }> {
  requireLinking(s);
  const { identity } = await findIdentity(s, actor);
  const { token, expiresAt } = await issueLinkToken(
    s.db,
    identity.id,
    s.clock(),
    s.config.LINK_TOKEN_TTL_SECONDS,
  );
  return { url: `${s.config.PUBLIC_URL.replace(/\/+$/, '')}/link/${token}`, expiresAt };
}

/**
 * The link page's POST: verifies the Clerk session token, then consumes the link token and links
 * (or merges) in one transaction. Throws LinkRefused — and changes nothing — when the link token
 * is unknown, used or expired, the session token does not verify, or the identity is already
 * linked to a different Clerk account.
 */
export async function completeLink(
  s: Services,
  linkToken: string,
  sessionToken: string,
): Promise<LinkOutcome> {
  if (!s.config.linkingEnabled) throw new LinkRefused('linking_off');
  let clerkUserId: string;
  try {
    clerkUserId = await verifyClerkSession(s.config, sessionToken);
  } catch (err) {
    s.log.info({ reason: (err as Error).message.slice(0, 200) }, 'Clerk session token refused');
    throw new LinkRefused('session_invalid');
  }
  // Outside the transaction: a slow Clerk API must not hold database locks.
  const profile = await fetchClerkProfile(s, clerkUserId);
  const now = s.clock();
  const outcome = await s.db.$transaction(async (tx) => {
    const state = await consumeLinkToken(tx, linkToken, now);
    if (!state.ok) throw new LinkRefused(state.problem);
    const current = await tx.user.findUniqueOrThrow({ where: { id: state.identity.userId } });
    if (current.clerkUserId === clerkUserId) return { result: 'already_linked' as const, userId: current.id };
    if (current.clerkUserId) throw new LinkRefused('linked_elsewhere');
    const owner = await tx.user.findUnique({ where: { clerkUserId } });
    const survivor = owner
      ? await mergeUsers(tx, current.id, owner.id, now)
      : await tx.user.update({ where: { id: current.id }, data: { clerkUserId } });
    if (profile) {
      await tx.user.update({
        where: { id: survivor.id },
        data: {
          email: profile.email ?? survivor.email,
          displayName: profile.displayName ?? survivor.displayName,
        },
      });
    }
    return { result: owner ? ('merged' as const) : ('linked' as const), userId: survivor.id };
  });
  s.log.info({ user: hashId(outcome.userId), outcome: outcome.result }, 'account linked');
  return outcome.result;
}

/**
 * `/account unlink`: detaches this chat identity from the Clerk account. With other identities
 * still linked, this one starts over as a new free User (history, credits and plan stay with the
 * account); as the only identity, the User keeps everything and just forgets the Clerk link.
 */
export async function unlinkIdentity(s: Services, actor: Actor): Promise<'split' | 'unlinked'> {
  const { user, identity } = await findIdentity(s, actor);
  if (!user.clerkUserId) {
    throw new UserFacingError('not_linked');
  }
  return s.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user:${user.id}`}))`;
    const others = await tx.platformIdentity.count({ where: { userId: user.id, id: { not: identity.id } } });
    if (others === 0) {
      await tx.user.update({ where: { id: user.id }, data: { clerkUserId: null, email: null } });
      return 'unlinked' as const;
    }
    // Facts about the person (age, policy accepted, a withdrawal) carry over; opt-ins start off.
    const fresh = await tx.user.create({
      data: {
        locale: user.locale,
        ageConfirmedAt: user.ageConfirmedAt,
        policyVersion: user.policyVersion,
        policyAcceptedAt: user.policyAcceptedAt,
        processingWithdrawnAt: user.processingWithdrawnAt,
      },
    });
    await tx.platformIdentity.update({ where: { id: identity.id }, data: { userId: fresh.id } });
    return 'split' as const;
  });
}

export interface AccountOverview {
  user: User;
  plan: Plan;
  identities: PlatformIdentity[];
  /** Images started today (UTC) that count against limits. */
  imagesToday: number;
  subscription?: Subscription;
}

/** What `/account` shows. */
export async function describeAccount(s: Services, actor: Actor): Promise<AccountOverview> {
  const { user } = await findIdentity(s, actor);
  const [identities, subscription, imagesToday] = await Promise.all([
    s.db.platformIdentity.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } }),
    s.db.subscription.findFirst({
      where: { userId: user.id, status: { in: ['active', 'trialing', 'past_due'] } },
      orderBy: { updatedAt: 'desc' },
    }),
    s.db.generation.count({
      where: {
        userId: user.id,
        createdAt: { gte: startOfUtcDay(s.clock()) },
        status: { in: ['intake', 'queued', 'processing', 'succeeded'] },
      },
    }),
  ]);
  return {
    user,
    plan: planFor(s.config, user.plan),
    identities,
    imagesToday,
    ...(subscription ? { subscription } : {}),
  };
}

/**
 * For account erasure: deletes the user's Clerk user (Backend API `users.deleteUser`). Returns
 * false without calling anything when the user is not linked or Clerk is not configured; a Clerk
 * user already gone (404) counts as deleted.
 */
export async function deleteIdentityProviderUser(s: Services, user: User): Promise<boolean> {
  if (!s.clerk || !user.clerkUserId) return false;
  try {
    await s.clerk.users.deleteUser(user.clerkUserId);
  } catch (e) {
    if ((e as { status?: number })?.status !== 404) throw e;
  }
  return true;
}
