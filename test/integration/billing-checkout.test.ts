/**
 * Buying through Stripe end to end with the real stripe-node against the fake: `/subscribe` sends a
 * private Checkout link (our user id as client_reference_id, our price, one customer reused), the
 * signed webhooks `checkout.session.completed` + `invoice.paid` arrive, and `/account` shows the
 * plan and credits. Credit packs (payment mode), the Customer Portal and "billing not configured".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, TEST_PRICES, type TestBot } from '../support/app.ts';
import { deliverWebhook, discordCommand, discordUser } from '../support/billing.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const CLERK_USER = 'user_2buyer';

/** A billing bot whose test user has already linked an account. */
async function billingBot(opts: { linking?: boolean } = {}) {
  const bot = await startTestBot({ roles: 'web,discord', billing: true, linking: opts.linking ?? true });
  await discordCommand(bot, 'account', { subcommand: 'status' });
  const user = await discordUser(bot);
  await bot.database.db.user.update({
    where: { id: user.id },
    data: { clerkUserId: CLERK_USER, email: 'buyer@example.test' },
  });
  return bot;
}

describe('GIVEN billing through Stripe', () => {
  it('THEN /subscribe creates a Checkout Session for our user and price, and the webhooks put plan and credits in /account', async () => {
    t = await billingBot();
    const shown = await discordCommand(t, 'subscribe', { options: { plan: 'pro' } });
    expect(shown.ephemeral).toBe(true);
    const user = await discordUser(t);
    const stripe = t.stripe!;

    // One customer, created with our user id, then one subscription-mode session.
    expect(stripe.customers.size).toBe(1);
    const customer = [...stripe.customers.values()][0]!;
    expect(customer.metadata).toEqual({ userId: user.id });
    expect(customer.email).toBe('buyer@example.test');
    expect(user.stripeCustomerId).toBe(customer.id);
    expect(stripe.checkoutSessions).toHaveLength(1);
    const session = stripe.checkoutSessions[0]!;
    expect(session.params).toMatchObject({
      mode: 'subscription',
      customer: customer.id,
      client_reference_id: user.id,
      line_items: [{ price: TEST_PRICES.pro, quantity: '1' }],
      subscription_data: { metadata: { userId: user.id, plan: 'pro' } },
    });
    expect(session.params.success_url).toContain('/billing/success');
    expect(shown.text).toContain(session.object.url);

    // Stripe completes the purchase: subscription active, first invoice paid.
    const sub = stripe.putSubscription({
      customer: customer.id,
      price: TEST_PRICES.pro,
      metadata: { userId: user.id },
    });
    const completed = { ...session.object, status: 'complete', payment_status: 'paid', subscription: sub.id };
    const invoice = stripe.putInvoice({
      customer: customer.id,
      subscription: sub.id,
      price: TEST_PRICES.pro,
    });
    expect((await deliverWebhook(t, stripe.event('checkout.session.completed', completed))).status).toBe(200);
    expect((await deliverWebhook(t, stripe.event('invoice.paid', invoice))).status).toBe(200);

    const account = await discordCommand(t, 'account', { subcommand: 'status' });
    expect(account.text).toContain('Pro');
    expect(account.text).toContain('300 (1 image each');
    expect(await t.database.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      plan: 'pro',
      credits: 300,
    });

    // A second purchase reuses the customer; an active plan is managed in the portal instead.
    const again = await discordCommand(t, 'subscribe', { options: { plan: 'studio' } });
    expect(again.text).toContain('/account billing');
    expect(stripe.checkoutSessions).toHaveLength(1);
    const portal = await discordCommand(t, 'account', { subcommand: 'billing' });
    expect(stripe.portalSessions).toHaveLength(1);
    expect(stripe.portalSessions[0]!.params).toMatchObject({ customer: customer.id });
    expect(portal.text).toContain(stripe.portalSessions[0]!.object.url);
    expect(portal.ephemeral).toBe(true);
    expect(stripe.contractErrors).toEqual([]);
  });

  it('THEN a credit pack is sold in payment mode and credited once the payment is complete', async () => {
    t = await billingBot();
    await discordCommand(t, 'subscribe', { options: { plan: 'credits' } });
    const user = await discordUser(t);
    const session = t.stripe!.checkoutSessions[0]!;
    expect(session.params).toMatchObject({
      mode: 'payment',
      client_reference_id: user.id,
      line_items: [{ price: TEST_PRICES.credits, quantity: '1' }],
      payment_intent_data: { metadata: { userId: user.id, product: 'credits', credits: '100' } },
    });
    // An unpaid completion (delayed payment method) grants nothing yet; the paid one grants once.
    const unpaid = t.stripe!.event('checkout.session.completed', {
      ...session.object,
      status: 'complete',
      payment_status: 'unpaid',
    });
    await deliverWebhook(t, unpaid);
    expect((await discordUser(t)).credits).toBe(0);
    const paid = t.stripe!.event('checkout.session.async_payment_succeeded', {
      ...session.object,
      status: 'complete',
      payment_status: 'paid',
    });
    await deliverWebhook(t, paid);
    await deliverWebhook(t, paid);
    expect((await discordUser(t)).credits).toBe(100);
    expect(t.stripe!.contractErrors).toEqual([]);
  });

  it('THEN /subscribe without a linked account says so and offers the link', async () => {
    t = await startTestBot({ roles: 'web,discord', billing: true, linking: true });
    const shown = await discordCommand(t, 'subscribe', { options: { plan: 'pro' } });
    expect(shown.text).toContain('need a linked account');
    expect(shown.text).toMatch(/\/link\/[A-Za-z0-9_-]{43}/);
    expect(t.stripe!.http.requests).toHaveLength(0);
  });

  it('THEN with billing not configured /subscribe says so plainly and the bot keeps working', async () => {
    t = await startTestBot({ roles: 'web,discord' });
    const shown = await discordCommand(t, 'subscribe', { options: { plan: 'pro' } });
    expect(shown.text).toContain('Billing is not configured on this server');
    const billing = await discordCommand(t, 'account', { subcommand: 'billing' });
    expect(billing.text).toContain('Billing is not configured');
    const status = await discordCommand(t, 'account', { subcommand: 'status' });
    expect(status.text).toContain('Free');
    const webhook = await fetch(`http://127.0.0.1:${t.app.port}/webhooks/stripe`, {
      method: 'POST',
      body: '{}',
    });
    expect(webhook.status).toBe(404);
  });
});
