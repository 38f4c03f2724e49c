/**
 * A test bot with Stripe and Clerk configured against their fakes, and a user who has something
 * in every table that can hold a person: a real generation (images on the fake ImageKit), a second
 * (Slack) identity with a link token, ledger rows, a Stripe customer with a live subscription, a
 * Clerk user, consents and data requests, and a child report about them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Generation, User } from '../../src/generated/prisma/client.ts';
import { type FakeClerk, startFakeClerk } from '../fakes/clerk.ts';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe.ts';
import { startTestBot, type TestBot, type TestBotOptions } from './app.ts';
import { chatInputInteraction, TEST_USER_ID } from './discord-interactions.ts';
import { makeJpeg } from './images.ts';

export interface PrivacyBot {
  t: TestBot;
  stripe: FakeStripe;
  clerk: FakeClerk;
  stop(): Promise<void>;
}

export async function startPrivacyBot(opts: TestBotOptions = {}): Promise<PrivacyBot> {
  const [stripe, clerk] = await Promise.all([startFakeStripe(), startFakeClerk()]);
  const t = await startTestBot({
    ...opts,
    env: {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_URL: stripe.url,
      CLERK_SECRET_KEY: clerk.secretKey,
      CLERK_API_URL: clerk.url,
      CLERK_JWT_KEY: clerk.keys.publicPem,
      CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('clerk.example.test$').toString('base64')}`,
      ...opts.env,
    },
  });
  return {
    t,
    stripe,
    clerk,
    async stop() {
      await t.stop();
      await Promise.all([stripe.stop(), clerk.stop()]);
    },
  };
}

export interface SeededUser {
  user: User;
  generation: Generation;
  prompt: string;
  email: string;
  displayName: string;
  clerkUserId: string;
  stripeCustomerId: string;
  stripeSubscriptionId: string;
  slackUserId: string;
  /** Ids of every row seeded for this person, by table. */
  rowIds: Record<string, string[]>;
}

/** Runs a real /imagine for `userId`, waits for the result, then seeds the rest directly. */
export async function seedFullUser(bot: PrivacyBot, userId = TEST_USER_ID): Promise<SeededUser> {
  const { t } = bot;
  const db = t.database.db;
  const prompt = `a lighthouse painted for ${randomBytes(4).toString('hex')}`;
  const bytes = await makeJpeg({ width: 320, height: 240 });
  const url = t.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
  await t.interact(
    chatInputInteraction({
      command: 'imagine',
      userId,
      options: { style: 'watercolor', prompt },
      attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } },
    }),
  );
  const generation = await t.waitForGeneration((g) => g.prompt === prompt && g.deliveredAt !== null);

  const suffix = randomBytes(6).toString('hex');
  const email = `person-${suffix}@example.com`;
  const displayName = `Person ${suffix}`;
  const clerkUserId = `user_${randomBytes(12).toString('hex')}`;
  bot.clerk.addUser({ id: clerkUserId, email, firstName: 'Person', lastName: suffix });
  const customer = await t.app.services.stripe!.customers.create({ email });
  const subscription = bot.stripe.putSubscription({
    customer: customer.id,
    price: 'price_pro',
    status: 'active',
  });
  const slackUserId = `U${suffix.toUpperCase()}`;

  const user = await db.user.update({
    where: { id: generation.userId },
    data: { email, displayName, clerkUserId, stripeCustomerId: customer.id, plan: 'pro', credits: 99 },
  });
  const slack = await db.platformIdentity.create({
    data: { userId: user.id, platform: 'slack', scope: 'T0TEAM', platformUserId: slackUserId },
  });
  const linkToken = await db.linkToken.create({
    data: {
      identityId: slack.id,
      tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      expiresAt: new Date(Date.now() + 900_000),
    },
  });
  const sub = await db.subscription.create({
    data: {
      userId: user.id,
      stripeSubscriptionId: String(subscription.id),
      stripeCustomerId: customer.id,
      stripePriceId: 'price_pro',
      plan: 'pro',
      status: 'active',
    },
  });
  const ledger = await Promise.all([
    db.creditLedger.create({
      data: {
        userId: user.id,
        delta: 100,
        reason: 'grant',
        causeKey: `grant:evt_${suffix}`,
        stripeEventId: `evt_${suffix}`,
      },
    }),
    db.creditLedger.create({
      data: {
        userId: user.id,
        delta: -1,
        reason: 'reserve',
        causeKey: `reserve:${generation.id}`,
        generationId: generation.id,
      },
    }),
  ]);
  const consent = await db.consentEvent.create({
    data: {
      userId: user.id,
      kind: 'training',
      granted: true,
      policyVersion: '2026-04-10',
      platform: 'discord',
    },
  });
  const request = await db.dataRequest.create({
    data: {
      userId: user.id,
      subjectHash: 'seeded',
      kind: 'consent',
      status: 'completed',
      details: { consent: 'training', granted: true },
      dueAt: new Date(Date.now() + 30 * 24 * 3600_000),
    },
  });
  const report = await db.childReport.create({
    data: {
      platform: 'discord',
      scope: '',
      platformUserId: userId,
      details: 'seems young',
      reporterHash: 'x',
    },
  });
  const identities = await db.platformIdentity.findMany({ where: { userId: user.id } });
  return {
    user,
    generation,
    prompt,
    email,
    displayName,
    clerkUserId,
    stripeCustomerId: customer.id,
    stripeSubscriptionId: String(subscription.id),
    slackUserId,
    rowIds: {
      User: [user.id],
      PlatformIdentity: identities.map((i) => i.id),
      Generation: [generation.id],
      LinkToken: [linkToken.id],
      Subscription: [sub.id],
      CreditLedger: ledger.map((l) => l.id),
      ConsentEvent: [consent.id],
      DataRequest: [request.id],
      ChildReport: [report.id],
    },
  };
}
