/**
 * `/privacy delete`: confirmation, then erasure by the worker's job — every table walked for
 * leftovers, vendors called (Clerk user deleted, Stripe subscription cancelled and customer
 * deleted), queued jobs gone, images kept 90 days and removed by the sweep (simulated clock) or
 * removed at once with `immediate`, and deleting twice harmless. Plus the child-report path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db.ts';
import { eraseReportedChild } from '../../src/services/privacy/child-reports.ts';
import { eraseUser } from '../../src/services/privacy/erasure.ts';
import { runErasureRequest } from '../../src/services/privacy/erasure-job.ts';
import { RETENTION_SCHEDULER_ID } from '../../src/services/privacy/queue.ts';
import { sweepRetention } from '../../src/services/privacy/retention.ts';
import { buttonInteraction, chatInputInteraction, TEST_USER_ID } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { rowsMentioning, snapshotTables } from '../support/privacy.ts';
import { type PrivacyBot, type SeededUser, seedFullUser, startPrivacyBot } from '../support/privacy-seed.ts';

const DAY = 24 * 3600_000;
const REPORTER = '200000000000000055';
let bot: PrivacyBot;

afterEach(async () => {
  await bot?.stop();
});

function lastAnswer(token: string): string {
  const calls = bot.t.discord.calls.filter(
    (c) => (c.route === 'webhookEdit' || c.route === 'followUp') && c.path.includes(token),
  );
  return JSON.stringify(calls.at(-1)?.payload ?? null);
}

async function privacy(
  subcommand: string,
  options: Record<string, string | boolean> = {},
  userId = TEST_USER_ID,
) {
  const raw = chatInputInteraction({ command: 'privacy', subcommand, options, userId });
  await bot.t.interact(raw);
  return { raw, answer: lastAnswer(raw.token) };
}

async function click(customId: string, userId = TEST_USER_ID) {
  const raw = buttonInteraction({ customId, userId });
  await bot.t.interact(raw);
  return { raw, answer: lastAnswer(raw.token) };
}

/** A generation left waiting in the queue (the generation worker is paused). */
async function queueOneMore(): Promise<string> {
  await bot.t.app.worker!.pause();
  const bytes = await makeJpeg({ width: 200, height: 200 });
  const url = bot.t.discord.addAttachment('second.jpg', bytes, 'image/jpeg');
  await bot.t.interact(
    chatInputInteraction({
      command: 'imagine',
      options: { style: 'watercolor', prompt: 'the second one' },
      attachments: { image: { url, filename: 'second.jpg', contentType: 'image/jpeg', size: bytes.length } },
    }),
  );
  const queued = await bot.t.waitForGeneration((g) => g.status === 'queued');
  return queued.id;
}

async function waitForErasure() {
  const db = bot.t.database.db;
  await expect
    .poll(async () => (await db.dataRequest.findFirst({ where: { kind: 'delete' } }))?.status, {
      timeout: 15_000,
    })
    .toBe('completed');
  // The confirmation is delivered, then the sealed reply target is dropped from the request.
  await expect
    .poll(async () =>
      JSON.stringify((await db.dataRequest.findFirst({ where: { kind: 'delete' } }))?.details),
    )
    .not.toContain('replyTarget');
  return db.dataRequest.findFirstOrThrow({ where: { kind: 'delete' } });
}

/** Strings that identify the person; none may survive erasure anywhere. */
function personalNeedles(seed: SeededUser, extra: string[] = []): string[] {
  return [
    ...Object.entries(seed.rowIds)
      .filter(
        ([table]) =>
          table !== 'Generation' &&
          table !== 'CreditLedger' &&
          table !== 'DataRequest' &&
          table !== 'ChildReport',
      )
      .flatMap(([, ids]) => ids),
    TEST_USER_ID,
    seed.slackUserId,
    seed.email,
    seed.displayName,
    seed.prompt,
    'the second one',
    seed.clerkUserId,
    seed.stripeCustomerId,
    seed.stripeSubscriptionId,
    'seems young',
    ...extra,
  ];
}

describe('GIVEN a user with data in every table', () => {
  let seed: SeededUser;
  let queuedId: string;

  beforeEach(async () => {
    bot = await startPrivacyBot();
    seed = await seedFullUser(bot);
    queuedId = await queueOneMore();
  });

  it('THEN delete asks for confirmation first and changes nothing until confirmed', async () => {
    const { answer } = await privacy('delete');
    expect(answer).toContain('Delete all your data?');
    expect(answer).toContain('privacy:erase:retain');
    expect(answer).toContain('privacy:keep:cancel');
    expect(await click('privacy:keep:cancel').then((r) => r.answer)).toContain('nothing was deleted');
    expect(await bot.t.database.db.user.count()).toBe(1);
    expect(await bot.t.database.db.dataRequest.count({ where: { kind: 'delete' } })).toBe(0);
  });

  it('THEN erasure leaves no row anywhere that references the person, and says what was removed and when the rest goes', async () => {
    const services = bot.t.app.services;
    expect(await services.queue.queue.getJob(queuedId)).toBeDefined();
    const generationIds = (await bot.t.database.db.generation.findMany()).map((g) => g.id);
    const uploaded = [...bot.t.imagekit.files.values()].filter((f) => !f.filePath.includes('/exports/'));
    expect(uploaded.length).toBe(3); // first source + result, second source

    const { raw } = await click('privacy:erase:retain');
    const request = await waitForErasure();
    const now = Date.now();

    // Every table of the schema is walked (a model added later is walked too).
    const snapshot = await snapshotTables(bot.t.database.db);
    expect([...snapshot.keys()]).toEqual(expect.arrayContaining(Object.values(Prisma.ModelName)));
    expect(rowsMentioning(snapshot, personalNeedles(seed))).toEqual([]);
    // Generation ids survive only as the storage keys of images waiting for the sweep.
    const withGenerationIds = rowsMentioning(snapshot, generationIds);
    expect(withGenerationIds.length).toBeGreaterThan(0);
    expect(withGenerationIds.every((hit) => hit.startsWith('RetainedAsset:'))).toBe(true);

    // Kept for accounting, without the person: amounts and reasons, no user, no generation.
    const ledger = await bot.t.database.db.creditLedger.findMany();
    expect(ledger.length).toBeGreaterThanOrEqual(2);
    expect(ledger.every((l) => l.userId === null && l.generationId === null)).toBe(true);
    expect(ledger.find((l) => l.reason === 'grant')).toMatchObject({
      delta: 100,
      causeKey: expect.stringMatching(/^grant:evt_/),
    });
    const reserve = ledger.find((l) => l.reason === 'reserve')!;
    expect(reserve.causeKey).toBe(`erased:${reserve.id}`);
    // The audit trail stays, detached but recognisable by the keyed subject hash.
    const audit = await bot.t.database.db.dataRequest.findMany();
    expect(audit.every((r) => r.userId === null)).toBe(true);
    expect(request.subjectHash).toMatch(/^[0-9a-f]{64}$/);

    // Vendors: Clerk user deleted, Stripe subscription cancelled and customer deleted.
    expect(bot.clerk.deleted).toEqual([seed.clerkUserId]);
    expect(bot.stripe.http.received('DELETE', `/v1/subscriptions/${seed.stripeSubscriptionId}`)).toHaveLength(
      1,
    );
    expect(bot.stripe.http.received('DELETE', `/v1/customers/${seed.stripeCustomerId}`)).toHaveLength(1);
    // The queued job is gone from BullMQ.
    expect(await services.queue.queue.getJob(queuedId)).toBeUndefined();

    // Images: still stored, scheduled 90 days out.
    expect(bot.t.imagekit.deleted).toEqual([]);
    const retained = await bot.t.database.db.retainedAsset.findMany();
    expect(retained).toHaveLength(3);
    for (const r of retained) {
      expect(Math.abs(r.deleteAfter.getTime() - (now + 90 * DAY))).toBeLessThan(60_000);
      expect(r.deletedAt).toBeNull();
    }

    // The confirmation replaced the clicked message: what went, what goes when, what stays.
    const confirmation = lastAnswer(raw.token);
    expect(confirmation).toContain('Your data has been deleted');
    expect(confirmation).toContain('2 image jobs with their prompts');
    expect(confirmation).toContain('2 linked chat identities');
    expect(confirmation).toContain('your ImageGen account login (Clerk)');
    expect(confirmation).toContain('1 subscription cancelled');
    expect(confirmation).toContain('1 queued job');
    expect(confirmation).toContain(`3 stored images`);
    expect(confirmation).toContain(new Date(now + 90 * DAY).toISOString().slice(0, 10));
    expect(confirmation).toContain(`${ledger.length} credit ledger entries`);
    expect(bot.t.discord.contractErrors).toEqual([]);
    expect(bot.stripe.contractErrors).toEqual([]);
    expect(bot.clerk.contractErrors).toEqual([]);
  });

  it('THEN the sweep removes the images only once the 90 days are over (simulated clock), and purges the CDN', async () => {
    const fileIds = [...bot.t.imagekit.files.values()].map((f) => f.fileId);
    await click('privacy:erase:retain');
    await waitForErasure();
    const services = bot.t.app.services;

    bot.t.clock.offsetMs = 89 * DAY;
    expect((await sweepRetention(services)).assetsDeleted).toBe(0);
    expect(bot.t.imagekit.deleted).toEqual([]);

    bot.t.clock.offsetMs = 91 * DAY;
    const swept = await sweepRetention(services);
    expect(swept).toMatchObject({ assetsDeleted: 3, assetsFailed: 0 });
    expect([...bot.t.imagekit.deleted].sort()).toEqual([...fileIds].sort());
    expect(bot.t.imagekit.files.size).toBe(0);
    expect(bot.t.imagekit.purged).toHaveLength(3);
    for (const url of bot.t.imagekit.purged) expect(url.startsWith(bot.t.imagekit.urlEndpoint)).toBe(true);
    const rows = await bot.t.database.db.retainedAsset.findMany();
    expect(rows.every((r) => r.deletedAt !== null)).toBe(true);
    // A second run has nothing left to do.
    expect((await sweepRetention(services)).assetsDeleted).toBe(0);
  });

  it('THEN deleting twice is harmless', async () => {
    await click('privacy:erase:retain');
    const first = await waitForErasure();
    const before = await snapshotTables(bot.t.database.db);

    // The button again, the command again, the service again, the job again.
    expect((await click('privacy:erase:retain')).answer).toContain('We hold no data about you');
    expect((await privacy('delete')).answer).toContain('We hold no data about you');
    expect(await eraseUser(bot.t.app.services, seed.user.id, { immediate: true })).toMatchObject({
      alreadyErased: true,
    });
    await runErasureRequest(bot.t.app.services, first.id);

    const after = await snapshotTables(bot.t.database.db);
    expect([...after].map(([k, v]) => [k, v.length])).toEqual([...before].map(([k, v]) => [k, v.length]));
    expect(bot.clerk.deleted).toHaveLength(1);
    expect(bot.t.imagekit.deleted).toEqual([]);
  });

  it('THEN `immediate` deletes the images at once and purges the CDN cache, keeping nothing for the sweep', async () => {
    const fileIds = [...bot.t.imagekit.files.values()].map((f) => f.fileId);
    const { raw } = await privacy('delete', { immediate: true, confirm: 'DELETE' });
    await waitForErasure();
    expect([...bot.t.imagekit.deleted].sort()).toEqual([...fileIds].sort());
    expect(bot.t.imagekit.purged).toHaveLength(3);
    expect(await bot.t.database.db.retainedAsset.count()).toBe(0);
    const snapshot = await snapshotTables(bot.t.database.db);
    expect(rowsMentioning(snapshot, personalNeedles(seed))).toEqual([]);
    expect(lastAnswer(raw.token)).toContain('deleted now and purged from the CDN cache');
  });

  it('THEN the retention sweep is scheduled on the worker', async () => {
    const scheduler = await bot.t.app.services.privacy.queue.getJobScheduler(RETENTION_SCHEDULER_ID);
    expect(scheduler?.every).toBe(60 * 60_000);
  });
});

describe('GIVEN a report that a user is under 13', () => {
  beforeEach(async () => {
    bot = await startPrivacyBot();
  });

  it('THEN the operator can erase them at once, and the bot does not serve them again', async () => {
    const seed = await seedFullUser(bot);
    const fileIds = [...bot.t.imagekit.files.values()].map((f) => f.fileId);
    const { answer } = await privacy(
      'report-child',
      { user: `<@${TEST_USER_ID}>`, details: 'says they are 11' },
      REPORTER,
    );
    expect(answer).toContain('Thank you');
    const report = await bot.t.database.db.childReport.findFirstOrThrow({
      where: { details: 'says they are 11' },
    });
    expect(report).toMatchObject({ platform: 'discord', platformUserId: TEST_USER_ID, status: 'open' });
    expect(report.reporterHash).toMatch(/^[0-9a-f]{64}$/);

    expect(await eraseReportedChild(bot.t.app.services, report.id)).toBe('erasure_queued');
    await expect
      .poll(
        async () => (await bot.t.database.db.dataRequest.findFirst({ where: { kind: 'delete' } }))?.status,
        { timeout: 15_000 },
      )
      .toBe('completed');
    // Children's images are not kept for 90 days.
    expect([...bot.t.imagekit.deleted].sort()).toEqual([...fileIds].sort());
    const snapshot = await snapshotTables(bot.t.database.db);
    expect(rowsMentioning(snapshot, personalNeedles(seed, ['says they are 11']))).toEqual([]);
    const closed = await bot.t.database.db.childReport.findMany();
    expect(closed.every((r) => r.status === 'erased' && r.platformUserId === '[erased]')).toBe(true);
    expect((await bot.t.database.db.ageGateRefusal.findFirstOrThrow()).reason).toBe('reported_under_13');

    const bytes = await makeJpeg({ width: 200, height: 200 });
    const url = bot.t.discord.addAttachment('again.jpg', bytes, 'image/jpeg');
    const again = chatInputInteraction({
      command: 'imagine',
      options: { style: 'watercolor' },
      attachments: { image: { url, filename: 'again.jpg', contentType: 'image/jpeg', size: bytes.length } },
    });
    await bot.t.interact(again);
    expect(lastAnswer(again.token)).toContain('not available to people under 13');
    expect(await bot.t.database.db.user.count()).toBe(0);
  });

  it('THEN a report about someone we hold nothing about is closed without keeping their id', async () => {
    await privacy('report-child', { user: '200000000000000099' }, REPORTER);
    const report = await bot.t.database.db.childReport.findFirstOrThrow();
    expect(await eraseReportedChild(bot.t.app.services, report.id)).toBe('nothing_held');
    const closed = await bot.t.database.db.childReport.findFirstOrThrow();
    expect(closed).toMatchObject({ status: 'erased', platformUserId: '[erased]', details: null });
    expect(await bot.t.database.db.ageGateRefusal.count()).toBe(1);
  });
});
