/**
 * Credits. Every change of a user's balance is one CreditLedger row with a unique `causeKey`:
 *   reserve:<generationId>   -1 at intake, when the user has credits (credits are spent first)
 *   release:<generationId>   +1 when that generation fails, is blocked or is cancelled
 *   grant:invoice:<id>       monthly credits of a paid subscription invoice
 *   grant:pack:<sessionId>   a one-off credit pack bought through Checkout
 *   refund:<chargeId>:<amt>  credits taken back when a payment is refunded (cumulative amount)
 *   merge:<userId>           marker (delta 0) left when an account was merged into this one
 * Inserting the row and moving `User.credits` happen in one transaction, and the row is inserted
 * with ON CONFLICT DO NOTHING, so a job or webhook that runs twice changes the balance once.
 * `User.credits` is always the sum of the user's ledger rows.
 */
import type { Db, Prisma } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';

export const reserveKey = (generationId: string) => `reserve:${generationId}`;
export const releaseKey = (generationId: string) => `release:${generationId}`;

export interface LedgerEntry {
  userId: string;
  delta: number;
  reason: string;
  causeKey: string;
  generationId?: string;
  stripeEventId?: string;
}

/**
 * Appends a ledger row and moves the balance, once per `causeKey`. Returns false when that cause
 * was already recorded (nothing changed). One SQL statement, so it is atomic on its own and also
 * runs inside a caller's transaction.
 */
export async function applyLedgerEntry(
  tx: Prisma.TransactionClient | Db,
  entry: LedgerEntry,
): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    WITH inserted AS (
      INSERT INTO "CreditLedger" (id, "userId", delta, reason, "causeKey", "generationId", "stripeEventId")
      VALUES (gen_random_uuid(), ${entry.userId}::uuid, ${entry.delta}, ${entry.reason}, ${entry.causeKey},
              ${entry.generationId ?? null}::uuid, ${entry.stripeEventId ?? null})
      ON CONFLICT ("causeKey") DO NOTHING
      RETURNING "userId", delta
    ), moved AS (
      UPDATE "User" u SET credits = u.credits + i.delta, "updatedAt" = now()
      FROM inserted i WHERE u.id = i."userId" AND i.delta <> 0
    )
    SELECT "userId" AS id FROM inserted`;
  return rows.length === 1;
}

/** Records one credit change on its own (webhook grants and refunds). */
export async function recordCreditChange(db: Db, entry: LedgerEntry): Promise<boolean> {
  return applyLedgerEntry(db, entry);
}

/**
 * Reserves what a generation costs for `user`: one credit when they have any (credits are spent
 * before the free daily allowance), nothing otherwise. Runs inside the intake transaction, after
 * `assertWithinLimits` took the user's lock, so the balance it reads is current.
 */
export async function reserveCredit(
  tx: Prisma.TransactionClient,
  user: User,
  generationId: string,
): Promise<void> {
  // Conditional decrement: never below zero, even if the caller's `user` object is stale.
  const { count } = await tx.user.updateMany({
    where: { id: user.id, credits: { gt: 0 } },
    data: { credits: { decrement: 1 } },
  });
  if (count === 0) return;
  await tx.creditLedger.create({
    data: {
      userId: user.id,
      delta: -1,
      reason: 'generation',
      causeKey: reserveKey(generationId),
      generationId,
    },
  });
}

/**
 * Gives back a reservation (failed, blocked, cancelled or never queued). Idempotent: releasing
 * twice changes nothing, and a generation that reserved nothing releases nothing. The balance
 * goes back to whoever holds the reservation now (accounts may have been merged meanwhile).
 */
export async function releaseCredit(db: Db, generationId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    // Lock the reservation row: a concurrent account merge moves it, and we must credit its new owner.
    const rows = await tx.$queryRaw<Array<{ userId: string | null; delta: number }>>`
      SELECT "userId", delta FROM "CreditLedger" WHERE "causeKey" = ${reserveKey(generationId)} FOR UPDATE`;
    const reservation = rows[0];
    if (!reservation?.userId || reservation.delta >= 0) return;
    await applyLedgerEntry(tx, {
      userId: reservation.userId,
      delta: -reservation.delta,
      reason: `release:${reason}`.slice(0, 120),
      causeKey: releaseKey(generationId),
      generationId,
    });
  });
}

/** The user's balance recomputed from the ledger (tests and the merge use it). */
export async function ledgerBalance(tx: Prisma.TransactionClient | Db, userId: string): Promise<number> {
  const sum = await tx.creditLedger.aggregate({ where: { userId }, _sum: { delta: true } });
  return sum._sum.delta ?? 0;
}
