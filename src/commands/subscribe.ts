import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { createAccountLink } from '../services/accounts.ts';
import { type Product, startCheckout } from '../services/billing.ts';
import { resolveUser } from '../services/users.ts';
import { choiceOption } from './options.ts';
import { defineCommand } from './types.ts';

const PRODUCTS = ['pro', 'studio', 'credits'] as const satisfies readonly Product[];

export const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Buy a plan (more images, faster queue) or a pack of credits',
  ephemeral: true,
  options: z.object({
    plan: choiceOption(
      PRODUCTS,
      {
        pro: 'Pro — monthly credits, 4 parallel jobs',
        studio: 'Studio — most credits, 8 parallel jobs',
        credits: 'Credit pack — one-off',
      },
      'What to buy',
    ).default('pro'),
  }),
  async handler({ plan }, inv, { services }) {
    const locale = inv.actor.locale;
    if (!services.config.billingEnabled || !services.stripe) {
      return {
        text: t(locale, 'errors.billing_off'),
        ephemeral: true,
        tone: 'info',
      };
    }
    // Purchases belong to the person, not one chat account: with linking available, link first.
    if (services.config.linkingEnabled) {
      const user = await resolveUser(services.db, inv.actor);
      if (!user.clerkUserId) {
        const { url } = await createAccountLink(services, inv.actor);
        return {
          title: t(locale, 'subscribe.linkFirstTitle'),
          text: t(locale, 'subscribe.linkFirst', { url }),
          ephemeral: true,
          tone: 'warning',
        };
      }
    }
    const { url } = await startCheckout(services, inv.actor, plan);
    return {
      title: t(locale, plan === 'credits' ? 'subscribe.buyCreditsTitle' : 'subscribe.subscribeTitle'),
      text: t(locale, 'subscribe.checkout', { url }),
      ephemeral: true,
      tone: 'info',
    };
  },
});
