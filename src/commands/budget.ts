import { z } from 'zod';
import { t } from '../i18n/index.ts';
import type { Services } from '../services/index.ts';
import {
  clearServerBudget,
  describeServerBudget,
  MAX_SERVER_DAILY_LIMIT,
  setServerBudget,
} from '../services/server-budgets.ts';
import { defineCommand, defineSubcommand, type Invocation, type Reply } from './types.ts';

async function showBudget(services: Services, inv: Invocation, notice?: string): Promise<Reply> {
  const locale = inv.actor.locale;
  const { budget, usedToday } = await describeServerBudget(services, inv);
  const line = budget
    ? t(locale, 'budget.limit', { count: budget.dailyLimit, used: usedToday })
    : t(locale, 'budget.none', { count: usedToday });
  return {
    title: t(locale, 'budget.title'),
    text: [notice, line].filter(Boolean).join('\n'),
    ephemeral: true,
    tone: 'info',
  };
}

const show = defineSubcommand({
  description: "Show this server's daily image budget",
  options: z.object({}),
  handler: (_o, inv, { services }) => showBudget(services, inv),
});

export const budget = defineCommand({
  name: 'budget',
  description: "This server's daily image budget (admins can change it)",
  ephemeral: true,
  handler: (_o, inv, { services }) => showBudget(services, inv),
  subcommands: {
    show,
    set: defineSubcommand({
      description: 'Set how many images this server may make per day (admins only)',
      options: z.object({
        limit: z.coerce
          .number()
          .int()
          .min(0)
          .max(MAX_SERVER_DAILY_LIMIT)
          .describe('Images per day for the whole server (0 switches generation off here)'),
      }),
      async handler({ limit }, inv, { services }) {
        await setServerBudget(services, inv, limit);
        return showBudget(services, inv, t(inv.actor.locale, 'budget.saved'));
      },
    }),
    clear: defineSubcommand({
      description: "Remove this server's daily budget (admins only)",
      options: z.object({}),
      async handler(_o, inv, { services }) {
        const removed = await clearServerBudget(services, inv);
        return showBudget(
          services,
          inv,
          t(inv.actor.locale, removed ? 'budget.removed' : 'budget.nothingToRemove'),
        );
      },
    }),
  },
});
