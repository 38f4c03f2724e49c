/**
 * The merge rules of docs/accounts.md, checked on a real database: when a second identity is linked
 * to a Clerk account that already has a User, everything moves to that User and the fields are
 * combined by rule (more privileged plan, credits summed through the ledger, earliest age
 * confirmation, latest policy acceptance, opt-ins only if both opted in, ...).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db.ts';
import { findUserFollowingMerges, mergeUsers } from '../../src/services/account-merge.ts';
import { applyLedgerEntry, ledgerBalance, releaseCredit, reserveKey } from '../../src/services/credits.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let db: Db;
beforeEach(async () => {
  database = await createTestDatabase({ label: 'merge' });
  db = database.db;
});
afterEach(async () => {
  await database.drop();
});

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

async function grant(userId: string, delta: number, causeKey: string) {
  await db.$transaction((tx) => applyLedgerEntry(tx, { userId, delta, reason: 'test', causeKey }));
}

async function seed() {
  const into = await db.user.create({
    data: {
      clerkUserId: 'user_2survivor',
      email: 'person@example.test',
      plan: 'pro',
      stripeCustomerId: 'cus_INTO',
      ageConfirmedAt: day('2026-01-05'),
      policyVersion: '2026-01',
      policyAcceptedAt: day('2026-01-05'),
      trainingConsent: true,
      marketingOptIn: true,
      policyUpdatesOptIn: false,
      identities: { create: { platform: 'discord', platformUserId: '200000000000000002' } },
    },
  });
  const from = await db.user.create({
    data: {
      plan: 'studio',
      locale: 'fr',
      stripeCustomerId: 'cus_FROM',
      ageConfirmedAt: day('2026-01-01'),
      policyVersion: '2026-02',
      policyAcceptedAt: day('2026-02-01'),
      processingWithdrawnAt: day('2026-02-10'),
      trainingConsent: false,
      marketingOptIn: true,
      policyUpdatesOptIn: true,
      identities: { create: { platform: 'slack', scope: 'T1', platformUserId: 'U1' } },
      consentEvents: {
        create: [{ kind: 'policy', granted: true, policyVersion: '2026-02', platform: 'slack' }],
      },
      subscriptions: {
        create: {
          stripeSubscriptionId: 'sub_FROM',
          stripeCustomerId: 'cus_FROM',
          stripePriceId: 'price_studio',
          plan: 'studio',
          status: 'active',
        },
      },
    },
  });
  await grant(into.id, 10, 'grant:invoice:in_into');
  await grant(from.id, 7, 'grant:pack:cs_from');
  const queued = await db.generation.create({
    data: {
      userId: from.id,
      platform: 'slack',
      scope: 'T1',
      status: 'queued',
      style: 'anime',
      prompt: '',
      provider: 'local',
      replyTarget: 'x',
    },
  });
  await grant(from.id, -1, reserveKey(queued.id));
  await db.generation.create({
    data: {
      userId: from.id,
      platform: 'slack',
      scope: 'T1',
      status: 'succeeded',
      style: 'anime',
      prompt: '',
      provider: 'local',
      replyTarget: 'x',
    },
  });
  return { into, from, queued };
}

describe('GIVEN two Users of one person being merged', () => {
  it('THEN history, identities, ledger, subscriptions and consent history move to the linked User and the other is deleted', async () => {
    const { into, from } = await seed();
    await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));

    expect(await db.user.findUnique({ where: { id: from.id } })).toBeNull();
    const identities = await db.platformIdentity.findMany({ where: { userId: into.id } });
    expect(identities.map((i) => i.platform).sort()).toEqual(['discord', 'slack']);
    expect(await db.generation.count({ where: { userId: into.id } })).toBe(2);
    expect(await db.subscription.count({ where: { userId: into.id } })).toBe(1);
    expect(await db.consentEvent.count({ where: { userId: into.id, kind: 'policy' } })).toBe(1);
    expect(await db.creditLedger.count({ where: { userId: null } })).toBe(0);
  });

  it('THEN credits are the sum of both ledgers, kept equal to the ledger, with a merge marker', async () => {
    const { into, from } = await seed();
    const merged = await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    expect(merged.credits).toBe(10 + 7 - 1);
    expect(await ledgerBalance(db, into.id)).toBe(merged.credits);
    const marker = await db.creditLedger.findUnique({ where: { causeKey: `merge:${from.id}` } });
    expect(marker).toMatchObject({ userId: into.id, delta: 0 });
  });

  it('THEN the more privileged plan wins and the survivor keeps its own Stripe customer', async () => {
    const { into, from } = await seed();
    const merged = await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    expect(merged.plan).toBe('studio');
    expect(merged.stripeCustomerId).toBe('cus_INTO');
  });

  it("THEN a survivor without a Stripe customer takes the merged User's", async () => {
    const { into, from } = await seed();
    await db.user.update({ where: { id: into.id }, data: { stripeCustomerId: null } });
    const merged = await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    expect(merged.stripeCustomerId).toBe('cus_FROM');
  });

  it('THEN the earliest age confirmation, the latest policy acceptance and any withdrawal are kept', async () => {
    const { into, from } = await seed();
    const merged = await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    expect(merged.ageConfirmedAt).toEqual(day('2026-01-01'));
    expect(merged.policyVersion).toBe('2026-02');
    expect(merged.policyAcceptedAt).toEqual(day('2026-02-01'));
    expect(merged.processingWithdrawnAt).toEqual(day('2026-02-10'));
    expect(merged.locale).toBe('fr');
    expect(merged.email).toBe('person@example.test');
  });

  it('THEN optional consents stay only where both gave them (recorded), and policy-update notices where either asked', async () => {
    const { into, from } = await seed();
    const merged = await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    expect(merged.trainingConsent).toBe(false);
    expect(merged.marketingOptIn).toBe(true);
    expect(merged.policyUpdatesOptIn).toBe(true);
    const narrowed = await db.consentEvent.findMany({ where: { userId: into.id, platform: 'merge' } });
    expect(narrowed.map((e) => [e.kind, e.granted])).toEqual([['training', false]]);
  });

  it('THEN a reservation moved by the merge is released to the survivor, once', async () => {
    const { into, from, queued } = await seed();
    await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    await releaseCredit(db, queued.id, 'cancelled');
    await releaseCredit(db, queued.id, 'cancelled');
    const survivor = await db.user.findUniqueOrThrow({ where: { id: into.id } });
    expect(survivor.credits).toBe(17);
    expect(await ledgerBalance(db, into.id)).toBe(17);
  });

  it('THEN an id of the merged User (e.g. in Stripe metadata) still finds the survivor', async () => {
    const { into, from } = await seed();
    await db.$transaction((tx) => mergeUsers(tx, from.id, into.id, new Date()));
    expect((await findUserFollowingMerges(db, from.id))?.id).toBe(into.id);
    expect(await findUserFollowingMerges(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
