/**
 * Credits around generations, end to end: a generation reserves a credit at intake, and a
 * generation that fails at the model, is blocked by moderation or is cancelled gets it back —
 * failed, blocked or cancelled work is never charged; a job run twice is charged once. Limits
 * follow the plan; server admins cap their server's daily images with /budget.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { recordCreditChange, releaseCredit, reserveCredit } from '../../src/services/credits.ts';
import { processGeneration } from '../../src/services/generation-worker.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { discordCommand, discordUser, ledgerOf, slackCommand } from '../support/billing.ts';
import { buttonInteraction, chatInputInteraction, TEST_USER_ID } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function imagine(
  bot: TestBot,
  opts: { prompt?: string; userId?: string; guildId?: string | null } = {},
) {
  const bytes = await makeJpeg({ width: 320, height: 240 });
  const url = bot.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
  const raw = chatInputInteraction({
    command: 'imagine',
    options: { style: 'watercolor', ...(opts.prompt ? { prompt: opts.prompt } : {}) },
    attachments: { image: { url, contentType: 'image/jpeg', size: bytes.length } },
    ...(opts.userId ? { userId: opts.userId } : {}),
    ...(opts.guildId !== undefined ? { guildId: opts.guildId } : {}),
  });
  await bot.interact(raw);
  return JSON.stringify(bot.discord.calls.filter((c) => c.path.includes(raw.token)).map((c) => c.payload));
}

/** Gives the test user `credits` through the ledger, as a purchase would. */
async function giveCredits(bot: TestBot, credits: number, userId = TEST_USER_ID) {
  await discordCommand(bot, 'account', { subcommand: 'status', userId });
  const user = await discordUser(bot, userId);
  await recordCreditChange(bot.database.db, {
    userId: user.id,
    delta: credits,
    reason: 'test',
    causeKey: `grant:test:${user.id}`,
  });
  return user.id;
}

const balance = async (bot: TestBot) => (await discordUser(bot)).credits;

describe('GIVEN a user with credits', () => {
  it('THEN a successful generation costs one credit, reserved at intake', async () => {
    t = await startTestBot();
    const userId = await giveCredits(t, 3);
    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(await balance(t)).toBe(2);
    expect(await ledgerOf(t, userId)).toContainEqual({ causeKey: `reserve:${gen.id}`, delta: -1 });
  });

  it('THEN a generation that fails at the model gives the credit back', async () => {
    t = await startTestBot();
    const userId = await giveCredits(t, 3);
    t.openai.failNextEdit('invalid_request');
    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.status === 'failed');
    await expect.poll(() => balance(t!)).toBe(3);
    expect(await ledgerOf(t, userId)).toEqual(
      expect.arrayContaining([
        { causeKey: `reserve:${gen.id}`, delta: -1 },
        { causeKey: `release:${gen.id}`, delta: 1 },
      ]),
    );
  });

  it('THEN a generation blocked by moderation at intake or refused by the model policy is not charged', async () => {
    t = await startTestBot();
    await giveCredits(t, 3);
    t.openai.flagWords = ['forbidden-thing'];
    const refused = await imagine(t, { prompt: 'a forbidden-thing please' });
    expect(refused).toContain('flagged');
    expect(await balance(t)).toBe(3);

    t.openai.failNextEdit('moderation_blocked');
    await imagine(t);
    await t.waitForGeneration((g) => g.status === 'failed');
    await expect.poll(() => balance(t!)).toBe(3);
  });

  it('THEN a cancelled generation is not charged', async () => {
    t = await startTestBot({ roles: 'discord' });
    await giveCredits(t, 3);
    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.status === 'queued');
    expect(await balance(t)).toBe(2);
    await t.interact(buttonInteraction({ customId: `jobs:cancel:${gen.id}` }));
    expect((await t.database.db.generation.findUniqueOrThrow({ where: { id: gen.id } })).status).toBe(
      'cancelled',
    );
    expect(await balance(t)).toBe(3);
  });

  it('THEN a job run twice, and a release repeated, charge once', async () => {
    t = await startTestBot();
    const userId = await giveCredits(t, 3);
    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    await processGeneration(t.app.services, gen.id, { isFinalAttempt: true });
    await t.database.db.generation.update({ where: { id: gen.id }, data: { deliveredAt: null } });
    await processGeneration(t.app.services, gen.id, { isFinalAttempt: true });
    expect(await balance(t)).toBe(2);
    expect((await ledgerOf(t, userId)).filter((l) => l.causeKey.startsWith('reserve:'))).toHaveLength(1);

    // A failure path running twice (e.g. a retried worker) releases once.
    const failing = await t.database.db.generation.create({
      data: {
        userId,
        platform: 'discord',
        status: 'queued',
        style: 'anime',
        prompt: '',
        provider: 'local',
        replyTarget: gen.replyTarget,
      },
    });
    await t.database.db.$transaction(async (tx) =>
      reserveCredit(tx, await tx.user.findUniqueOrThrow({ where: { id: userId } }), failing.id),
    );
    expect(await balance(t)).toBe(1);
    await Promise.all([
      releaseCredit(t.database.db, failing.id, 'x'),
      releaseCredit(t.database.db, failing.id, 'x'),
    ]);
    await releaseCredit(t.database.db, failing.id, 'x');
    expect(await balance(t)).toBe(2);
  });

  it('THEN credits are spent before the free allowance, and with none left the daily quota applies', async () => {
    t = await startTestBot({ env: { FREE_DAILY_QUOTA: '0' }, billing: true });
    await giveCredits(t, 1);
    await imagine(t);
    await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(await balance(t)).toBe(0);
    const refused = await imagine(t);
    expect(refused).toContain('used all 0 free images');
    expect(refused).toContain('/subscribe');
  });
});

describe('GIVEN plans', () => {
  it('THEN a paid plan allows more parallel jobs than free', async () => {
    t = await startTestBot({ roles: 'discord', env: { USER_MAX_CONCURRENT_JOBS: '1' } });
    await imagine(t);
    expect(await imagine(t)).toContain('limit 1 on the Free plan');
    const user = await discordUser(t);
    await t.database.db.user.update({ where: { id: user.id }, data: { plan: 'pro' } });
    expect(await imagine(t)).toContain('Queued');
    expect(await t.database.db.generation.count()).toBe(2);
  });
});

describe('GIVEN a server budget', () => {
  const ADMIN = PermissionFlagsBits.ManageGuild;

  it('THEN only admins set it, and the server stops at it while DMs still work', async () => {
    t = await startTestBot({ roles: 'discord' });
    const denied = await discordCommand(t, 'budget', { subcommand: 'set', options: { limit: 1 } });
    expect(denied).toMatchObject({ ephemeral: true });
    expect(denied.text).toContain('Only server admins');
    expect(await t.database.db.serverBudget.count()).toBe(0);

    const set = await discordCommand(t, 'budget', {
      subcommand: 'set',
      options: { limit: 1 },
      permissions: ADMIN,
    });
    expect(set.text).toContain('Budget saved');
    expect(set.text).toContain('**1** image per day');

    await imagine(t);
    const refused = await imagine(t, { userId: '200000000000000777' });
    expect(refused).toContain('daily budget of 1 images');
    expect(await imagine(t, { userId: '200000000000000777', guildId: null })).toContain('Queued');

    const shown = await discordCommand(t, 'budget', { subcommand: 'show' });
    expect(shown.text).toContain('**1** used today');
    const cleared = await discordCommand(t, 'budget', { subcommand: 'clear', permissions: ADMIN });
    expect(cleared.text).toContain('Budget removed');
    expect(await imagine(t, { userId: '200000000000000777' })).toContain('Queued');
  });

  it('THEN Slack workspace admins manage it through the same command', async () => {
    t = await startTestBot({ roles: 'discord' });
    const refused = await slackCommand(t, 'budget', { subcommand: 'set', options: { limit: '5' } });
    expect(refused.text).toContain('Only server admins');
    const saved = await slackCommand(t, 'budget', {
      subcommand: 'set',
      options: { limit: '5' },
      isServerAdmin: true,
    });
    expect(saved.text).toContain('**5** images per day');
    expect(await t.database.db.serverBudget.findFirst()).toMatchObject({ platform: 'slack', dailyLimit: 5 });
  });
});
