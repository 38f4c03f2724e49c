/**
 * Per-user limits checked at intake: concurrent jobs and the daily free quota. The check and the
 * insert of the new Generation happen in one transaction under a per-user advisory lock, so two
 * commands sent at once cannot both slip under a limit.
 */
import type { Config } from '../config.ts';
import type { Prisma } from '../db.ts';
import { formatWait, UserFacingError } from '../errors.ts';

/** Statuses that hold a concurrency slot. */
export const ACTIVE_STATUSES = ['intake', 'queued', 'processing'] as const;
/** Statuses that count against the daily quota: failed and cancelled work is never counted. */
export const COUNTED_STATUSES = ['intake', 'queued', 'processing', 'succeeded'] as const;

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Must run inside a transaction: takes the user's lock, then throws a UserFacingError if over a limit. */
export async function assertWithinLimits(
  tx: Prisma.TransactionClient,
  userId: string,
  config: Pick<Config, 'USER_MAX_CONCURRENT_JOBS' | 'FREE_DAILY_QUOTA'>,
  now: Date,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user:${userId}`}))`;
  const active = await tx.generation.count({ where: { userId, status: { in: [...ACTIVE_STATUSES] } } });
  if (active >= config.USER_MAX_CONCURRENT_JOBS) {
    throw new UserFacingError(
      'too_many_jobs',
      `You already have ${active} image${active === 1 ? '' : 's'} in progress (limit ${config.USER_MAX_CONCURRENT_JOBS}). ` +
        'Try again as soon as one finishes — `/jobs` shows their progress.',
    );
  }
  const dayStart = startOfUtcDay(now);
  const today = await tx.generation.count({
    where: { userId, createdAt: { gte: dayStart }, status: { in: [...COUNTED_STATUSES] } },
  });
  if (today >= config.FREE_DAILY_QUOTA) {
    const resetsIn = dayStart.getTime() + 24 * 3600_000 - now.getTime();
    throw new UserFacingError(
      'daily_quota',
      `You have used all ${config.FREE_DAILY_QUOTA} free images for today. ` +
        `The quota resets at 00:00 UTC (in ${formatWait(resetsIn)}).`,
    );
  }
}
