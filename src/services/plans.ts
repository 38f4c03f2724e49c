/**
 * Plans: what each tier allows, in one place. The free plan's numbers come from config
 * (FREE_DAILY_QUOTA, USER_MAX_CONCURRENT_JOBS); paid tiers add monthly credits, more parallel jobs
 * and queue priority. Stripe price ids come from config (STRIPE_PRICE_*), so the same code sells
 * test-mode and live-mode prices. docs/accounts.md describes the plans for operators and users.
 */
import type { Config } from '../config.ts';
import type { User } from '../generated/prisma/client.ts';

export const PLAN_NAMES = ['free', 'pro', 'studio'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];
export type PaidPlanName = Exclude<PlanName, 'free'>;
export const PAID_PLAN_NAMES = ['pro', 'studio'] as const satisfies readonly PaidPlanName[];

export interface Plan {
  name: PlanName;
  label: string;
  /** Higher is more privileged (used when merging accounts and choosing among subscriptions). */
  rank: number;
  /** Credits granted on each paid invoice (each image costs one credit). */
  monthlyCredits: number;
  /** Images per UTC day that cost nothing, used when the user has no credits left. */
  dailyFreeImages: number;
  maxConcurrentJobs: number;
  /** BullMQ priority: lower runs first. */
  queuePriority: number;
  /** Recurring Stripe price that buys this plan (undefined: not for sale). */
  stripePriceId?: string;
}

/**
 * BullMQ runs jobs *without* a priority before every prioritised job, so every job gets one:
 * paid tiers low numbers (first), credit holders next, the free tier last.
 */
const PRIORITY = { studio: 1, pro: 2, credits: 3, free: 5 } as const;

/** Paid tiers' fixed terms; the free tier's limits come from config. */
const PAID_TERMS: Record<
  PaidPlanName,
  { label: string; rank: number; monthlyCredits: number; concurrent: number }
> = {
  pro: { label: 'Pro', rank: 1, monthlyCredits: 300, concurrent: 4 },
  studio: { label: 'Studio', rank: 2, monthlyCredits: 1500, concurrent: 8 },
};

type PlanConfig = Pick<
  Config,
  'FREE_DAILY_QUOTA' | 'USER_MAX_CONCURRENT_JOBS' | 'STRIPE_PRICE_PRO' | 'STRIPE_PRICE_STUDIO'
>;

export function listPlans(config: PlanConfig): Plan[] {
  const free: Plan = {
    name: 'free',
    label: 'Free',
    rank: 0,
    monthlyCredits: 0,
    dailyFreeImages: config.FREE_DAILY_QUOTA,
    maxConcurrentJobs: config.USER_MAX_CONCURRENT_JOBS,
    queuePriority: PRIORITY.free,
  };
  const prices: Record<PaidPlanName, string | undefined> = {
    pro: config.STRIPE_PRICE_PRO,
    studio: config.STRIPE_PRICE_STUDIO,
  };
  const paid = PAID_PLAN_NAMES.map((name): Plan => {
    const t = PAID_TERMS[name];
    return {
      name,
      label: t.label,
      rank: t.rank,
      monthlyCredits: t.monthlyCredits,
      // Paid users keep the free allowance for when their credits run out.
      dailyFreeImages: config.FREE_DAILY_QUOTA,
      maxConcurrentJobs: Math.max(t.concurrent, config.USER_MAX_CONCURRENT_JOBS),
      queuePriority: PRIORITY[name],
      ...(prices[name] ? { stripePriceId: prices[name] } : {}),
    };
  });
  return [free, ...paid];
}

/** The plan by name; unknown names (a plan retired since) fall back to free. */
export function planFor(config: PlanConfig, name: string): Plan {
  const plans = listPlans(config);
  return plans.find((p) => p.name === name) ?? (plans[0] as Plan);
}

/** The paid plan a recurring Stripe price buys, if any. */
export function planForPrice(config: PlanConfig, priceId: string | null | undefined): Plan | undefined {
  if (!priceId) return undefined;
  return listPlans(config).find((p) => p.stripePriceId === priceId);
}

export function isPaidPlanName(name: string): name is PaidPlanName {
  return (PAID_PLAN_NAMES as readonly string[]).includes(name);
}

/** The more privileged of two plan names (merging accounts keeps the better plan). */
export function betterPlanName(a: string, b: string): string {
  const rank = (n: string) => (isPaidPlanName(n) ? PAID_TERMS[n].rank : 0);
  return rank(b) > rank(a) ? b : a;
}

/** BullMQ priority for a user's jobs (lower runs first). Follows the plan as soon as it changes. */
export function queuePriorityFor(user: Pick<User, 'plan' | 'credits'>): number {
  if (isPaidPlanName(user.plan)) return PRIORITY[user.plan];
  return user.credits > 0 ? PRIORITY.credits : PRIORITY.free;
}
