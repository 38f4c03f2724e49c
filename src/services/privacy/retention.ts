/**
 * The retention sweep, run by the worker on a BullMQ job scheduler (every RETENTION_SWEEP_MINUTES):
 * images of erased accounts whose retention period is over are deleted from storage and purged from
 * the CDN, export archives whose link has expired are deleted with their row, and chat users who
 * never answered the first-use age gate (and hold nothing else) are forgotten after a grace
 * period. A file that cannot be deleted now stays due and is tried again on the next run.
 */
import type { Services } from '../index.ts';
import { deleteAndPurge } from './erasure.ts';

export interface SweepResult {
  assetsDeleted: number;
  assetsFailed: number;
  exportsDeleted: number;
  unansweredUsersForgotten: number;
}

const BATCH = 200;
/** How long a first command's rows wait for an answer to the age gate before they are removed. */
export const UNANSWERED_GATE_GRACE_DAYS = 7;

export async function sweepRetention(s: Services, now: Date = s.clock()): Promise<SweepResult> {
  const result: SweepResult = {
    assetsDeleted: 0,
    assetsFailed: 0,
    exportsDeleted: 0,
    unansweredUsersForgotten: 0,
  };
  const failed = new Set<string>();
  for (;;) {
    const due = await s.db.retainedAsset.findMany({
      where: { deletedAt: null, deleteAfter: { lte: now }, id: { notIn: [...failed] } },
      orderBy: { deleteAfter: 'asc' },
      take: BATCH,
    });
    if (due.length === 0) break;
    for (const asset of due) {
      try {
        await deleteAndPurge(s, { key: asset.storageKey, fileId: asset.fileId });
        await s.db.retainedAsset.update({ where: { id: asset.id }, data: { deletedAt: s.clock() } });
        result.assetsDeleted += 1;
      } catch (err) {
        failed.add(asset.id);
        result.assetsFailed += 1;
        s.log.warn(
          { err: { message: (err as Error).message }, assetId: asset.id },
          'retained image not deleted; will retry',
        );
      }
    }
  }
  const expired = await s.db.dataExport.findMany({ where: { expiresAt: { lte: now } }, take: 1000 });
  for (const e of expired) {
    try {
      await s.storage.delete(e.storageKey);
      await s.db.dataExport.delete({ where: { id: e.id } });
      result.exportsDeleted += 1;
    } catch (err) {
      s.log.warn(
        { err: { message: (err as Error).message }, exportId: e.id },
        'expired export not deleted; will retry',
      );
    }
  }
  // Someone who ran a command, saw the age gate and never answered: we keep nothing of theirs.
  const { count } = await s.db.user.deleteMany({
    where: {
      ageConfirmedAt: null,
      policyVersion: null,
      createdAt: { lt: new Date(now.getTime() - UNANSWERED_GATE_GRACE_DAYS * 24 * 3600_000) },
      clerkUserId: null,
      stripeCustomerId: null,
      email: null,
      generations: { none: {} },
      ledger: { none: {} },
      subscriptions: { none: {} },
      consentEvents: { none: {} },
      dataRequests: { none: {} },
      exports: { none: {} },
    },
  });
  result.unansweredUsersForgotten = count;
  if (Object.values(result).some((n) => n > 0)) s.log.info(result, 'retention sweep');
  return result;
}
