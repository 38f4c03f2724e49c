/**
 * Merging two Users into one, when a second chat identity is linked to a Clerk account that
 * already belongs to another User. The rules (docs/accounts.md, "Merge rules") in short:
 * everything that belongs to the person moves to the surviving User (identities, generations,
 * ledger rows, subscriptions, consent history, privacy requests); the balance is the sum of the
 * moved ledger rows; the more privileged plan wins; the earliest age confirmation and the latest
 * policy acceptance are kept; optional consents are only kept when both accounts gave them, so a
 * merge never widens what the person agreed to. The merged-away User is deleted, leaving a
 * `merge:<id>` marker row in the ledger so Stripe objects that still name it find the survivor.
 */
import type { Prisma } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';
import { applyLedgerEntry, ledgerBalance } from './credits.ts';
import { betterPlanName } from './plans.ts';

export const mergeMarkerKey = (userId: string) => `merge:${userId}`;

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Moves everything of `fromId` into `intoId` and deletes `fromId`. Runs inside the caller's
 * transaction; takes both users' intake locks (in a fixed order) and row locks first, so no
 * generation, reservation or release can slip in between.
 */
export async function mergeUsers(
  tx: Prisma.TransactionClient,
  fromId: string,
  intoId: string,
  now: Date,
): Promise<User> {
  if (fromId === intoId) return tx.user.findUniqueOrThrow({ where: { id: intoId } });
  for (const id of [fromId, intoId].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user:${id}`}))`;
  }
  await tx.$queryRaw`SELECT id FROM "User" WHERE id IN (${fromId}::uuid, ${intoId}::uuid) FOR UPDATE`;
  const from = await tx.user.findUniqueOrThrow({ where: { id: fromId } });
  const into = await tx.user.findUniqueOrThrow({ where: { id: intoId } });

  const move = { where: { userId: fromId }, data: { userId: intoId } };
  await tx.platformIdentity.updateMany(move);
  await tx.generation.updateMany(move);
  await tx.creditLedger.updateMany(move);
  await tx.subscription.updateMany(move);
  await tx.consentEvent.updateMany(move);
  await tx.dataRequest.updateMany(move);
  await tx.dataExport.updateMany(move);
  await applyLedgerEntry(tx, { userId: intoId, delta: 0, reason: 'merge', causeKey: mergeMarkerKey(fromId) });

  const trainingConsent = into.trainingConsent && from.trainingConsent;
  const marketingOptIn = into.marketingOptIn && from.marketingOptIn;
  const fromIsLaterPolicy = Boolean(
    from.policyAcceptedAt && (!into.policyAcceptedAt || from.policyAcceptedAt > into.policyAcceptedAt),
  );
  // Record consents the merge narrowed, so the consent history explains the current state.
  const narrowed = [
    ...(into.trainingConsent && !trainingConsent ? ['training'] : []),
    ...(into.marketingOptIn && !marketingOptIn ? ['marketing'] : []),
  ];
  for (const kind of narrowed) {
    await tx.consentEvent.create({
      data: {
        userId: intoId,
        kind,
        granted: false,
        policyVersion: into.policyVersion,
        platform: 'merge',
        createdAt: now,
      },
    });
  }

  // The Stripe customer id is unique: free it on the merged-away user before the survivor takes it.
  if (from.stripeCustomerId)
    await tx.user.update({ where: { id: fromId }, data: { stripeCustomerId: null } });
  await tx.user.delete({ where: { id: fromId } });
  return tx.user.update({
    where: { id: intoId },
    data: {
      plan: betterPlanName(into.plan, from.plan),
      credits: await ledgerBalance(tx, intoId),
      stripeCustomerId: into.stripeCustomerId ?? from.stripeCustomerId,
      locale: into.locale ?? from.locale,
      displayName: into.displayName ?? from.displayName,
      email: into.email ?? from.email,
      ageConfirmedAt: earliest(into.ageConfirmedAt, from.ageConfirmedAt),
      policyVersion: fromIsLaterPolicy ? from.policyVersion : into.policyVersion,
      policyAcceptedAt: fromIsLaterPolicy ? from.policyAcceptedAt : into.policyAcceptedAt,
      // A withdrawal of consent to processing on either identity stands until the person consents again.
      processingWithdrawnAt: latest(into.processingWithdrawnAt, from.processingWithdrawnAt),
      trainingConsent,
      marketingOptIn,
      policyUpdatesOptIn: into.policyUpdatesOptIn || from.policyUpdatesOptIn,
    },
  });
}

/**
 * The User an id refers to now, following merge markers (a Stripe object's metadata may name a
 * User that was merged into another since). Undefined when the user is gone (erased).
 */
export async function findUserFollowingMerges(
  db: Prisma.TransactionClient,
  userId: string | null | undefined,
): Promise<User | undefined> {
  let id = userId;
  for (let hop = 0; id && hop < 8; hop += 1) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const user = await db.user.findUnique({ where: { id } });
    if (user) return user;
    const marker = await db.creditLedger.findUnique({ where: { causeKey: mergeMarkerKey(id) } });
    id = marker?.userId;
  }
  return undefined;
}
