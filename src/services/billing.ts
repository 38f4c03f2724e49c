/**
 * Stripe billing: Checkout links for plans (subscription mode) and credit packs (payment mode),
 * Customer Portal links, and the clean-up used by account erasure. Webhook processing, which is
 * where plans and credits actually change, lives in `billing-webhooks.ts`.
 *
 * Never call Stripe inside a database transaction: a Stripe call can take seconds (network,
 * stripe-node's retries), and holding row locks or a pooled connection that long stalls every
 * other request touching the same user; worse, a rolled-back transaction cannot un-create the
 * Stripe object. So we read what we need, call Stripe outside, then write the result.
 */
import type Stripe from 'stripe';
import type { Actor } from '../commands/types.ts';
import { UserFacingError } from '../errors.ts';
import type { User } from '../generated/prisma/client.ts';
import type { Services } from './index.ts';
import { isPaidPlanName, type PaidPlanName, planFor } from './plans.ts';
import { resolveUser } from './users.ts';

/** What `/subscribe` sells: a paid plan, or a one-off pack of credits. */
export type Product = PaidPlanName | 'credits';

/** Statuses of a subscription that still grant its plan. */
export const PLAN_GRANTING_STATUSES = ['active', 'trialing', 'past_due'] as const;
/** Statuses of a Stripe subscription that can still bill the customer (so erasure cancels them). */
const LIVE_SUBSCRIPTION_STATUSES = new Set([
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'incomplete',
  'paused',
]);

/** The Stripe client, or a plain "not configured" answer for the user. */
export function requireStripe(s: Services): Stripe {
  if (!s.stripe || !s.config.billingEnabled) {
    throw new UserFacingError('billing_off');
  }
  return s.stripe;
}

const baseUrl = (s: Services) => s.config.PUBLIC_URL.replace(/\/+$/, '');

/**
 * The user's Stripe customer, created on first purchase (so every later webhook maps to the user
 * by customer id, whatever order events arrive in). The idempotency key makes concurrent first
 * purchases share one customer.
 */
export async function ensureStripeCustomer(s: Services, stripe: Stripe, user: User): Promise<string> {
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const customer = await stripe.customers.create(
    {
      metadata: { userId: user.id },
      ...(user.email ? { email: user.email } : {}),
      ...(user.displayName ? { name: user.displayName } : {}),
    },
    { idempotencyKey: `customer-create-${user.id}` },
  );
  const { count } = await s.db.user.updateMany({
    where: { id: user.id, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  if (count === 1) return customer.id;
  const fresh = await s.db.user.findUniqueOrThrow({ where: { id: user.id } });
  return fresh.stripeCustomerId ?? customer.id;
}

export interface CheckoutLink {
  url: string;
  product: Product;
}

/**
 * `/subscribe`: a Checkout Session for a plan (subscription mode) or a credit pack (payment mode),
 * with `client_reference_id` and metadata naming our user and the user's customer reused.
 */
export async function startCheckout(s: Services, actor: Actor, product: Product): Promise<CheckoutLink> {
  const stripe = requireStripe(s);
  const user = await resolveUser(s.db, actor);
  const price = priceFor(s, product);
  if (isPaidPlanName(product)) {
    const current = await s.db.subscription.findFirst({
      where: { userId: user.id, status: { in: [...PLAN_GRANTING_STATUSES] } },
    });
    if (current) {
      throw new UserFacingError('already_subscribed', { plan: planFor(s.config, current.plan).label });
    }
  }
  const customer = await ensureStripeCustomer(s, stripe, user);
  const metadata = { userId: user.id, product };
  const common = {
    customer,
    client_reference_id: user.id,
    line_items: [{ price, quantity: 1 }],
    success_url: `${baseUrl(s)}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${baseUrl(s)}/billing/cancel`,
  } satisfies Stripe.Checkout.SessionCreateParams;
  const session =
    product === 'credits'
      ? await stripe.checkout.sessions.create({
          ...common,
          mode: 'payment',
          metadata: { ...metadata, credits: String(s.config.CREDIT_PACK_CREDITS) },
          // Refunds arrive as charges: the payment's metadata tells us what to take back.
          payment_intent_data: { metadata: { ...metadata, credits: String(s.config.CREDIT_PACK_CREDITS) } },
        })
      : await stripe.checkout.sessions.create({
          ...common,
          mode: 'subscription',
          metadata,
          subscription_data: { metadata: { userId: user.id, plan: product } },
        });
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
  return { url: session.url, product };
}

function priceFor(s: Services, product: Product): string {
  const price =
    product === 'credits' ? s.config.STRIPE_PRICE_CREDIT_PACK : planFor(s.config, product).stripePriceId;
  if (!price) {
    throw new UserFacingError(
      'product_unavailable',
      product === 'credits'
        ? { context: 'credits' }
        : { context: 'plan', plan: planFor(s.config, product).label },
    );
  }
  return price;
}

/** `/account billing`: a Customer Portal link (cancel, change plan, update the card, invoices). */
export async function openBillingPortal(s: Services, actor: Actor): Promise<string> {
  const stripe = requireStripe(s);
  const user = await resolveUser(s.db, actor);
  if (!user.stripeCustomerId) {
    throw new UserFacingError('no_billing_account');
  }
  const session = await stripe.billingPortal.sessions.create({
    customer: user.stripeCustomerId,
    return_url: `${baseUrl(s)}/billing/return`,
  });
  return session.url;
}

/**
 * For account erasure: cancels every live subscription of the user's Stripe customer and deletes
 * the customer. No-op (zeros) when billing is off or the user never had a customer. A customer
 * already deleted on Stripe's side counts as deleted.
 */
export async function eraseBillingCustomer(
  s: Services,
  user: User,
): Promise<{ cancelledSubscriptions: number; customerDeleted: boolean }> {
  const stripe = s.stripe;
  if (!stripe) return { cancelledSubscriptions: 0, customerDeleted: false };
  // A merged account may have paid through more than one customer: clean up each of them.
  const rows = await s.db.subscription.findMany({
    where: { userId: user.id },
    select: { stripeCustomerId: true },
  });
  const customers = [...new Set([user.stripeCustomerId, ...rows.map((r) => r.stripeCustomerId)])].filter(
    (c): c is string => Boolean(c),
  );
  if (customers.length === 0) return { cancelledSubscriptions: 0, customerDeleted: false };
  let cancelled = 0;
  for (const customer of customers) {
    const subscriptions = await ignoreMissing(async () => {
      const live: string[] = [];
      for await (const sub of stripe.subscriptions.list({ customer, status: 'all', limit: 100 })) {
        if (LIVE_SUBSCRIPTION_STATUSES.has(sub.status)) live.push(sub.id);
      }
      return live;
    });
    for (const id of subscriptions ?? []) {
      if (await ignoreMissing(() => stripe.subscriptions.cancel(id))) cancelled += 1;
    }
    await ignoreMissing(() => stripe.customers.del(customer));
  }
  await s.db.subscription.updateMany({ where: { userId: user.id }, data: { status: 'canceled' } });
  return { cancelledSubscriptions: cancelled, customerDeleted: true };
}

/** Runs a Stripe call; an object that no longer exists gives undefined instead of an error. */
async function ignoreMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (isMissingResource(e)) return undefined;
    throw e;
  }
}

/** Stripe answers 404 `resource_missing` for an object that does not exist (any more). */
export function isMissingResource(e: unknown): boolean {
  const err = e as { code?: string; statusCode?: number };
  return err?.code === 'resource_missing' || err?.statusCode === 404;
}
