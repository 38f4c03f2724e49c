import { z } from 'zod';
import { t } from '../i18n/index.ts';
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

export function accountReply(a: AccountOverview, locale?: string): Reply {
  const { user, plan, subscription } = a;
  const date = subscription?.currentPeriodEnd?.toISOString().slice(0, 10);
  const renewal = date
    ? t(locale, subscription?.cancelAtPeriodEnd ? 'account.ends' : 'account.renews', { date })
    : '';
  const identities = a.identities.map((i) => {
    const platform = PLATFORM[i.platform] ?? i.platform;
    return i.scope ? t(locale, 'account.workspace', { platform, scope: i.scope }) : platform;
  });
  return {
    title: t(locale, 'account.title'),
    text: user.clerkUserId ? '' : t(locale, 'account.notLinked'),
    fields: [
      {
        name: t(locale, 'account.plan'),
        value: `${plan.label}${subscription?.status === 'past_due' ? t(locale, 'account.pastDue') : ''}${renewal}`,
        inline: true,
      },
      {
        name: t(locale, 'account.credits'),
        value: t(locale, 'account.creditsValue', { credits: Math.max(0, user.credits) }),
        inline: true,
      },
      {
        name: t(locale, 'account.freeImages'),
        value: t(locale, 'account.freeImagesValue', { perDay: plan.dailyFreeImages, today: a.imagesToday }),
        inline: false,
      },
      { name: t(locale, 'account.parallelJobs'), value: String(plan.maxConcurrentJobs), inline: true },
      {
        name: t(locale, 'account.linkedAccount'),
        value: user.clerkUserId
          ? (user.email ?? t(locale, 'account.linked'))
          : t(locale, 'account.notLinkedShort'),
        inline: true,
      },
      { name: t(locale, 'account.chatAccounts'), value: identities.join(' · ') || '—', inline: false },
    ],
    ephemeral: true,
    tone: 'info',
  };
}

const status = (services: Services, inv: Invocation) =>
  describeAccount(services, inv.actor).then((a) => accountReply(a, inv.actor.locale));

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
          title: t(inv.actor.locale, 'account.linkTitle'),
          text: t(inv.actor.locale, 'account.link', { minutes: minutes(expiresAt, services.clock()), url }),
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
          text: t(inv.actor.locale, result === 'split' ? 'account.unlinkedSplit' : 'account.unlinked'),
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
          title: t(inv.actor.locale, 'account.billingTitle'),
          text: t(inv.actor.locale, 'account.billing', { url }),
          ephemeral: true,
          tone: 'info',
        };
      },
    }),
  },
});
