/**
 * Per-server daily image budgets (Discord guild / Slack workspace), set by the server's admins.
 * The adapters decide who is an admin (Discord: Manage Server; Slack: workspace admins/owners)
 * and say so in `Actor.isServerAdmin`; intake enforces the budget (limits.ts).
 */
import type { Invocation } from '../commands/types.ts';
import { UserFacingError } from '../errors.ts';
import type { ServerBudget } from '../generated/prisma/client.ts';
import type { Services } from './index.ts';
import { COUNTED_STATUSES, startOfUtcDay } from './limits.ts';

export const MAX_SERVER_DAILY_LIMIT = 100_000;

function serverOf(inv: Invocation): { platform: string; scope: string } {
  if (!inv.replyTarget.scope) {
    throw new UserFacingError('not_in_server');
  }
  return { platform: inv.actor.platform, scope: inv.replyTarget.scope };
}

function requireAdmin(inv: Invocation): void {
  if (!inv.actor.isServerAdmin) {
    throw new UserFacingError('not_server_admin');
  }
}

export interface BudgetStatus {
  budget: ServerBudget | null;
  usedToday: number;
}

export async function describeServerBudget(s: Services, inv: Invocation): Promise<BudgetStatus> {
  const server = serverOf(inv);
  const [budget, usedToday] = await Promise.all([
    s.db.serverBudget.findUnique({ where: { platform_scope: server } }),
    s.db.generation.count({
      where: {
        ...server,
        createdAt: { gte: startOfUtcDay(s.clock()) },
        status: { in: [...COUNTED_STATUSES] },
      },
    }),
  ]);
  return { budget, usedToday };
}

/** `/budget set`: the server's images per UTC day (0 switches generation off in the server). */
export async function setServerBudget(
  s: Services,
  inv: Invocation,
  dailyLimit: number,
): Promise<ServerBudget> {
  requireAdmin(inv);
  const server = serverOf(inv);
  return s.db.serverBudget.upsert({
    where: { platform_scope: server },
    create: { ...server, dailyLimit },
    update: { dailyLimit },
  });
}

/** `/budget clear`: no server limit any more (each user's own limits still apply). */
export async function clearServerBudget(s: Services, inv: Invocation): Promise<boolean> {
  requireAdmin(inv);
  const { count } = await s.db.serverBudget.deleteMany({ where: serverOf(inv) });
  return count > 0;
}
