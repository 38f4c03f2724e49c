/**
 * Plans (one file, prices from config), queue priority by plan, and the billing/linking config:
 * features are off without their keys and say why; the Stripe API URL becomes stripe-node's
 * host/port/protocol.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, describeFeatures, loadConfig } from '../../src/config.ts';
import { frontendApiFromPublishableKey, normalisePem } from '../../src/services/clerk-session.ts';
import { createStripeClient } from '../../src/services/index.ts';
import {
  betterPlanName,
  listPlans,
  planFor,
  planForPrice,
  queuePriorityFor,
} from '../../src/services/plans.ts';

const base = { NODE_ENV: 'test' };

describe('plans', () => {
  const config = loadConfig({
    ...base,
    FREE_DAILY_QUOTA: '7',
    USER_MAX_CONCURRENT_JOBS: '2',
    STRIPE_SECRET_KEY: 'sk_test_x',
    STRIPE_WEBHOOK_SECRET: 'whsec_x',
    STRIPE_PRICE_PRO: 'price_pro',
  });

  it('gives the free plan its limits from config and paid plans more of everything', () => {
    const [free, pro, studio] = listPlans(config);
    expect(free).toMatchObject({ name: 'free', dailyFreeImages: 7, maxConcurrentJobs: 2, monthlyCredits: 0 });
    expect(pro!.monthlyCredits).toBeGreaterThan(0);
    expect(studio!.monthlyCredits).toBeGreaterThan(pro!.monthlyCredits);
    expect(pro!.maxConcurrentJobs).toBeGreaterThan(free!.maxConcurrentJobs);
    expect(studio!.queuePriority).toBeLessThan(pro!.queuePriority);
    expect(pro!.queuePriority).toBeLessThan(free!.queuePriority);
  });

  it('maps Stripe prices from config to plans, and a plan without a price is not for sale', () => {
    expect(planForPrice(config, 'price_pro')?.name).toBe('pro');
    expect(planForPrice(config, 'price_unknown')).toBeUndefined();
    expect(planFor(config, 'studio').stripePriceId).toBeUndefined();
    expect(planFor(config, 'retired-plan').name).toBe('free');
  });

  it('gives every job a priority: paid tiers first, then credit holders, then free', () => {
    const p = (plan: string, credits = 0) => queuePriorityFor({ plan, credits });
    expect(p('studio')).toBeLessThan(p('pro'));
    expect(p('pro')).toBeLessThan(p('free', 5));
    expect(p('free', 5)).toBeLessThan(p('free'));
    expect(p('free')).toBeGreaterThan(0);
  });

  it('keeps the more privileged plan when merging', () => {
    expect(betterPlanName('free', 'pro')).toBe('pro');
    expect(betterPlanName('studio', 'pro')).toBe('studio');
    expect(betterPlanName('free', 'unknown')).toBe('free');
  });
});

describe('billing and linking config', () => {
  it('turns billing and linking off without keys, and says so', () => {
    const c = loadConfig(base);
    expect(c.billingEnabled).toBe(false);
    expect(c.linkingEnabled).toBe(false);
    const notes = describeFeatures(c).join('\n');
    expect(notes).toContain('Billing is off');
    expect(notes).toContain('Account linking is off');
  });

  it('refuses a Stripe key without a webhook secret, and a publishable key without a way to verify tokens', () => {
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...base, CLERK_PUBLISHABLE_KEY: 'pk_test_x' })).toThrow(/CLERK_JWT_KEY/);
    const c = loadConfig({ ...base, CLERK_PUBLISHABLE_KEY: 'pk_test_x', CLERK_SECRET_KEY: 'sk_test_y' });
    expect(c.linkingEnabled).toBe(true);
  });

  it('points stripe-node at STRIPE_API_URL through host, port and protocol', () => {
    const local = createStripeClient(
      loadConfig({
        ...base,
        STRIPE_SECRET_KEY: 'sk_test_x',
        STRIPE_WEBHOOK_SECRET: 'w',
        STRIPE_API_URL: 'http://127.0.0.1:4010',
      }),
    );
    // biome-ignore lint/suspicious/noExplicitAny: reading stripe-node's resolved settings
    const settings = (local as any)._api;
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 4010, protocol: 'http' });
    const live = createStripeClient(
      loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'w' }),
    );
    // biome-ignore lint/suspicious/noExplicitAny: see above
    expect((live as any)._api).toMatchObject({ host: 'api.stripe.com', port: 443, protocol: 'https' });
    expect(createStripeClient(loadConfig(base))).toBeUndefined();
  });

  it('reads the Clerk Frontend API host from a publishable key and one-line PEMs', () => {
    const key = `pk_live_${Buffer.from('clerk.imagegen.example$').toString('base64')}`;
    expect(frontendApiFromPublishableKey(key)).toBe('clerk.imagegen.example');
    expect(
      frontendApiFromPublishableKey(`pk_test_${Buffer.from('"><script>$').toString('base64')}`),
    ).toBeUndefined();
    expect(normalisePem('-----BEGIN PUBLIC KEY-----\\nABC\\n-----END PUBLIC KEY-----')).toBe(
      '-----BEGIN PUBLIC KEY-----\nABC\n-----END PUBLIC KEY-----',
    );
  });
});
