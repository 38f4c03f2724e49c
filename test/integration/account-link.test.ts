/**
 * Account linking end to end: `/account link` on Discord → a private link → the web role's page →
 * a Clerk session token (RS256, signed with a key made by the test) posted back and verified with
 * the real @clerk/backend → the identity is linked; a Slack identity linked to the same Clerk user
 * becomes the same User. Reused, expired and tampered tokens are refused and change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClerkTestKeys } from '../fakes/clerk.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import {
  discordCommand,
  discordUser,
  findUrl,
  onWebRole,
  slackCommand,
  TEST_SLACK_TEAM,
} from '../support/billing.ts';
import { TEST_USER_ID } from '../support/discord-interactions.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const CLERK_USER = 'user_2testPersonA';

async function linkBot(env: Record<string, string> = {}) {
  const bot = await startTestBot({ roles: 'web,discord', linking: true, env });
  bot.clerk!.addUser({
    id: CLERK_USER,
    email: 'person.a@example.test',
    firstName: 'Ada',
    lastName: 'Lovelace',
  });
  return bot;
}

/** `/account link` on Discord; returns the link as the web role serves it. */
async function discordLink(bot: TestBot, userId = TEST_USER_ID): Promise<string> {
  const shown = await discordCommand(bot, 'account', { subcommand: 'link', userId });
  expect(shown.ephemeral).toBe(true);
  return onWebRole(bot, findUrl(shown.text, '/link/'));
}

async function postSession(linkUrl: string, sessionToken: string) {
  const res = await fetch(linkUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ sessionToken }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; outcome?: string; reason?: string },
  };
}

describe('GIVEN account linking with Clerk', () => {
  it('THEN /account link → page → verified session token links the Discord identity, and a Slack identity of the same person joins the same User', async () => {
    t = await linkBot();
    const link = await discordLink(t);

    // The page checks the token without using it and loads Clerk for this instance.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('https://clerk.example.test/npm/@clerk/clerk-js');
    expect(html).toContain('Link your Discord account');
    expect((await discordUser(t)).clerkUserId).toBeNull();

    const linked = await postSession(link, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }));
    expect(linked).toMatchObject({ status: 200, body: { ok: true, outcome: 'linked' } });
    const discordOwner = await discordUser(t);
    expect(discordOwner).toMatchObject({
      clerkUserId: CLERK_USER,
      email: 'person.a@example.test',
      displayName: 'Ada Lovelace',
    });
    expect(t.clerk!.http.received('GET', `/v1/users/${CLERK_USER}`)).toHaveLength(1);

    // /account now shows the link.
    const status = await discordCommand(t, 'account', { subcommand: 'status' });
    expect(status.text).toContain('person.a@example.test');

    // The same person on Slack: a second identity, its own User until linked.
    const slackReply = await slackCommand(t, 'account', { subcommand: 'link' });
    expect(slackReply.ephemeral).toBe(true);
    const slackLink = onWebRole(t, findUrl(slackReply.text, '/link/'));
    const merged = await postSession(slackLink, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }));
    expect(merged).toMatchObject({ status: 200, body: { ok: true, outcome: 'merged' } });

    const users = await t.database.db.user.findMany({ include: { identities: true } });
    expect(users).toHaveLength(1);
    expect(users[0]!.id).toBe(discordOwner.id);
    expect(users[0]!.identities.map((i) => `${i.platform}:${i.scope}`).sort()).toEqual([
      'discord:',
      `slack:${TEST_SLACK_TEAM}`,
    ]);
    const slackStatus = await slackCommand(t, 'account');
    expect(JSON.stringify(slackStatus)).toContain(`Slack (workspace ${TEST_SLACK_TEAM})`);
    expect(t.clerk!.contractErrors).toEqual([]);
  });

  it('THEN a reused link is refused with a clear page and changes nothing', async () => {
    t = await linkBot();
    const link = await discordLink(t);
    expect((await postSession(link, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }))).status).toBe(200);

    t.clerk!.addUser({ id: 'user_2someoneElse' });
    const again = await postSession(link, t.clerk!.keys.signSessionToken({ sub: 'user_2someoneElse' }));
    expect(again).toMatchObject({ status: 410, body: { ok: false, reason: 'used' } });
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('already used');
    expect((await discordUser(t)).clerkUserId).toBe(CLERK_USER);
    expect(await t.database.db.user.count({ where: { clerkUserId: 'user_2someoneElse' } })).toBe(0);
  });

  it('THEN an expired link is refused with a clear page and changes nothing', async () => {
    t = await linkBot();
    const link = await discordLink(t);
    t.clock.offsetMs = 16 * 60_000;
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('has expired');
    const post = await postSession(link, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }));
    expect(post).toMatchObject({ status: 410, body: { reason: 'expired' } });
    expect((await discordUser(t)).clerkUserId).toBeNull();
    expect(await t.database.db.linkToken.count({ where: { usedAt: { not: null } } })).toBe(0);
  });

  it('THEN a tampered link or a forged session token is refused, and the link still works afterwards', async () => {
    t = await linkBot();
    const link = await discordLink(t);
    const token = link.split('/link/')[1]!;
    const tampered = link.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    const page = await fetch(tampered);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('not valid');
    expect(
      (await postSession(tampered, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }))).body.reason,
    ).toBe('unknown');

    // A session token signed with another key, one for another site (azp), and an expired one.
    const stranger = createClerkTestKeys({ azp: 'http://localhost:3000' });
    const forged = [
      stranger.signSessionToken({ sub: CLERK_USER }),
      t.clerk!.keys.signSessionToken({ sub: CLERK_USER, azp: 'https://evil.example' }),
      t.clerk!.keys.signSessionToken({ sub: CLERK_USER, exp: Math.floor(Date.now() / 1000) - 600 }),
      'not-a-jwt',
    ];
    for (const sessionToken of forged) {
      expect(await postSession(link, sessionToken)).toMatchObject({
        status: 401,
        body: { reason: 'session_invalid' },
      });
    }
    expect((await discordUser(t)).clerkUserId).toBeNull();

    // Nothing was used up: the genuine sign-in still links.
    expect((await postSession(link, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }))).status).toBe(200);
    expect((await discordUser(t)).clerkUserId).toBe(CLERK_USER);
  });

  it('THEN without CLERK_JWT_KEY the session token is verified through the instance JWKS', async () => {
    t = await linkBot({ CLERK_JWT_KEY: '' });
    const link = await discordLink(t);
    expect((await postSession(link, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }))).status).toBe(200);
    expect(t.clerk!.http.received('GET', '/v1/jwks').length).toBeGreaterThan(0);
    expect((await discordUser(t)).clerkUserId).toBe(CLERK_USER);
  });

  it('THEN an identity linked to one account cannot be linked to another until it is unlinked', async () => {
    t = await linkBot();
    await postSession(await discordLink(t), t.clerk!.keys.signSessionToken({ sub: CLERK_USER }));
    const second = await discordLink(t);
    const refused = await postSession(second, t.clerk!.keys.signSessionToken({ sub: 'user_2other' }));
    expect(refused).toMatchObject({ status: 409, body: { reason: 'linked_elsewhere' } });
    expect((await discordUser(t)).clerkUserId).toBe(CLERK_USER);

    const unlink = await discordCommand(t, 'account', { subcommand: 'unlink' });
    expect(unlink.text).toContain('Unlinked');
    expect((await discordUser(t)).clerkUserId).toBeNull();
    // The refused link was not used up by the refusal: it now links to the other account.
    expect((await postSession(second, t.clerk!.keys.signSessionToken({ sub: 'user_2other' }))).status).toBe(
      200,
    );
    expect((await discordUser(t)).clerkUserId).toBe('user_2other');
  });

  it('THEN unlinking one of two linked chat accounts splits it off as a fresh free User; the account keeps plan and credits', async () => {
    t = await linkBot();
    await postSession(await discordLink(t), t.clerk!.keys.signSessionToken({ sub: CLERK_USER }));
    const slackLink = onWebRole(
      t,
      findUrl((await slackCommand(t, 'account', { subcommand: 'link' })).text, '/link/'),
    );
    await postSession(slackLink, t.clerk!.keys.signSessionToken({ sub: CLERK_USER }));
    const account = await discordUser(t);
    await t.database.db.user.update({ where: { id: account.id }, data: { plan: 'pro', credits: 0 } });

    const reply = await slackCommand(t, 'account', { subcommand: 'unlink' });
    expect(reply.text).toContain('starts fresh on the free plan');
    const slackIdentity = await t.database.db.platformIdentity.findFirstOrThrow({
      where: { platform: 'slack' },
      include: { user: true },
    });
    expect(slackIdentity.userId).not.toBe(account.id);
    expect(slackIdentity.user).toMatchObject({ plan: 'free', credits: 0, clerkUserId: null });
    expect(slackIdentity.user.ageConfirmedAt).toEqual(account.ageConfirmedAt);
    expect(await discordUser(t)).toMatchObject({ id: account.id, plan: 'pro', clerkUserId: CLERK_USER });
  });

  it('THEN with Clerk not configured /account link says so plainly', async () => {
    t = await startTestBot({ roles: 'web,discord' });
    const shown = await discordCommand(t, 'account', { subcommand: 'link' });
    expect(shown.text).toContain('Account linking is not configured');
    expect(await t.database.db.linkToken.count()).toBe(0);
  });
});
