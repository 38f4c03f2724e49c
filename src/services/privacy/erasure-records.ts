/**
 * The rows erasure keeps, stripped of the person (part of `eraseUser`'s transaction): credit
 * ledger rows stay for accounting, the data-request audit stays as proof the requests were
 * answered, and child reports about the person are closed and stop naming them.
 */
import type { Prisma } from '../../db.ts';
import type { ErasureSummary } from './erasure.ts';
import { detailsOf } from './requests.ts';

/**
 * Ledger rows stay for accounting (amounts, reasons, dates, Stripe event ids) but lose the link
 * to the person: no user id, no generation id, and a cause key that named one of their ids is
 * replaced by a neutral one (it stays unique).
 */
export async function anonymiseLedger(
  tx: Prisma.TransactionClient,
  userId: string,
  personalIds: string[],
): Promise<number> {
  const rows = await tx.creditLedger.findMany({ where: { userId } });
  for (const row of rows) {
    const mentions = personalIds.some((id) => row.causeKey.includes(id));
    await tx.creditLedger.update({
      where: { id: row.id },
      data: { userId: null, generationId: null, ...(mentions ? { causeKey: `erased:${row.id}` } : {}) },
    });
  }
  return rows.length;
}

export async function closeChildReports(
  tx: Prisma.TransactionClient,
  identities: Array<{ platform: string; scope: string; platformUserId: string }>,
  now: Date,
): Promise<number> {
  if (!identities.length) return 0;
  const about = identities.map((i) => ({
    platform: i.platform,
    scope: i.scope,
    platformUserId: i.platformUserId,
  }));
  await tx.childReport.updateMany({
    where: { OR: about, status: 'open' },
    data: { status: 'erased', resolvedAt: now },
  });
  const { count } = await tx.childReport.updateMany({
    where: { OR: about },
    data: { platformUserId: '[erased]', details: null },
  });
  return count;
}

/**
 * The audit rows stay (proof the requests were answered) with the user id cleared, the keyed
 * subject hash kept, and nothing personal left in `details` (sealed reply targets go, except on
 * the request being answered, whose confirmation is still to be delivered).
 */
export async function detachRequests(
  tx: Prisma.TransactionClient,
  userId: string,
  requestId: string | undefined,
  summary: ErasureSummary,
  now: Date,
): Promise<number> {
  const rows = await tx.dataRequest.findMany({ where: { userId } });
  for (const row of rows) {
    const { replyTarget, ...rest } = detailsOf(row);
    if (row.id === requestId) {
      await tx.dataRequest.update({
        where: { id: row.id },
        data: {
          userId: null,
          status: 'completed',
          completedAt: now,
          error: null,
          details: {
            ...rest,
            ...(replyTarget ? { replyTarget } : {}),
            summary: { ...summary, dataRequestsKept: rows.length },
          } as Prisma.InputJsonValue,
        },
      });
    } else {
      const open = row.status === 'pending' || row.status === 'processing';
      await tx.dataRequest.update({
        where: { id: row.id },
        data: {
          userId: null,
          details: rest as Prisma.InputJsonValue,
          ...(open ? { status: 'cancelled', completedAt: now, error: 'account erased' } : {}),
        },
      });
    }
  }
  return rows.length;
}
