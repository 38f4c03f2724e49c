/**
 * Limits checked at intake: concurrent jobs and the daily free allowance (both from the user's
 * plan), and the daily budget of the server (Discord guild / Slack workspace) the command came
 * from. The checks and the insert of the new Generation happen in one transaction under advisory
 * locks (the user's, then the server's — always in that order), so two commands sent at once
 * cannot both slip under a limit.
 */
import type { Config } from '../config.ts';
import type { Prisma } from '../db.ts';
import { formatWait, UserFacingError } from '../errors.ts';
import { reserveKey } from './credits.ts';
import { planFor } from './plans.ts';

/** Statuses that hold a concurrency slot. */
export const ACTIVE_STATUSES = ['intake', 'queued', 'processing'] as const;
/** Statuses that count against the daily quota: failed and cancelled work is never counted. */
export const COUNTED_STATUSES = ['intake', 'queued', 'processing', 'succeeded'] as const;

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export type LimitsConfig = Pick<
  Config,
  'USER_MAX_CONCURRENT_JOBS' | 'FREE_DAILY_QUOTA' | 'STRIPE_PRICE_PRO' | 'STRIPE_PRICE_STUDIO'
> &
  Partial<Pick<Config, 'billingEnabled'>>;

/** Where a request came from, for the server's daily budget (scope "" = a DM: no budget). */
export interface RequestOrigin {
  platform: string;
  scope: string;
}

/** Must run inside a transaction: takes the locks, then throws a UserFacingError if over a limit. */
export async function assertWithinLimits(
  tx: Prisma.TransactionClient,
  userId: string,
  config: LimitsConfig,
  now: Date,
  origin?: RequestOrigin,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user:${userId}`}))`;
  // Read under the lock: the plan and balance a webhook or another command just changed.
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { plan: true, credits: true },
  });
  const plan = planFor(config, user.plan);
  const active = await tx.generation.count({ where: { userId, status: { in: [...ACTIVE_STATUSES] } } });
  if (active >= plan.maxConcurrentJobs) {
    throw new UserFacingError('too_many_jobs', {
      count: active,
      limit: plan.maxConcurrentJobs,
      plan: plan.label,
    });
  }
  const dayStart = startOfUtcDay(now);
  // With credits the image is paid for (reserveCredit); without, it uses the free allowance.
  if (user.credits <= 0) {
    const freeToday = await countFreeImagesSince(tx, userId, dayStart);
    if (freeToday >= plan.dailyFreeImages) {
      const resetsIn = dayStart.getTime() + 24 * 3600_000 - now.getTime();
      throw new UserFacingError('daily_quota', {
        limit: plan.dailyFreeImages,
        wait: formatWait(resetsIn),
        ...(config.billingEnabled ? { context: 'billing' } : {}),
      });
    }
  }
  if (origin?.scope) await assertWithinServerBudget(tx, origin, now);
}

/** Today's images of the user that were not paid with a credit. */
async function countFreeImagesSince(
  tx: Prisma.TransactionClient,
  userId: string,
  since: Date,
): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ n: bigint }>>`
    SELECT count(*) AS n FROM "Generation" g
    WHERE g."userId" = ${userId}::uuid AND g."createdAt" >= ${since}
      AND g.status::text = ANY(${[...COUNTED_STATUSES]}::text[])
      AND NOT EXISTS (SELECT 1 FROM "CreditLedger" l WHERE l."causeKey" = ${reserveKey('')} || g.id::text)`;
  return Number(rows[0]?.n ?? 0);
}

/** The server's daily budget, set by its admins with `/budget set`. */
export async function assertWithinServerBudget(
  tx: Prisma.TransactionClient,
  origin: RequestOrigin,
  now: Date,
): Promise<void> {
  const budget = await tx.serverBudget.findUnique({
    where: { platform_scope: { platform: origin.platform, scope: origin.scope } },
  });
  if (!budget) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`server:${origin.platform}:${origin.scope}`}))`;
  const dayStart = startOfUtcDay(now);
  const used = await tx.generation.count({
    where: {
      platform: origin.platform,
      scope: origin.scope,
      createdAt: { gte: dayStart },
      status: { in: [...COUNTED_STATUSES] },
    },
  });
  if (used >= budget.dailyLimit) {
    const resetsIn = dayStart.getTime() + 24 * 3600_000 - now.getTime();
    throw new UserFacingError(
      'server_budget',
      budget.dailyLimit === 0 ? { context: 'off' } : { limit: budget.dailyLimit, wait: formatWait(resetsIn) },
    );
  }
}
