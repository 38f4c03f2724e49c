/**
 * Credit reservation for generations. Intake reserves inside the transaction that creates the
 * Generation; every path that ends a generation without a result (intake failure, moderation
 * block, cancel, model failure) releases it, so failed work is never charged.
 * (The accounts & billing work fills these in with CreditLedger rows.)
 */
import type { Db, Prisma } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';

/** Reserves what a generation costs for `user`. Runs inside the intake transaction. */
export async function reserveCredit(_tx: Prisma.TransactionClient, _user: User, _generationId: string): Promise<void> {}

/** Gives back a reservation (idempotent: releasing twice changes nothing). */
export async function releaseCredit(_db: Db, _generationId: string, _reason: string): Promise<void> {}
