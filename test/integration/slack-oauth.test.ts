/**
 * Many workspaces: the OAuth v2 install flow through the real Bolt installer against the fake
 * Slack, installations sealed in Postgres, removal on app_uninstalled / tokens_revoked, a clear
 * answer to workspaces without an installation, and key rotation of the sealed tokens.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/services/secret-box.ts';
import {
  createSlackInstallationRepository,
  resealSlackInstallations,
} from '../../src/services/slack-installations.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { rowsMentioning, snapshotTables } from '../support/privacy.ts';
import {
  eventCallback,
  installWorkspace,
  sendSlack,
  slashCommand,
  TEST_SLACK_TEAM,
} from '../support/slack-requests.ts';

let t: TestBot | undefined;
let database: TestDatabase | undefined;

afterEach(async () => {
  await t?.stop();
  await database?.drop();
  t = undefined;
  database = undefined;
});

async function start() {
  t = await startTestBot({ slack: true, roles: 'web' });
  return t;
}

describe('GIVEN the OAuth install flow', () => {
  it('THEN /slack/install sends the admin to Slack with the bot scopes and a signed state', async () => {
    const bot = await start();
    const res = await fetch(`${bot.webUrl}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(bot.slack!.clientId);
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost:3000/slack/oauth_redirect');
    const scopes = location.searchParams.get('scope')?.split(',') ?? [];
    expect(scopes).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'files:read',
        'files:write',
        'app_mentions:read',
        'im:history',
      ]),
    );
    expect(res.headers.get('set-cookie')).toContain('HttpOnly');
  });

  it('THEN the callback stores the installation sealed: the bot token appears nowhere in the database', async () => {
    const bot = await start();
    const res = await installWorkspace(bot.webUrl!, bot.slack!.oauthCode(TEST_SLACK_TEAM));
    expect(res.status).toBe(200);

    const token = bot.slack!.workspaces.get(TEST_SLACK_TEAM)!.token;
    const rows = await bot.database.db.slackInstallation.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      installKey: TEST_SLACK_TEAM,
      teamId: TEST_SLACK_TEAM,
      isEnterpriseInstall: false,
    });
    expect(rowsMentioning(await snapshotTables(bot.database.db), [token, token.slice(5)])).toEqual([]);
    // …and it opens to the installation with that token, with the app's key only.
    const opened = JSON.parse(bot.app.services.box.open(rows[0]!.sealedInstallation));
    expect(opened.bot.token).toBe(token);
    expect(bot.slack!.callsTo('oauth.v2.access')).toHaveLength(1);
    expect(bot.slack!.contractErrors).toEqual([]);
  });

  it('THEN a callback without the browser state cookie stores nothing (CSRF)', async () => {
    const bot = await start();
    const start1 = await fetch(`${bot.webUrl}/slack/install`, { redirect: 'manual' });
    const state = new URL(start1.headers.get('location') ?? '').searchParams.get('state');
    const code = bot.slack!.oauthCode(TEST_SLACK_TEAM);
    const res = await fetch(`${bot.webUrl}/slack/oauth_redirect?code=${code}&state=${state}`, {
      redirect: 'manual',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await bot.database.db.slackInstallation.count()).toBe(0);
    expect(bot.slack!.callsTo('oauth.v2.access')).toHaveLength(0);
  });
});

describe('GIVEN an installed workspace', () => {
  it('THEN app_uninstalled removes its installation, and its next command is told the app is not installed', async () => {
    const bot = await start();
    await installWorkspace(bot.webUrl!, bot.slack!.oauthCode(TEST_SLACK_TEAM));
    expect(await bot.database.db.slackInstallation.count()).toBe(1);

    const res = await sendSlack(bot.webUrl!, eventCallback({ event: { type: 'app_uninstalled' } }));
    expect(res.status).toBe(200);
    await bot.app.slack!.adapter.settled();
    expect(await bot.database.db.slackInstallation.count()).toBe(0);

    const responseUrl = bot.slack!.responseUrl(TEST_SLACK_TEAM);
    const command = await sendSlack(bot.webUrl!, slashCommand({ command: '/jobs', responseUrl }));
    expect(command.status).toBe(200);
    await bot.app.slack!.adapter.settled();
    expect(bot.slack!.responsePosts.map((p) => p.body.text)).toEqual([
      expect.stringContaining('not installed in this Slack workspace'),
    ]);
  });

  it('THEN tokens_revoked for the bot token removes the installation; for user tokens only it keeps it', async () => {
    const bot = await start();
    await installWorkspace(bot.webUrl!, bot.slack!.oauthCode(TEST_SLACK_TEAM));

    await sendSlack(
      bot.webUrl!,
      eventCallback({ event: { type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } } }),
    );
    await bot.app.slack!.adapter.settled();
    expect(await bot.database.db.slackInstallation.count()).toBe(1);

    await sendSlack(
      bot.webUrl!,
      eventCallback({ event: { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } } }),
    );
    await bot.app.slack!.adapter.settled();
    expect(await bot.database.db.slackInstallation.count()).toBe(0);
  });
});

describe('GIVEN a workspace that never installed the app', () => {
  it('THEN its slash command is acknowledged and answered with how to install, and nothing runs', async () => {
    const bot = await start();
    const responseUrl = bot.slack!.responseUrl('T0STRANGER');
    const res = await sendSlack(
      bot.webUrl!,
      slashCommand({ command: '/imagine', teamId: 'T0STRANGER', responseUrl }),
    );
    expect(res.status).toBe(200);
    await bot.app.slack!.adapter.settled();

    expect(bot.slack!.responsePosts).toHaveLength(1);
    const answer = bot.slack!.responsePosts[0]!.body;
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('not installed in this Slack workspace');
    expect(answer.text).toContain('/slack/install');
    expect(bot.slack!.callsTo('views.open')).toHaveLength(0);
    expect(await bot.database.db.user.count()).toBe(0);
  });
});

describe('GIVEN a rotated DATA_ENCRYPTION_KEY', () => {
  it('THEN installations sealed with the old key still open while it is listed, and re-sealing moves them to the new key', async () => {
    database = await createTestDatabase({ label: 'slack-keys' });
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    await createSlackInstallationRepository(database.db, createSecretBox(oldKey)).save({
      teamId: 'T0ROTATE',
      installation: { team: { id: 'T0ROTATE' }, bot: { token: 'xoxb-rotate-me' } },
    });

    const rotating = createSecretBox(newKey, [oldKey]);
    expect(
      await createSlackInstallationRepository(database.db, rotating).find({ teamId: 'T0ROTATE' }),
    ).toMatchObject({
      bot: { token: 'xoxb-rotate-me' },
    });
    await expect(
      createSlackInstallationRepository(database.db, createSecretBox(newKey)).find({ teamId: 'T0ROTATE' }),
    ).rejects.toThrow();

    expect(await resealSlackInstallations(database.db, rotating)).toBe(1);
    expect(
      await createSlackInstallationRepository(database.db, createSecretBox(newKey)).find({
        teamId: 'T0ROTATE',
      }),
    ).toMatchObject({
      bot: { token: 'xoxb-rotate-me' },
    });
  });

  it('THEN an org-wide (Enterprise Grid) install serves the workspaces of its org', async () => {
    database = await createTestDatabase({ label: 'slack-org' });
    const repo = createSlackInstallationRepository(database.db, createSecretBox(randomBytes(32)));
    await repo.save({
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: true,
      installation: { bot: { token: 'xoxb-org' } },
    });

    expect(await repo.find({ teamId: 'T0INORG', enterpriseId: 'E0ORG' })).toMatchObject({
      bot: { token: 'xoxb-org' },
    });
    expect(await repo.find({ teamId: 'T0ELSEWHERE' })).toBeUndefined();
    expect(await repo.remove({ enterpriseId: 'E0ORG', isEnterpriseInstall: true })).toBe(1);
    expect(await repo.find({ teamId: 'T0INORG', enterpriseId: 'E0ORG' })).toBeUndefined();
  });
});
