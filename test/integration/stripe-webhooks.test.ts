/**
 * Stripe webhooks through the web role, signed for real with `generateTestHeaderString`: every
 * event delivered three times in shuffled order ends in the same ledger and plan as each delivered
 * once in order; forged or stale signatures are refused with 400 and leave no trace; a failed
 * payment is told to the user by DM; refunds take credits back; plan changes apply at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeStripe } from '../fakes/stripe.ts';
import { startTestBot, TEST_PRICES, type TestBot } from '../support/app.ts';
import { deliverWebhook, discordCommand, discordUser, ledgerOf } from '../support/billing.ts';
import { TEST_USER_ID } from '../support/discord-interactions.ts';

const bots: TestBot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});

async function billingBot(): Promise<{ bot: TestBot; userId: string; customer: string }> {
  const bot = await startTestBot({ roles: 'web,discord', billing: true });
  bots.push(bot);
  await discordCommand(bot, 'account', { subcommand: 'status' });
  const user = await discordUser(bot);
  const customer = bot.stripe!.putCustomer({ metadata: { userId: user.id } }).id as string;
  await bot.database.db.user.update({ where: { id: user.id }, data: { stripeCustomerId: customer } });
  return { bot, userId: user.id, customer };
}

/**
 * A month of one customer's billing, as events, with the fake holding the final state: Pro bought
 * and paid, upgraded to Studio and paid, a credit pack bought and half refunded, a later payment
 * failed. Ids are fixed so two bots see the same story.
 */
function story(stripe: FakeStripe, userId: string, customer: string) {
  const subscription = 'sub_story';
  const started = stripe.putSubscription({
    id: subscription,
    customer,
    price: TEST_PRICES.pro,
    metadata: { userId },
  });
  const upgraded = stripe.putSubscription({
    id: subscription,
    customer,
    price: TEST_PRICES.studio,
    metadata: { userId },
  });
  const intent = stripe.putPaymentIntent({
    id: 'pi_pack',
    amount: 1000,
    customer,
    metadata: { userId, product: 'credits', credits: '100' },
  });
  stripe.putCharge({ id: 'ch_pack', amount: 1000, amountRefunded: 500, customer, paymentIntent: intent.id });
  const session = (extra: Record<string, unknown>) => ({
    id: `cs_test_${extra.mode}`,
    object: 'checkout.session',
    customer,
    client_reference_id: userId,
    status: 'complete',
    payment_status: 'paid',
    ...extra,
  });
  return [
    stripe.event(
      'checkout.session.completed',
      session({ mode: 'subscription', subscription, metadata: { userId, product: 'pro' } }),
      'evt_01',
    ),
    stripe.event('customer.subscription.created', started, 'evt_02'),
    stripe.event(
      'invoice.paid',
      stripe.putInvoice({ id: 'in_1', customer, subscription, price: TEST_PRICES.pro }),
      'evt_03',
    ),
    stripe.event('customer.subscription.updated', upgraded, 'evt_04'),
    stripe.event(
      'invoice.paid',
      stripe.putInvoice({ id: 'in_2', customer, subscription, price: TEST_PRICES.studio }),
      'evt_05',
    ),
    stripe.event(
      'checkout.session.completed',
      session({
        mode: 'payment',
        payment_intent: intent.id,
        metadata: { userId, product: 'credits', credits: '100' },
      }),
      'evt_06',
    ),
    stripe.event('charge.refunded', stripe.charges.get('ch_pack')!, 'evt_07'),
    stripe.event(
      'invoice.payment_failed',
      stripe.putInvoice({ id: 'in_3', customer, subscription, price: TEST_PRICES.studio, status: 'open' }),
      'evt_08',
    ),
  ];
}

/** Deterministic shuffle (so a failure can be replayed). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function finalState(bot: TestBot, userId: string) {
  const user = await bot.database.db.user.findUniqueOrThrow({ where: { id: userId } });
  const subs = await bot.database.db.subscription.findMany({ where: { userId } });
  return {
    plan: user.plan,
    credits: user.credits,
    ledger: await ledgerOf(bot, userId),
    subscriptions: subs.map((s) => ({ id: s.stripeSubscriptionId, plan: s.plan, status: s.status })),
    dms: bot.discord.channelMessages.length,
  };
}

describe('GIVEN Stripe webhooks', () => {
  it('THEN every event delivered 3 times in shuffled order gives the same ledger and plan as once in order', async () => {
    const inOrder = await billingBot();
    for (const event of story(inOrder.bot.stripe!, inOrder.userId, inOrder.customer)) {
      expect((await deliverWebhook(inOrder.bot, event)).status).toBe(200);
    }
    const expected = await finalState(inOrder.bot, inOrder.userId);
    expect(expected).toMatchObject({ plan: 'studio', credits: 300 + 1500 + 100 - 50, dms: 1 });
    expect(expected.ledger.map((l) => l.causeKey)).toEqual([
      'grant:invoice:in_1',
      'grant:invoice:in_2',
      'grant:pack:cs_test_payment',
      'refund:ch_pack:500',
    ]);

    const replayed = await billingBot();
    const events = story(replayed.bot.stripe!, replayed.userId, replayed.customer);
    for (const event of shuffled([...events, ...events, ...events], 7)) {
      expect((await deliverWebhook(replayed.bot, event)).status).toBe(200);
    }
    const got = await finalState(replayed.bot, replayed.userId);
    expect(got).toEqual(expected);
    const stored = await replayed.bot.database.db.stripeEvent.findMany();
    expect(stored).toHaveLength(8);
    expect(stored.every((e) => e.status === 'processed' && e.attempts === 1)).toBe(true);
    expect(replayed.bot.stripe!.contractErrors).toEqual([]);
  });

  it('THEN a forged or stale signature is refused with 400 and nothing is recorded', async () => {
    const { bot, userId, customer } = await billingBot();
    const invoice = bot.stripe!.putInvoice({ customer, subscription: 'sub_x', price: TEST_PRICES.pro });
    bot.stripe!.putSubscription({ id: 'sub_x', customer, price: TEST_PRICES.pro });
    const event = bot.stripe!.event('invoice.paid', invoice);

    const forged = await deliverWebhook(bot, event, { secret: 'whsec_not_ours' });
    const stale = await deliverWebhook(bot, event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const missing = await deliverWebhook(bot, event, { header: '' });
    const signed = bot.stripe!.signedDelivery(event);
    const tampered = await deliverWebhook(bot, event, {
      header: signed.header,
      payload: signed.payload.replace(TEST_PRICES.pro, TEST_PRICES.studio),
    });
    for (const answer of [forged, stale, missing, tampered]) expect(answer.status).toBe(400);
    expect(await bot.database.db.stripeEvent.count()).toBe(0);
    expect(await bot.database.db.creditLedger.count()).toBe(0);
    expect((await bot.database.db.user.findUniqueOrThrow({ where: { id: userId } })).plan).toBe('free');
    expect(bot.stripe!.http.requests).toHaveLength(0);
  });

  it('THEN a failed payment is told to the user by DM, once', async () => {
    const { bot, customer } = await billingBot();
    bot.stripe!.putSubscription({ id: 'sub_f', customer, price: TEST_PRICES.pro, status: 'past_due' });
    const event = bot.stripe!.event(
      'invoice.payment_failed',
      bot.stripe!.putInvoice({ customer, subscription: 'sub_f', price: TEST_PRICES.pro, status: 'open' }),
    );
    await deliverWebhook(bot, event);
    await deliverWebhook(bot, event);
    const dm = bot.discord.callsTo('dmChannel');
    expect(dm).toHaveLength(1);
    expect(dm[0]!.payload).toEqual({ recipient_id: TEST_USER_ID });
    expect(bot.discord.channelMessages).toHaveLength(1);
    expect(JSON.stringify(bot.discord.channelMessages[0])).toContain('/account billing');
    // past_due keeps the plan while Stripe retries.
    expect((await discordUser(bot)).plan).toBe('pro');
  });

  it('THEN a cancelled subscription returns the user to free at once, and the limits follow', async () => {
    const { bot, userId, customer } = await billingBot();
    bot.stripe!.putSubscription({ id: 'sub_c', customer, price: TEST_PRICES.pro });
    await deliverWebhook(
      bot,
      bot.stripe!.event('customer.subscription.created', bot.stripe!.subscriptions.get('sub_c')!),
    );
    expect((await discordUser(bot)).plan).toBe('pro');
    expect((await discordCommand(bot, 'account', { subcommand: 'status' })).text).toContain('"value":"4"');

    const ended = bot.stripe!.putSubscription({
      id: 'sub_c',
      customer,
      price: TEST_PRICES.pro,
      status: 'canceled',
    });
    await deliverWebhook(bot, bot.stripe!.event('customer.subscription.deleted', ended));
    const user = await bot.database.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.plan).toBe('free');
    expect((await discordCommand(bot, 'account', { subcommand: 'status' })).text).toContain('"value":"2"');
  });

  it("THEN a full refund of a plan invoice takes back that invoice's credits", async () => {
    const { bot, userId, customer } = await billingBot();
    const stripe = bot.stripe!;
    stripe.putSubscription({ id: 'sub_r', customer, price: TEST_PRICES.pro });
    stripe.putPaymentIntent({ id: 'pi_inv', amount: 1500, customer });
    const invoice = stripe.putInvoice({
      id: 'in_r',
      customer,
      subscription: 'sub_r',
      price: TEST_PRICES.pro,
      paymentIntent: 'pi_inv',
    });
    await deliverWebhook(bot, stripe.event('invoice.paid', invoice));
    const charge = stripe.putCharge({
      id: 'ch_inv',
      amount: 1500,
      amountRefunded: 1500,
      customer,
      paymentIntent: 'pi_inv',
    });
    await deliverWebhook(bot, stripe.event('charge.refunded', charge));
    expect(await ledgerOf(bot, userId)).toEqual([
      { causeKey: 'grant:invoice:in_r', delta: 300 },
      { causeKey: 'refund:ch_inv:1500', delta: -300 },
    ]);
    expect((await discordUser(bot)).credits).toBe(0);
  });

  it('THEN events of unknown types or unknown customers are stored and acknowledged as ignored', async () => {
    const { bot } = await billingBot();
    const other = await deliverWebhook(
      bot,
      bot.stripe!.event('customer.created', { id: 'cus_x', object: 'customer' }),
    );
    expect(other).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    bot.stripe!.putSubscription({ id: 'sub_stranger', customer: 'cus_stranger', price: TEST_PRICES.pro });
    const stranger = await deliverWebhook(
      bot,
      bot.stripe!.event('customer.subscription.created', bot.stripe!.subscriptions.get('sub_stranger')!),
    );
    expect(stranger).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    expect((await bot.database.db.stripeEvent.findMany()).map((e) => e.status)).toEqual([
      'ignored',
      'ignored',
    ]);
  });

  it('THEN a processing failure answers 500 so Stripe retries, and the retry succeeds', async () => {
    const { bot, customer } = await billingBot();
    bot.stripe!.putSubscription({ id: 'sub_e', customer, price: TEST_PRICES.pro });
    const event = bot.stripe!.event('customer.subscription.updated', bot.stripe!.subscriptions.get('sub_e')!);
    bot.stripe!.http.failNext(
      'GET',
      '/v1/subscriptions/:id',
      { status: 500, body: { error: { type: 'api_error', message: 'boom' } } },
      3,
    );
    expect((await deliverWebhook(bot, event)).status).toBe(500);
    expect((await bot.database.db.stripeEvent.findFirstOrThrow()).status).toBe('failed');
    expect((await deliverWebhook(bot, event)).status).toBe(200);
    expect((await bot.database.db.stripeEvent.findFirstOrThrow()).status).toBe('processed');
    expect((await discordUser(bot)).plan).toBe('pro');
  });
});
