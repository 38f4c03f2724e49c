/**
 * The vendor side of account erasure, used by the privacy work: `eraseBillingCustomer` cancels
 * live subscriptions and deletes the Stripe customer; `deleteIdentityProviderUser` deletes the
 * Clerk user. Both do nothing when the feature is off or the user never had the vendor record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deleteIdentityProviderUser } from '../../src/services/accounts.ts';
import { eraseBillingCustomer } from '../../src/services/billing.ts';
import { startTestBot, TEST_PRICES, type TestBot } from '../support/app.ts';
import { discordCommand, discordUser } from '../support/billing.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function userWith(bot: TestBot, data: { stripeCustomerId?: string; clerkUserId?: string }) {
  await discordCommand(bot, 'account', { subcommand: 'status' });
  const user = await discordUser(bot);
  return bot.database.db.user.update({ where: { id: user.id }, data });
}

describe('GIVEN an account being erased', () => {
  it('THEN live subscriptions are cancelled and the Stripe customer is deleted', async () => {
    t = await startTestBot({ roles: 'discord', billing: true });
    const customer = t.stripe!.putCustomer().id as string;
    t.stripe!.putSubscription({ id: 'sub_live', customer, price: TEST_PRICES.pro });
    t.stripe!.putSubscription({ id: 'sub_old', customer, price: TEST_PRICES.pro, status: 'canceled' });
    const user = await userWith(t, { stripeCustomerId: customer });
    await t.database.db.subscription.create({
      data: {
        userId: user.id,
        stripeSubscriptionId: 'sub_live',
        stripeCustomerId: customer,
        stripePriceId: TEST_PRICES.pro,
        plan: 'pro',
        status: 'active',
      },
    });

    expect(await eraseBillingCustomer(t.app.services, user)).toEqual({
      cancelledSubscriptions: 1,
      customerDeleted: true,
    });
    expect(t.stripe!.subscriptions.get('sub_live')!.status).toBe('canceled');
    expect(t.stripe!.customers.get(customer)).toMatchObject({ deleted: true });
    expect(t.stripe!.http.received('DELETE', '/v1/subscriptions/sub_old')).toHaveLength(0);
    expect((await t.database.db.subscription.findFirstOrThrow()).status).toBe('canceled');
    // Running it again (a retried erasure job) finds nothing left to do and does not fail.
    expect(await eraseBillingCustomer(t.app.services, user)).toEqual({
      cancelledSubscriptions: 0,
      customerDeleted: true,
    });
    expect(t.stripe!.contractErrors).toEqual([]);
  });

  it('THEN without a customer, or with billing off, nothing is called', async () => {
    t = await startTestBot({ roles: 'discord', billing: true });
    const user = await userWith(t, {});
    expect(await eraseBillingCustomer(t.app.services, user)).toEqual({
      cancelledSubscriptions: 0,
      customerDeleted: false,
    });
    expect(t.stripe!.http.requests).toHaveLength(0);
    await t.stop();

    t = await startTestBot({ roles: 'discord' });
    const offline = await userWith(t, { stripeCustomerId: 'cus_somewhere' });
    expect(await eraseBillingCustomer(t.app.services, offline)).toEqual({
      cancelledSubscriptions: 0,
      customerDeleted: false,
    });
  });

  it('THEN the Clerk user is deleted, an already-deleted one counts as deleted, and an unlinked user calls nothing', async () => {
    t = await startTestBot({ roles: 'discord', linking: true });
    t.clerk!.addUser({ id: 'user_2erase' });
    const linked = await userWith(t, { clerkUserId: 'user_2erase' });
    expect(await deleteIdentityProviderUser(t.app.services, linked)).toBe(true);
    expect(t.clerk!.deleted).toEqual(['user_2erase']);
    expect(await deleteIdentityProviderUser(t.app.services, linked)).toBe(true);

    const unlinked = await t.database.db.user.update({
      where: { id: linked.id },
      data: { clerkUserId: null },
    });
    const before = t.clerk!.http.requests.length;
    expect(await deleteIdentityProviderUser(t.app.services, unlinked)).toBe(false);
    expect(t.clerk!.http.requests).toHaveLength(before);
    expect(t.clerk!.contractErrors).toEqual([]);
  });
});
