/**
 * Account erasure (`/privacy delete`, an operator acting on a child report, an under-13 answer).
 *
 * `eraseUser` removes everything personal about a User and is idempotent: erasing an erased user
 * is a no-op that says so. Order matters:
 *  1. block new generations (processingWithdrawnAt) and take queued jobs out of BullMQ;
 *  2. outside any transaction: delete the Clerk user and the Stripe customer (cancelling its
 *     subscriptions), and, with `immediate`, delete the images and purge the CDN — all of these
 *     tolerate "already gone", so a retried job simply repeats them;
 *  3. one transaction: schedule the images for the sweep (RetainedAsset, RETENTION_DAYS), strip
 *     the ledger and the request audit of anything that points at the person, close child reports
 *     about their identities, then delete the User (identities, link tokens, generations,
 *     subscriptions, consents and exports go with it by cascade).
 * What is kept, and why, is documented in docs/privacy.md.
 */
import type { User } from '../../generated/prisma/client.ts';
import { hashId } from '../../logger.ts';
import { deleteIdentityProviderUser } from '../accounts.ts';
import { eraseBillingCustomer } from '../billing.ts';
import type { Services } from '../index.ts';
import { ACTIVE_STATUSES } from '../limits.ts';
import { anonymiseLedger, closeChildReports, detachRequests } from './erasure-records.ts';

export interface ErasureOptions {
  /** Delete images now and purge the CDN, instead of keeping them RETENTION_DAYS. */
  immediate: boolean;
  /** The `delete` DataRequest this erasure answers: completed in the same transaction. */
  requestId?: string;
}

/** What an erasure did, without any personal data (it is stored in the audit row). */
export interface ErasureSummary {
  alreadyErased: boolean;
  identities: string[];
  generations: number;
  consentEvents: number;
  exports: number;
  subscriptions: number;
  queuedJobsRemoved: number;
  imagesDeletedNow: number;
  imagesRetained: number;
  /** ISO time after which the retained images are removed by the sweep. */
  imagesDeleteAfter: string | null;
  ledgerRowsAnonymised: number;
  dataRequestsKept: number;
  childReportsClosed: number;
  identityProviderUserDeleted: boolean;
  stripeCustomerDeleted: boolean;
  stripeSubscriptionsCancelled: number;
}

const EMPTY: ErasureSummary = {
  alreadyErased: true,
  identities: [],
  generations: 0,
  consentEvents: 0,
  exports: 0,
  subscriptions: 0,
  queuedJobsRemoved: 0,
  imagesDeletedNow: 0,
  imagesRetained: 0,
  imagesDeleteAfter: null,
  ledgerRowsAnonymised: 0,
  dataRequestsKept: 0,
  childReportsClosed: 0,
  identityProviderUserDeleted: false,
  stripeCustomerDeleted: false,
  stripeSubscriptionsCancelled: 0,
};

/** The summary of erasing someone who is already gone. */
export const alreadyErasedSummary = (): ErasureSummary => ({ ...EMPTY });

/** Result files a running job may still write: their extension is not known yet. */
const RESULT_EXTENSIONS = ['png', 'jpg', 'webp'];

interface StoredAsset {
  key: string;
  fileId: string | null;
}

export async function eraseUser(s: Services, userId: string, opts: ErasureOptions): Promise<ErasureSummary> {
  const user = await s.db.user.findUnique({
    where: { id: userId },
    include: {
      identities: true,
      generations: {
        select: {
          id: true,
          status: true,
          sourceKey: true,
          sourceFileId: true,
          resultKey: true,
          resultFileId: true,
        },
      },
      exports: { select: { storageKey: true } },
      dataRequests: {
        where: { kind: 'export', status: { in: ['pending', 'processing'] } },
        select: { id: true },
      },
      _count: { select: { consentEvents: true, subscriptions: true } },
    },
  });
  if (!user) return alreadyErasedSummary();
  const log = s.log.child({ user: hashId(user.id) });
  const now = s.clock();

  // 1. No new work for this user from here on, and nothing left waiting in the queues.
  await s.db.user.update({
    where: { id: user.id },
    data: { processingWithdrawnAt: user.processingWithdrawnAt ?? now },
  });
  let queuedJobsRemoved = 0;
  const running: string[] = [];
  for (const g of user.generations) {
    if (!(ACTIVE_STATUSES as readonly string[]).includes(g.status)) continue;
    const outcome = await s.queue.remove(g.id);
    if (outcome === 'removed') queuedJobsRemoved += 1;
    // A running job finds its row gone and stops, but may have written a result file first.
    if (outcome === 'active' || g.status === 'processing') running.push(g.id);
  }
  for (const r of user.dataRequests) {
    const job = await s.privacy.queue.getJob(`export-${r.id}`);
    if (job && (await job.getState()) !== 'active') {
      await job.remove().catch(() => undefined);
      queuedJobsRemoved += 1;
    }
  }

  // 2. Vendors and storage, never inside a transaction (slow, and they cannot be rolled back).
  const identityProviderUserDeleted = await deleteIdentityProviderUser(s, user);
  const billing = await eraseBillingCustomer(s, user);
  const assets = collectAssets(user.generations, running);
  for (const e of user.exports) await s.storage.delete(e.storageKey);
  if (opts.immediate) {
    for (const a of assets) await deleteAndPurge(s, a);
  }

  // 3. The database, in one transaction.
  const deleteAfter = new Date(now.getTime() + s.config.RETENTION_DAYS * 24 * 3600_000);
  const known = new Set(user.generations.map((g) => g.id));
  const personalIds = personalIdentifiers(
    user,
    user.generations.map((g) => g.id),
  );
  const summary = await s.db.$transaction(async (tx) => {
    // Same lock as intake: a generation being reserved right now either lands before this
    // re-read (and we retry to include it) or fails on the deleted user.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user:${user.id}`}))`;
    const current = await tx.generation.findMany({ where: { userId: user.id }, select: { id: true } });
    if (current.some((g) => !known.has(g.id)))
      throw new Error('a generation was added during erasure; retrying');

    if (!opts.immediate && assets.length) {
      await tx.retainedAsset.createMany({
        data: assets.map((a) => ({ storageKey: a.key, fileId: a.fileId, deleteAfter, createdAt: now })),
      });
    }
    const ledgerRowsAnonymised = await anonymiseLedger(tx, user.id, personalIds);
    const childReportsClosed = await closeChildReports(tx, user.identities, now);
    const base: ErasureSummary = {
      alreadyErased: false,
      identities: user.identities.map((i) => i.platform),
      generations: user.generations.length,
      consentEvents: user._count.consentEvents,
      exports: user.exports.length,
      subscriptions: user._count.subscriptions,
      queuedJobsRemoved,
      imagesDeletedNow: opts.immediate ? assets.length : 0,
      imagesRetained: opts.immediate ? 0 : assets.length,
      imagesDeleteAfter: !opts.immediate && assets.length ? deleteAfter.toISOString() : null,
      ledgerRowsAnonymised,
      dataRequestsKept: 0,
      childReportsClosed,
      identityProviderUserDeleted,
      stripeCustomerDeleted: billing.customerDeleted,
      stripeSubscriptionsCancelled: billing.cancelledSubscriptions,
    };
    base.dataRequestsKept = await detachRequests(tx, user.id, opts.requestId, base, now);
    await tx.user.delete({ where: { id: user.id } });
    return base;
  });
  log.info(
    { generations: summary.generations, imagesRetained: summary.imagesRetained, immediate: opts.immediate },
    'user erased',
  );
  return summary;
}

function collectAssets(
  generations: Array<{
    id: string;
    sourceKey: string | null;
    sourceFileId: string | null;
    resultKey: string | null;
    resultFileId: string | null;
  }>,
  running: string[],
): StoredAsset[] {
  const byKey = new Map<string, StoredAsset>();
  const add = (key: string | null, fileId: string | null) => {
    if (key && !byKey.has(key)) byKey.set(key, { key, fileId });
  };
  for (const g of generations) {
    add(g.sourceKey, g.sourceFileId);
    add(g.resultKey, g.resultFileId);
  }
  for (const id of running) for (const ext of RESULT_EXTENSIONS) add(`results/${id}.${ext}`, null);
  return [...byKey.values()];
}

/** Deletes a stored image and asks the CDN to forget it (deleting alone leaves cached copies). */
export async function deleteAndPurge(s: Services, asset: StoredAsset): Promise<void> {
  await s.storage.delete(asset.key, asset.fileId ?? undefined);
  if (s.storage.purge) await s.storage.purge(s.storage.url(asset.key));
}

function personalIdentifiers(
  user: User & { identities: Array<{ id: string; platformUserId: string }> },
  generationIds: string[],
): string[] {
  return [
    user.id,
    ...generationIds,
    ...user.identities.flatMap((i) => [i.id, i.platformUserId]),
    user.clerkUserId,
    user.stripeCustomerId,
  ].filter((x): x is string => Boolean(x));
}
