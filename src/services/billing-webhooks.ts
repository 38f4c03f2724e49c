/**
 * Stripe webhooks. Stripe delivers events at least once, in any order, retried for days, so:
 * - the signature is checked on the raw body (300 s tolerance) before anything is stored;
 * - every event is stored by id (StripeEvent) and claimed once; a duplicate answers 200 at once;
 * - every effect is idempotent on its own: credits through ledger rows with unique cause keys, and
 *   plan state re-read from the Stripe API (the current subscription, the current charge) rather
 *   than taken from the event, so replaying or reordering events converges on the same state.
 * Stripe is never called inside a database transaction (see billing.ts).
 */
import type Stripe from 'stripe';
import type { Reply } from '../commands/types.ts';
import type { Db } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';
import { t } from '../i18n/index.ts';
import { hashId } from '../logger.ts';
import { findUserFollowingMerges } from './account-merge.ts';
import { isMissingResource, PLAN_GRANTING_STATUSES } from './billing.ts';
import { applyLedgerEntry, recordCreditChange } from './credits.ts';
import type { Services } from './index.ts';
import { betterPlanName, planFor, planForPrice } from './plans.ts';

/** Stripe's recommended signature tolerance. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** A claim older than this is taken to belong to a crashed process and may be retried. */
const STALE_CLAIM_MS = 10 * 60_000;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

type Outcome = 'processed' | 'ignored';

/** The web role's POST /webhooks/stripe, minus HTTP: verify, store, claim, process, record. */
export async function receiveStripeWebhook(
  s: Services,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookAnswer> {
  if (!s.stripe || !s.config.STRIPE_WEBHOOK_SECRET)
    return { status: 404, body: { error: 'billing is not configured' } };
  let event: Stripe.Event;
  try {
    event = s.stripe.webhooks.constructEvent(
      rawBody,
      signature ?? '',
      s.config.STRIPE_WEBHOOK_SECRET,
      WEBHOOK_TOLERANCE_SECONDS,
    );
  } catch {
    return { status: 400, body: { error: 'invalid signature' } };
  }
  // Store and claim in one statement: the first delivery inserts the row as ours; a redelivery
  // claims it only when an earlier attempt failed or was abandoned by a crashed process.
  const staleBefore = new Date(s.clock().getTime() - STALE_CLAIM_MS);
  const claimed = await s.db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "StripeEvent" (id, type, status, attempts) VALUES (${event.id}, ${event.type}, 'processing', 1)
    ON CONFLICT (id) DO UPDATE SET status = 'processing', attempts = "StripeEvent".attempts + 1
      WHERE "StripeEvent".status IN ('received', 'failed')
         OR ("StripeEvent".status = 'processing' AND "StripeEvent"."receivedAt" < ${staleBefore})
    RETURNING id`;
  if (claimed.length === 0) return { status: 200, body: { received: true, duplicate: true } };

  const log = s.log.child({ stripeEvent: event.id, type: event.type });
  try {
    const outcome = await processStripeEvent(s, event);
    await s.db.stripeEvent.update({
      where: { id: event.id },
      data: { status: outcome, processedAt: s.clock(), error: null },
    });
    log.info({ outcome }, 'stripe event handled');
    return { status: 200, body: { received: true, outcome } };
  } catch (err) {
    log.error({ err }, 'stripe event failed; Stripe will retry it');
    await s.db.stripeEvent.update({
      where: { id: event.id },
      data: { status: 'failed', error: (err as Error).message.slice(0, 500) },
    });
    return { status: 500, body: { error: 'processing failed; retry later' } };
  }
}

/** Routes one verified event to its handler. Unknown types are recorded as ignored. */
export async function processStripeEvent(s: Services, event: Stripe.Event): Promise<Outcome> {
  const stripe = s.stripe!;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return onCheckoutCompleted(s, stripe, event.data.object, event.id);
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return syncSubscription(s, stripe, event.data.object.id);
    case 'invoice.paid':
      return onInvoicePaid(s, stripe, event.data.object, event.id);
    case 'invoice.payment_failed':
      return onInvoicePaymentFailed(s, stripe, event.data.object, event.id);
    case 'charge.refunded':
      return onChargeRefunded(s, stripe, event.data.object.id, event.id);
    default:
      return 'ignored';
  }
}

const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : x?.id);

/**
 * The User behind a Stripe object: by customer id (ours, or a merged account's subscription),
 * then by the user id we put in its metadata (following merges), then by the customer's metadata.
 */
async function findBillingUser(
  s: Services,
  stripe: Stripe,
  ref: { customer?: string | null; userId?: string | null },
): Promise<User | undefined> {
  if (ref.customer) {
    const byCustomer = await s.db.user.findUnique({ where: { stripeCustomerId: ref.customer } });
    if (byCustomer) return byCustomer;
    const sub = await s.db.subscription.findFirst({
      where: { stripeCustomerId: ref.customer },
      include: { user: true },
    });
    if (sub) return sub.user;
  }
  const byMetadata = await findUserFollowingMerges(s.db, ref.userId);
  if (byMetadata || !ref.customer) return byMetadata;
  try {
    const customer = await stripe.customers.retrieve(ref.customer);
    return customer.deleted ? undefined : findUserFollowingMerges(s.db, customer.metadata?.userId);
  } catch (e) {
    if (isMissingResource(e)) return undefined;
    throw e;
  }
}

async function onCheckoutCompleted(
  s: Services,
  stripe: Stripe,
  session: Stripe.Checkout.Session,
  eventId: string,
): Promise<Outcome> {
  const customer = idOf(session.customer) ?? null;
  const user = await findBillingUser(s, stripe, {
    customer,
    userId: session.client_reference_id ?? session.metadata?.userId,
  });
  if (!user) return 'ignored';
  if (customer && !user.stripeCustomerId) {
    await s.db.user.updateMany({
      where: { id: user.id, stripeCustomerId: null },
      data: { stripeCustomerId: customer },
    });
  }
  if (session.mode === 'subscription') {
    const subscription = idOf(session.subscription);
    return subscription ? syncSubscription(s, stripe, subscription) : 'ignored';
  }
  // Payment mode: a credit pack, granted once per session — when the money has arrived.
  if (session.mode !== 'payment' || session.metadata?.product !== 'credits') return 'ignored';
  if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') return 'ignored';
  const credits = Number.parseInt(session.metadata?.credits ?? '', 10);
  if (!Number.isInteger(credits) || credits <= 0) return 'ignored';
  await recordCreditChange(s.db, {
    userId: user.id,
    delta: credits,
    reason: 'credit_pack',
    causeKey: `grant:pack:${session.id}`,
    stripeEventId: eventId,
  });
  return 'processed';
}

/**
 * Brings our Subscription row and the user's plan in line with the subscription as Stripe has it
 * *now* (retrieved, not taken from the event), so events in any order end in the same state.
 */
export async function syncSubscription(
  s: Services,
  stripe: Stripe,
  subscriptionId: string,
): Promise<Outcome> {
  let sub: Stripe.Subscription;
  try {
    sub = await stripe.subscriptions.retrieve(subscriptionId);
  } catch (e) {
    if (isMissingResource(e)) return 'ignored';
    throw e;
  }
  const customer = idOf(sub.customer) ?? '';
  const user = await findBillingUser(s, stripe, { customer, userId: sub.metadata?.userId });
  if (!user) return 'ignored';
  const item = sub.items?.data?.[0];
  const priceId = item?.price?.id ?? '';
  const plan = planForPrice(s.config, priceId) ?? planFor(s.config, sub.metadata?.plan ?? 'free');
  // Newer API versions moved the period to the items; older payloads have it on the subscription.
  const periodEnd =
    item?.current_period_end ?? (sub as unknown as { current_period_end?: number }).current_period_end;
  const data = {
    userId: user.id,
    stripeCustomerId: customer,
    stripePriceId: priceId,
    plan: plan.name,
    status: sub.status,
    currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
    cancelAtPeriodEnd: sub.cancel_at_period_end ?? false,
  };
  await s.db.$transaction(async (tx) => {
    await tx.subscription.upsert({
      where: { stripeSubscriptionId: sub.id },
      create: { stripeSubscriptionId: sub.id, ...data },
      update: data,
    });
    await refreshPlan(tx, user.id);
  });
  return 'processed';
}

/** The user's plan: the best plan among subscriptions that still grant one, else free. */
async function refreshPlan(
  tx: Parameters<Parameters<Db['$transaction']>[0]>[0],
  userId: string,
): Promise<void> {
  const live = await tx.subscription.findMany({
    where: { userId, status: { in: [...PLAN_GRANTING_STATUSES] } },
    select: { plan: true },
  });
  const plan = live.reduce((best, row) => betterPlanName(best, row.plan), 'free');
  await tx.user.update({ where: { id: userId }, data: { plan } });
}

/** The subscription an invoice belongs to, in old and new API shapes. */
function subscriptionOfInvoice(invoice: Stripe.Invoice): string | undefined {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  return idOf(invoice.parent?.subscription_details?.subscription) ?? idOf(legacy);
}

/** The recurring price an invoice charged for, in old and new API shapes. */
function priceOfInvoice(invoice: Stripe.Invoice): string | undefined {
  for (const line of invoice.lines?.data ?? []) {
    const modern = line.pricing?.price_details?.price;
    const legacy = (line as unknown as { price?: { id: string } | null }).price;
    const price = idOf(modern) ?? legacy?.id;
    if (price) return price;
  }
  return undefined;
}

/** Monthly credits: granted once per paid subscription invoice. */
async function onInvoicePaid(
  s: Services,
  stripe: Stripe,
  invoice: Stripe.Invoice,
  eventId: string,
): Promise<Outcome> {
  const subscriptionId = subscriptionOfInvoice(invoice);
  if (!subscriptionId) return 'ignored';
  // The plan may not be recorded yet (this event can come before customer.subscription.created).
  await syncSubscription(s, stripe, subscriptionId);
  const user = await findBillingUser(s, stripe, { customer: idOf(invoice.customer) });
  if (!user) return 'ignored';
  const row = await s.db.subscription.findUnique({ where: { stripeSubscriptionId: subscriptionId } });
  const plan =
    planForPrice(s.config, priceOfInvoice(invoice)) ?? (row ? planFor(s.config, row.plan) : undefined);
  if (!plan || plan.monthlyCredits <= 0 || !invoice.id) return 'ignored';
  await recordCreditChange(s.db, {
    userId: user.id,
    delta: plan.monthlyCredits,
    reason: `subscription:${plan.name}`,
    causeKey: `grant:invoice:${invoice.id}`,
    stripeEventId: eventId,
  });
  return 'processed';
}

/** Tells the user by direct message that a payment failed (once per event). */
async function onInvoicePaymentFailed(
  s: Services,
  stripe: Stripe,
  invoice: Stripe.Invoice,
  eventId: string,
): Promise<Outcome> {
  const user = await findBillingUser(s, stripe, { customer: idOf(invoice.customer) });
  if (!user) return 'ignored';
  const subscriptionId = subscriptionOfInvoice(invoice);
  if (subscriptionId) await syncSubscription(s, stripe, subscriptionId);
  const reply: Reply = {
    // Sent long after any interaction: no locale is known, so English.
    title: t(undefined, 'billingNotices.paymentFailedTitle'),
    text: t(undefined, 'billingNotices.paymentFailed'),
    tone: 'warning',
  };
  const sent = await notifyUser(s, user.id, reply, `stripe:${eventId}`);
  if (!sent)
    s.log.warn({ user: hashId(user.id) }, 'could not tell the user about a failed payment (no DM possible)');
  return 'processed';
}

/**
 * DMs the user on the first of their chat identities whose platform can send one. Returns false
 * when none could (no delivery wired, DMs closed).
 */
export async function notifyUser(s: Services, userId: string, reply: Reply, key: string): Promise<boolean> {
  const identities = await s.db.platformIdentity.findMany({
    where: { userId },
    orderBy: { updatedAt: 'desc' },
  });
  for (const identity of identities) {
    const delivery = s.deliveries[identity.platform as keyof Services['deliveries']];
    if (!delivery?.notify) continue;
    try {
      await delivery.notify(
        {
          platform: identity.platform as 'discord',
          scope: identity.scope,
          platformUserId: identity.platformUserId,
        },
        reply,
        key,
      );
      return true;
    } catch (err) {
      s.log.info(
        { err: { message: (err as Error).message }, platform: identity.platform },
        'direct message refused',
      );
    }
  }
  return false;
}

/**
 * A refund takes back the credits the payment bought, in proportion to the amount refunded. The
 * charge is re-read so every delivery of every refund event of a charge computes the same total;
 * each new total is one ledger row (`refund:<charge>:<amount refunded>`) holding the difference.
 */
async function onChargeRefunded(
  s: Services,
  stripe: Stripe,
  chargeId: string,
  eventId: string,
): Promise<Outcome> {
  const charge = await stripe.charges.retrieve(chargeId);
  if (!charge.amount || !charge.amount_refunded) return 'ignored';
  const purchase = await purchaseOfCharge(s, stripe, charge);
  if (!purchase) return 'ignored';
  const target = Math.floor((purchase.credits * charge.amount_refunded) / charge.amount);
  await s.db.$transaction(async (tx) => {
    const taken = await tx.creditLedger.aggregate({
      where: { causeKey: { startsWith: `refund:${charge.id}:` } },
      _sum: { delta: true },
    });
    const missing = target + (taken._sum.delta ?? 0);
    if (missing <= 0) return;
    await applyLedgerEntry(tx, {
      userId: purchase.user.id,
      delta: -missing,
      reason: 'refund',
      causeKey: `refund:${charge.id}:${charge.amount_refunded}`,
      stripeEventId: eventId,
    });
  });
  return 'processed';
}

/** What a charge paid for: a credit pack (our metadata on its PaymentIntent) or a plan invoice. */
async function purchaseOfCharge(
  s: Services,
  stripe: Stripe,
  charge: Stripe.Charge,
): Promise<{ user: User; credits: number } | undefined> {
  const paymentIntentId = idOf(charge.payment_intent);
  const intent = paymentIntentId ? await stripe.paymentIntents.retrieve(paymentIntentId) : undefined;
  if (intent?.metadata?.product === 'credits') {
    const user = await findBillingUser(s, stripe, {
      customer: idOf(charge.customer),
      userId: intent.metadata.userId,
    });
    const credits = Number.parseInt(intent.metadata.credits ?? '', 10);
    return user && credits > 0 ? { user, credits } : undefined;
  }
  const invoiceId = await invoiceOfCharge(stripe, charge, paymentIntentId);
  if (!invoiceId) return undefined;
  const invoice = await stripe.invoices.retrieve(invoiceId);
  const plan = planForPrice(s.config, priceOfInvoice(invoice));
  const user = await findBillingUser(s, stripe, { customer: idOf(invoice.customer) });
  return user && plan ? { user, credits: plan.monthlyCredits } : undefined;
}

/** Older API versions name the invoice on the charge; newer ones list it under invoice payments. */
async function invoiceOfCharge(
  stripe: Stripe,
  charge: Stripe.Charge,
  paymentIntentId: string | undefined,
): Promise<string | undefined> {
  const legacy = idOf((charge as unknown as { invoice?: string | { id: string } | null }).invoice);
  if (legacy || !paymentIntentId) return legacy;
  const payments = await stripe.invoicePayments.list({
    payment: { type: 'payment_intent', payment_intent: paymentIntentId },
    limit: 1,
  });
  return idOf(payments.data[0]?.invoice);
}
