import { z } from 'zod';
import type { AccountOverview } from '../services/accounts.ts';
import { createAccountLink, describeAccount, unlinkIdentity } from '../services/accounts.ts';
import { openBillingPortal } from '../services/billing.ts';
import type { Services } from '../services/index.ts';
import { defineCommand, defineSubcommand, type Invocation, type Reply } from './types.ts';

// Links, checkout and portal URLs are personal: every answer here is ephemeral (only the user sees
// it — as private as a DM; see docs/accounts.md).
const PLATFORM: Record<string, string> = { discord: 'Discord', slack: 'Slack', playground: 'Playground' };
const minutes = (until: Date, now: Date) =>
  Math.max(1, Math.round((until.getTime() - now.getTime()) / 60_000));

export function accountReply(a: AccountOverview): Reply {
  const { user, plan, subscription } = a;
  const renewal = subscription?.currentPeriodEnd
    ? ` — ${subscription.cancelAtPeriodEnd ? 'ends' : 'renews'} ${subscription.currentPeriodEnd.toISOString().slice(0, 10)}`
    : '';
  const identities = a.identities.map((i) =>
    i.scope
      ? `${PLATFORM[i.platform] ?? i.platform} (workspace ${i.scope})`
      : (PLATFORM[i.platform] ?? i.platform),
  );
  return {
    title: 'Your account',
    text: user.clerkUserId
      ? ''
      : 'Not linked yet — `/account link` joins your Discord and Slack accounts into one.',
    fields: [
      {
        name: 'Plan',
        value: `${plan.label}${subscription?.status === 'past_due' ? ' (payment overdue)' : ''}${renewal}`,
        inline: true,
      },
      { name: 'Credits', value: `${Math.max(0, user.credits)} (1 image each, used first)`, inline: true },
      {
        name: 'Free images',
        value: `${plan.dailyFreeImages} per day without credits · ${a.imagesToday} made today`,
        inline: false,
      },
      { name: 'Parallel jobs', value: String(plan.maxConcurrentJobs), inline: true },
      {
        name: 'Linked account',
        value: user.clerkUserId ? (user.email ?? 'linked') : 'not linked',
        inline: true,
      },
      { name: 'Chat accounts', value: identities.join(' · ') || '—', inline: false },
    ],
    ephemeral: true,
    tone: 'info',
  };
}

const status = (services: Services, inv: Invocation) =>
  describeAccount(services, inv.actor).then(accountReply);

export const account = defineCommand({
  name: 'account',
  description: 'Your plan, credits and linked accounts',
  ephemeral: true,
  handler: (_o, inv, { services }) => status(services, inv),
  subcommands: {
    status: defineSubcommand({
      description: 'Show your plan, credits and linked chat accounts',
      options: z.object({}),
      handler: (_o, inv, { services }) => status(services, inv),
    }),
    link: defineSubcommand({
      description: 'Link this chat account to your ImageGen account (one person across Discord and Slack)',
      options: z.object({}),
      async handler(_o, inv, { services }) {
        const { url, expiresAt } = await createAccountLink(services, inv.actor);
        return {
          title: 'Link your account',
          text: `Open this link within ${minutes(expiresAt, services.clock())} minutes and sign in:\n${url}\nIt works once. Only you can see this message — do not share the link.`,
          ephemeral: true,
          tone: 'info',
        };
      },
    }),
    unlink: defineSubcommand({
      description: 'Unlink this chat account from your ImageGen account',
      options: z.object({}),
      async handler(_o, inv, { services }) {
        const result = await unlinkIdentity(services, inv.actor);
        return {
          text:
            result === 'split'
              ? 'Unlinked. This chat account now starts fresh on the free plan; your plan, credits and history stay with your linked account.'
              : 'Unlinked. Your plan, credits and history stay with this chat account.',
          ephemeral: true,
          tone: 'success',
        };
      },
    }),
    billing: defineSubcommand({
      description: 'Manage your subscription, card and invoices (Stripe Customer Portal)',
      options: z.object({}),
      async handler(_o, inv, { services }) {
        const url = await openBillingPortal(services, inv.actor);
        return {
          title: 'Billing',
          text: `Manage your plan, card and invoices here (link valid for a short time):\n${url}`,
          ephemeral: true,
          tone: 'info',
        };
      },
    }),
  },
});
