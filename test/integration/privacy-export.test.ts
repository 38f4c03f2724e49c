/**
 * `/privacy export` end to end: the job builds the archive, the link arrives by DM, the web role
 * serves it — and the archive holds every row of every table that references the person, with
 * their images. Links: tampered, expired, or another export's → 403. The account page of a
 * signed-in (Clerk) user lists their exports and refuses anyone else's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatInputInteraction, TEST_USER_ID } from '../support/discord-interactions.ts';
import { rowsMentioning, snapshotTables } from '../support/privacy.ts';
import { type PrivacyBot, type SeededUser, seedFullUser, startPrivacyBot } from '../support/privacy-seed.ts';
import { unzip } from '../support/zip.ts';

const OTHER_USER = '200000000000000066';
let bot: PrivacyBot;
let seed: SeededUser;

afterEach(async () => {
  await bot?.stop();
});

/** Runs `/privacy export` for `userId` and returns the download path from the DM it receives. */
async function exportFor(userId: string): Promise<string> {
  const before = bot.t.discord.channelMessages.length;
  const raw = chatInputInteraction({ command: 'privacy', subcommand: 'export', userId });
  await bot.t.interact(raw);
  const ack = JSON.stringify(
    bot.t.discord
      .callsTo('webhookEdit')
      .filter((c) => c.path.includes(raw.token))
      .at(-1)?.payload,
  );
  expect(ack).toContain('Preparing your export');
  await expect
    .poll(
      () =>
        bot.t.discord.channelMessages
          .slice(before)
          .find((m) => m.channel_id === bot.t.discord.dmChannels.get(userId)),
      {
        timeout: 15_000,
      },
    )
    .toBeDefined();
  const dm = JSON.stringify(
    bot.t.discord.channelMessages
      .slice(before)
      .find((m) => m.channel_id === bot.t.discord.dmChannels.get(userId)),
  );
  const link = /https?:\/\/[^\s"\\)]+\/exports\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}/.exec(dm)?.[0];
  expect(link).toBeDefined();
  return new URL(link!).pathname;
}

const get = (path: string) => fetch(`http://127.0.0.1:${bot.t.app.port}${path}`);
const post = (path: string, body: unknown) =>
  fetch(`http://127.0.0.1:${bot.t.app.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

describe('GIVEN a user with data in every table', () => {
  beforeEach(async () => {
    bot = await startPrivacyBot({ roles: 'discord,worker,web' });
    seed = await seedFullUser(bot);
  });

  it('THEN the archive holds every row that references them, their prompts, timestamps and images', async () => {
    const db = bot.t.database.db;
    const identities = await db.platformIdentity.findMany();
    const needles = [seed.user.id, ...identities.map((i) => i.id), TEST_USER_ID, seed.slackUserId];
    // Every row, in any table, that references the person — found generically, not from a list.
    const holding = rowsMentioning(await snapshotTables(db), needles);
    const tablesHolding = new Set(holding.map((h) => h.slice(0, h.indexOf(':'))));
    expect([...tablesHolding].sort()).toEqual(
      [
        'ChildReport',
        'ConsentEvent',
        'CreditLedger',
        'DataRequest',
        'Generation',
        'LinkToken',
        'PlatformIdentity',
        'Subscription',
        'User',
      ].sort(),
    );

    const path = await exportFor(TEST_USER_ID);
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    const text = files.get('export.json')!.toString('utf8');
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'imagegen-personal-data-export', formatVersion: 1 });

    for (const hit of holding) {
      const id = /"id":"([^"]+)"/.exec(hit)?.[1];
      expect(id, hit).toBeDefined();
      expect(text, `row missing from the export: ${hit}`).toContain(id);
    }
    expect(doc.profile).toMatchObject({
      id: seed.user.id,
      email: seed.email,
      displayName: seed.displayName,
      plan: 'pro',
    });
    expect(doc.identities.map((i: { platformUserId: string }) => i.platformUserId).sort()).toEqual(
      [TEST_USER_ID, seed.slackUserId].sort(),
    );
    expect(doc.identities.flatMap((i: { linkTokens: unknown[] }) => i.linkTokens)).toHaveLength(1);
    expect(doc.subscriptions[0]).toMatchObject({ stripeSubscriptionId: seed.stripeSubscriptionId });
    expect(doc.creditLedger.length).toBeGreaterThanOrEqual(2);
    expect(doc.consentEvents.length).toBeGreaterThanOrEqual(1);
    expect(doc.dataRequests.map((r: { kind: string }) => r.kind)).toEqual(
      expect.arrayContaining(['consent', 'export']),
    );
    expect(doc.childReportsAboutYou).toHaveLength(1);

    const generation = doc.generations.find((g: { id: string }) => g.id === seed.generation.id);
    expect(generation).toMatchObject({ prompt: seed.prompt, style: 'watercolor', status: 'succeeded' });
    expect(new Date(generation.createdAt).getTime()).toBe(seed.generation.createdAt.getTime());
    expect(generation.finishedAt).toBeTruthy();
    // The images, byte for byte as stored.
    for (const [role, key] of [
      ['source', seed.generation.sourceKey],
      ['result', seed.generation.resultKey],
    ] as const) {
      const stored = [...bot.t.imagekit.files.values()].find((f) => f.filePath.endsWith(`/${key}`))!;
      expect(generation.images[role]).toMatch(new RegExp(`^images/${seed.generation.id}-${role}\\.`));
      expect(files.get(generation.images[role])?.equals(stored.bytes)).toBe(true);
    }
    expect(files.has('README.txt')).toBe(true);

    // Our secrets are not theirs: no sealed reply targets, no token hashes.
    expect(text).not.toContain('replyTarget');
    expect(text).not.toContain('tokenHash');
    expect(text).not.toMatch(/"v1\.[A-Za-z0-9_-]+\./);

    const exported = await db.dataExport.findFirstOrThrow();
    expect(exported.downloadedAt).not.toBeNull();
    expect(exported.expiresAt.getTime() - exported.createdAt.getTime()).toBe(24 * 3600_000);
    await expect
      .poll(async () => (await db.dataRequest.findFirst({ where: { kind: 'export' } }))?.status)
      .toBe('completed');
    const request = await db.dataRequest.findFirstOrThrow({ where: { kind: 'export' } });
    expect(JSON.stringify(request.details)).not.toContain('replyTarget');
    // Every request the bot made conformed to Discord's API description (the DM included).
    expect(bot.t.discord.contractErrors).toEqual([]);
  });

  it('THEN the link works while valid, and a tampered, expired or other export’s link gets 403', async () => {
    const mine = await exportFor(TEST_USER_ID);
    // Another person (they accept the policy implicitly in tests) with their own export.
    await bot.t.interact(
      chatInputInteraction({
        command: 'privacy',
        subcommand: 'marketing',
        options: { choice: 'on' },
        userId: OTHER_USER,
      }),
    );
    const theirs = await exportFor(OTHER_USER);
    const [myId, mySecret] = mine.slice('/exports/'.length).split('.') as [string, string];
    const [theirId, theirSecret] = theirs.slice('/exports/'.length).split('.') as [string, string];
    expect(myId).not.toBe(theirId);

    expect((await get(mine)).status).toBe(200);
    expect((await get(theirs)).status).toBe(200);

    const flipped = `${mySecret.slice(0, 10)}${mySecret[10] === 'A' ? 'B' : 'A'}${mySecret.slice(11)}`;
    for (const bad of [
      `/exports/${myId}.${flipped}`,
      `/exports/${myId}.${theirSecret}`,
      `/exports/${theirId}.${mySecret}`,
      `/exports/${myId}`,
      `/exports/00000000-0000-0000-0000-000000000000.${mySecret}`,
    ]) {
      const res = await get(bad);
      expect(res.status, bad).toBe(403);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('does not work');
    }

    bot.t.clock.offsetMs = 24 * 3600_000 + 60_000;
    expect((await get(mine)).status).toBe(403);
    expect((await get(theirs)).status).toBe(403);
  });

  it('THEN the signed-in account page lists only their exports and hands out a fresh link', async () => {
    const dmLink = await exportFor(TEST_USER_ID);
    await bot.t.interact(
      chatInputInteraction({
        command: 'privacy',
        subcommand: 'marketing',
        options: { choice: 'on' },
        userId: OTHER_USER,
      }),
    );
    const theirs = await exportFor(OTHER_USER);
    const theirId = theirs.slice('/exports/'.length).split('.')[0]!;
    const sessionToken = bot.clerk.keys.signSessionToken({ sub: seed.clerkUserId });

    const page = await get('/account/exports');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Your data exports');

    expect((await post('/account/exports', { sessionToken: 'forged' })).status).toBe(401);
    const listing = (await (await post('/account/exports', { sessionToken })).json()) as {
      exports: Array<{ id: string }>;
    };
    expect(listing.exports).toHaveLength(1);
    expect(listing.exports[0]!.id).not.toBe(theirId);

    expect((await post(`/account/exports/${theirId}/link`, { sessionToken })).status).toBe(403);
    const fresh = (await (
      await post(`/account/exports/${listing.exports[0]!.id}/link`, { sessionToken })
    ).json()) as {
      url: string;
    };
    const path = new URL(fresh.url).pathname;
    expect((await get(path)).status).toBe(200);
    // The fresh link replaced the secret: the DM link no longer works.
    expect((await get(dmLink)).status).toBe(403);
  });

  it('THEN the privacy policy is served at /privacy', async () => {
    const res = await get('/privacy');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('Privacy Policy');
    expect(text).toContain('Generated images are retained for 90 days after account deletion');
  });
});

describe('GIVEN an operator with ADMIN_TOKEN', () => {
  const ADMIN_TOKEN = 'operator-secret-0123456789';

  beforeEach(async () => {
    bot = await startPrivacyBot({ roles: 'discord,worker,web', env: { ADMIN_TOKEN } });
  });

  it('THEN open data requests are listed with their due dates, and only with the token', async () => {
    // The privacy worker is stopped, so the request waits.
    await bot.t.app.privacyWorkers!.workers[0]!.pause();
    await bot.t.interact(
      chatInputInteraction({ command: 'privacy', subcommand: 'marketing', options: { choice: 'on' } }),
    );
    await bot.t.interact(chatInputInteraction({ command: 'privacy', subcommand: 'export' }));

    expect((await get('/admin/privacy/requests')).status).toBe(401);
    const res = await fetch(`http://127.0.0.1:${bot.t.app.port}/admin/privacy/requests`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      requests: Array<{ kind: string; status: string; requestedAt: string; dueAt: string; overdue: boolean }>;
    };
    // The consent change was answered on the spot; the export waits for the worker.
    expect(body.requests).toHaveLength(1);
    const [open] = body.requests;
    expect(open).toMatchObject({ kind: 'export', status: 'pending', overdue: false });
    expect(new Date(open!.dueAt).getTime() - new Date(open!.requestedAt).getTime()).toBe(30 * 24 * 3600_000);
    expect(JSON.stringify(body)).not.toContain(TEST_USER_ID);
  });
});
