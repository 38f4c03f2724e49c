/**
 * The first-use age gate, consents, policy changes and announcements, through the real Discord
 * adapter against the fake Discord, with the real worker: what the user sees, what is stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueAnnouncement } from '../../src/services/privacy/notifications.ts';
import { publishPolicyVersion } from '../../src/services/privacy/policy.ts';
import { sweepRetention } from '../../src/services/privacy/retention.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { buttonInteraction, chatInputInteraction, TEST_USER_ID } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { DEFAULT_POLICY_VERSION, rowsMentioning, snapshotTables } from '../support/privacy.ts';

let t: TestBot;

afterEach(async () => {
  await t?.stop();
});

const OTHER_USER = '200000000000000077';

async function imagine(bot: TestBot, userId = TEST_USER_ID) {
  const bytes = await makeJpeg({ width: 320, height: 240 });
  const url = bot.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
  const raw = chatInputInteraction({
    command: 'imagine',
    userId,
    options: { style: 'watercolor' },
    attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } },
  });
  await bot.interact(raw);
  return raw;
}

/** What the user last saw for an interaction: its last edit or follow-up, as JSON text. */
function lastAnswer(bot: TestBot, token: string): string {
  const calls = bot.discord.calls.filter(
    (c) => (c.route === 'webhookEdit' || c.route === 'followUp') && c.path.includes(token),
  );
  return JSON.stringify(calls.at(-1)?.payload ?? null);
}

async function privacyCommand(
  bot: TestBot,
  subcommand: string,
  options: Record<string, string | boolean> = {},
  userId = TEST_USER_ID,
) {
  const raw = chatInputInteraction({ command: 'privacy', subcommand, options, userId });
  await bot.interact(raw);
  return lastAnswer(bot, raw.token);
}

async function click(bot: TestBot, customId: string, userId = TEST_USER_ID) {
  const raw = buttonInteraction({ customId, userId });
  await bot.interact(raw);
  return lastAnswer(bot, raw.token);
}

const dmsTo = (bot: TestBot, userId: string) => {
  const channel = bot.discord.dmChannels.get(userId);
  return channel ? bot.discord.channelMessages.filter((m) => m.channel_id === channel) : [];
};

describe('GIVEN a new user and the real age gate', () => {
  beforeEach(async () => {
    t = await startTestBot({ privacyGate: 'real' });
  });

  it('THEN the first /imagine asks for age and policy acceptance with buttons, and makes nothing', async () => {
    const raw = await imagine(t);
    const answer = lastAnswer(t, raw.token);
    expect(answer).toContain('13 or older');
    expect(answer).toContain(`${t.app.services.config.PUBLIC_URL}/privacy`);
    expect(answer).toContain(`privacy:accept:${DEFAULT_POLICY_VERSION}`);
    expect(answer).toContain(`privacy:under13:${DEFAULT_POLICY_VERSION}`);
    expect(answer).toContain(`privacy:decline:${DEFAULT_POLICY_VERSION}`);
    // Private: an ephemeral follow-up (flag 64), not the public placeholder.
    expect(t.discord.callsTo('followUp').at(-1)?.payload.flags & 64).toBe(64);
    expect(await t.database.db.generation.count()).toBe(0);
    expect(t.openai.edits).toHaveLength(0);
    expect(t.imagekit.uploads).toHaveLength(0);
  });

  it('THEN "under 13" keeps nothing but a hashed marker, and the bot refuses to serve them again', async () => {
    await imagine(t);
    const answer = await click(t, `privacy:under13:${DEFAULT_POLICY_VERSION}`);
    expect(answer).toContain('not available to people under 13');

    const snapshot = await snapshotTables(t.database.db);
    const nonEmpty = [...snapshot].filter(([, rows]) => rows.length > 0).map(([name]) => name);
    // The configured policy version is the operator's, not the user's.
    expect(nonEmpty.sort()).toEqual(['AgeGateRefusal', 'PolicyVersion']);
    const marker = await t.database.db.ageGateRefusal.findFirstOrThrow();
    expect(marker.reason).toBe('under_13');
    expect(marker.identityHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rowsMentioning(snapshot, [TEST_USER_ID])).toEqual([]);

    const again = await imagine(t);
    expect(lastAnswer(t, again.token)).toContain('not available to people under 13');
    expect(lastAnswer(t, again.token)).not.toContain('privacy:accept');
    expect(await t.database.db.user.count()).toBe(0);
    expect(await t.database.db.platformIdentity.count()).toBe(0);
    expect(t.openai.edits).toHaveLength(0);
    // And no consent or preference can be recorded for them either.
    expect(await privacyCommand(t, 'marketing', { choice: 'on' })).toContain('under 13');
    expect(await t.database.db.user.count()).toBe(0);
  });

  it('THEN "decline" at first use keeps nothing but the marker, and accepting later still works', async () => {
    await imagine(t);
    expect(await click(t, `privacy:decline:${DEFAULT_POLICY_VERSION}`)).toContain('you declined');
    expect(await t.database.db.user.count()).toBe(0);
    expect(await t.database.db.platformIdentity.count()).toBe(0);
    expect((await t.database.db.ageGateRefusal.findFirstOrThrow()).reason).toBe('declined');

    const raw = await imagine(t);
    expect(lastAnswer(t, raw.token)).toContain('privacy:accept');
    await click(t, `privacy:accept:${DEFAULT_POLICY_VERSION}`);
    expect(await t.database.db.ageGateRefusal.count()).toBe(0);
  });

  it('THEN accepting records age, policy version and time, and the next /imagine is served', async () => {
    await imagine(t);
    const before = Date.now();
    const answer = await click(t, `privacy:accept:${DEFAULT_POLICY_VERSION}`);
    expect(answer).toContain(`version ${DEFAULT_POLICY_VERSION}`);
    const user = await t.database.db.user.findFirstOrThrow();
    expect(user.policyVersion).toBe(DEFAULT_POLICY_VERSION);
    expect(user.ageConfirmedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(user.policyAcceptedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const events = await t.database.db.consentEvent.findMany({ orderBy: { kind: 'asc' } });
    expect(events.map((e) => [e.kind, e.granted, e.policyVersion, e.platform])).toEqual([
      ['age', true, DEFAULT_POLICY_VERSION, 'discord'],
      ['policy', true, DEFAULT_POLICY_VERSION, 'discord'],
    ]);
    // Training use of images is off unless the user opts in.
    expect(user.trainingConsent).toBe(false);
    expect(user.marketingOptIn).toBe(false);

    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');
  });

  it('THEN someone who never answers the gate is forgotten by the sweep after the grace period', async () => {
    await imagine(t);
    expect(await t.database.db.user.count()).toBe(1);
    t.clock.offsetMs = 6 * 24 * 3600_000;
    expect((await sweepRetention(t.app.services)).unansweredUsersForgotten).toBe(0);
    t.clock.offsetMs = 8 * 24 * 3600_000;
    expect((await sweepRetention(t.app.services)).unansweredUsersForgotten).toBe(1);
    expect(await t.database.db.user.count()).toBe(0);
    expect(await t.database.db.platformIdentity.count()).toBe(0);
  });

  it('THEN a button for an outdated policy version asks again for the current one', async () => {
    await imagine(t);
    await publishPolicyVersion(t.app.services, { version: '2026-06-01', summary: 'New processor' });
    const answer = await click(t, `privacy:accept:${DEFAULT_POLICY_VERSION}`);
    expect(answer).toContain('newer version');
    expect(answer).toContain('privacy:accept:2026-06-01');
    expect((await t.database.db.user.findFirstOrThrow()).policyVersion).toBeNull();
  });
});

describe('GIVEN users who accepted the policy', () => {
  beforeEach(async () => {
    t = await startTestBot();
  });

  it('THEN training use is off by default and on only by an explicit opt-in recording the version', async () => {
    await privacyCommand(t, 'show');
    const overview = await privacyCommand(t, 'show');
    expect(overview).toContain('privacy@imagegen.ai');
    expect(overview).toContain('support@imagegen.ai');
    expect(overview).toContain('/privacy');
    // `/privacy show` created nothing.
    expect(await t.database.db.user.count()).toBe(0);

    const on = await privacyCommand(t, 'consent', { what: 'training', choice: 'on' });
    expect(on).toContain('Training use ON');
    const user = await t.database.db.user.findFirstOrThrow();
    expect(user.trainingConsent).toBe(true);
    const event = await t.database.db.consentEvent.findFirstOrThrow({ where: { kind: 'training' } });
    expect(event).toMatchObject({
      granted: true,
      policyVersion: DEFAULT_POLICY_VERSION,
      platform: 'discord',
    });
    const request = await t.database.db.dataRequest.findFirstOrThrow({ where: { kind: 'consent' } });
    expect(request.status).toBe('completed');
    expect(request.dueAt.getTime() - request.requestedAt.getTime()).toBe(30 * 24 * 3600_000);

    await privacyCommand(t, 'consent', { what: 'training', choice: 'off' });
    expect((await t.database.db.user.findFirstOrThrow()).trainingConsent).toBe(false);
    expect(await t.database.db.consentEvent.count({ where: { kind: 'training' } })).toBe(2);
  });

  it('THEN withdrawing consent to processing blocks new generations with a clear message until given back', async () => {
    await privacyCommand(t, 'consent', { what: 'processing', choice: 'off' });
    const raw = await imagine(t);
    const blocked = lastAnswer(t, raw.token);
    expect(blocked).toContain('withdrew your consent to processing');
    expect(blocked).toContain('privacy:consent:processing-on');
    expect(await t.database.db.generation.count()).toBe(0);
    expect(t.openai.edits).toHaveLength(0);

    expect(await click(t, 'privacy:consent:processing-on')).toContain('Consent to processing given');
    await imagine(t);
    expect((await t.waitForGeneration((g) => g.deliveredAt !== null)).status).toBe('succeeded');
    const events = await t.database.db.consentEvent.findMany({
      where: { kind: 'processing' },
      orderBy: { createdAt: 'asc' },
    });
    expect(events.map((e) => e.granted)).toEqual([false, true]);
  });

  it('THEN a new policy version shows a notice on the next use and DMs only users who opted into updates', async () => {
    // Both users exist and accepted the current version; only one wants policy-update DMs.
    await privacyCommand(t, 'updates', { choice: 'on' }, TEST_USER_ID);
    await privacyCommand(t, 'updates', { choice: 'off' }, OTHER_USER);

    await publishPolicyVersion(t.app.services, {
      version: '2026-07-01',
      summary: 'Longer retention of logs',
    });
    await expect.poll(() => dmsTo(t, TEST_USER_ID).length, { timeout: 10_000 }).toBe(1);
    const dm = JSON.stringify(dmsTo(t, TEST_USER_ID)[0]);
    expect(dm).toContain('2026-07-01');
    expect(dm).toContain('Longer retention of logs');
    expect(dm).toContain('/privacy updates');
    // Give the worker time to process anything else it might have queued, then check the other user.
    await expect
      .poll(
        async () =>
          (await t.app.services.privacy.notify.getJobCounts('waiting', 'active', 'delayed')).waiting ?? 0,
      )
      .toBe(0);
    expect(t.discord.dmChannels.has(OTHER_USER)).toBe(false);

    for (const user of [TEST_USER_ID, OTHER_USER]) {
      const raw = await imagine(t, user);
      const notice = lastAnswer(t, raw.token);
      expect(notice).toContain('privacy policy has changed');
      expect(notice).toContain('privacy:accept:2026-07-01');
    }
    expect(await t.database.db.generation.count()).toBe(0);

    await click(t, 'privacy:accept:2026-07-01');
    const accepted = await t.database.db.consentEvent.findFirstOrThrow({
      where: { kind: 'policy', policyVersion: '2026-07-01' },
    });
    expect(accepted.granted).toBe(true);
    await imagine(t);
    expect((await t.waitForGeneration((g) => g.deliveredAt !== null)).status).toBe('succeeded');
  });

  it('THEN announcements reach opted-in users only, carry the opt-out, and never reach someone who opted out', async () => {
    await privacyCommand(t, 'marketing', { choice: 'on' }, TEST_USER_ID);
    await privacyCommand(t, 'marketing', { choice: 'off' }, OTHER_USER);
    // A third user opted in and then out again before the announcement.
    const third = '200000000000000088';
    await privacyCommand(t, 'marketing', { choice: 'on' }, third);
    await privacyCommand(t, 'marketing', { choice: 'off' }, third);

    await queueAnnouncement(t.app.services, 'New styles are here!');
    await expect.poll(() => dmsTo(t, TEST_USER_ID).length, { timeout: 10_000 }).toBe(1);
    const dm = JSON.stringify(dmsTo(t, TEST_USER_ID)[0]);
    expect(dm).toContain('New styles are here!');
    expect(dm).toContain('/privacy marketing choice:off');
    await expect
      .poll(async () => (await t.app.services.privacy.queue.getJobCounts('waiting', 'active')).active ?? 0)
      .toBe(0);
    expect(t.discord.dmChannels.has(OTHER_USER)).toBe(false);
    expect(t.discord.dmChannels.has(third)).toBe(false);
  });

  it('THEN a user who opts out after an announcement was queued is skipped at send time', async () => {
    await privacyCommand(t, 'marketing', { choice: 'on' }, TEST_USER_ID);
    const services = t.app.services;
    const identity = await services.db.platformIdentity.findFirstOrThrow();
    // The DM job exists, then the user opts out before the rate-limited sender reaches it.
    await services.privacy.notify.pause();
    await services.privacy.notify.add('announcement', {
      identityId: identity.id,
      topic: 'announcement',
      ref: 'test-1',
      text: 'Hello',
    });
    await privacyCommand(t, 'marketing', { choice: 'off' }, TEST_USER_ID);
    await services.privacy.notify.resume();
    await expect
      .poll(async () => (await services.privacy.notify.getJobCounts('completed')).completed ?? 0)
      .toBe(1);
    expect(t.discord.dmChannels.has(TEST_USER_ID)).toBe(false);
  });

  it('THEN corrections change the name and email we hold and the audit keeps only which fields changed', async () => {
    const answer = await privacyCommand(t, 'correct', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      language: 'en-GB',
    });
    expect(answer).toContain('Updated: name, email, language');
    const user = await t.database.db.user.findFirstOrThrow();
    expect(user).toMatchObject({ displayName: 'Ada Lovelace', email: 'ada@example.com', locale: 'en-GB' });
    const request = await t.database.db.dataRequest.findFirstOrThrow({ where: { kind: 'correct' } });
    expect(request.status).toBe('completed');
    expect(JSON.stringify(request.details)).not.toContain('ada@example.com');
    expect(JSON.stringify(request.details)).not.toContain('Lovelace');
    expect(request.details).toMatchObject({ fields: ['displayName', 'email', 'locale'] });
    expect(await privacyCommand(t, 'correct', { email: 'not-an-email' })).toContain('email');
  });

  it('THEN consent changes are listed as data requests with a due date a month out', async () => {
    await privacyCommand(t, 'marketing', { choice: 'on' });
    const rows = await t.database.db.dataRequest.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'consent', status: 'completed' });
    expect(rows[0]!.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.details).toEqual({
      consent: 'marketing',
      granted: true,
      policyVersion: DEFAULT_POLICY_VERSION,
    });
  });
});
