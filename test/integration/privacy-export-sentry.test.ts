/**
 * A failing export reaches Sentry (a fake ingest on loopback, through the real @sentry/node
 * transport) without any of the person's data, even when the failure's own message carries it;
 * the request is marked failed with the event id, and the person is told.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushSentry } from '../../src/observability.ts';
import { HttpFake } from '../fakes/http-fake.ts';
import { chatInputInteraction, TEST_CHANNEL_ID, TEST_USER_ID } from '../support/discord-interactions.ts';
import { type PrivacyBot, type SeededUser, seedFullUser, startPrivacyBot } from '../support/privacy-seed.ts';

let ingest: HttpFake;
let bot: PrivacyBot;
let seed: SeededUser;

beforeAll(async () => {
  ingest = new HttpFake('sentry');
  ingest.route('POST', '/api/:project/envelope/', () => ({ status: 200, body: {} }));
  await ingest.start();
  bot = await startPrivacyBot({
    env: {
      SENTRY_DSN: `${ingest.url.replace('http://', 'http://publickey@')}/1`,
      PRIVACY_JOB_ATTEMPTS: '2',
      PRIVACY_JOB_BACKOFF_MS: '10',
    },
  });
  seed = await seedFullUser(bot);
});

afterAll(async () => {
  await bot?.stop();
  await ingest?.stop();
});

const envelopeText = () =>
  ingest
    .received('POST')
    .map((r) => (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8'))
    .join('\n');

describe('GIVEN an export whose archive cannot be stored', () => {
  it('THEN Sentry gets an event with no personal data, the request is marked failed, and the user is told', async () => {
    // Storage answers with an error whose message names the person (as a careless service might).
    bot.t.imagekit.http.failNext(
      'POST',
      '/api/v1/files/upload',
      {
        status: 500,
        body: {
          message: `storage exploded for ${seed.email} (${seed.displayName}) ${TEST_USER_ID} ${seed.clerkUserId} ${seed.stripeCustomerId} "${seed.prompt}"`,
        },
      },
      100,
    );
    const raw = chatInputInteraction({ command: 'privacy', subcommand: 'export' });
    await bot.t.interact(raw);

    const db = bot.t.database.db;
    await expect
      .poll(async () => (await db.dataRequest.findFirst({ where: { kind: 'export' } }))?.status, {
        timeout: 20_000,
      })
      .toBe('failed');
    await flushSentry();
    await expect.poll(() => ingest.received('POST').length).toBeGreaterThan(0);

    const text = envelopeText();
    expect(text).toContain('storage exploded');
    expect(text).toContain('privacy-export');
    for (const secret of [
      seed.email,
      seed.displayName,
      seed.prompt,
      seed.clerkUserId,
      seed.stripeCustomerId,
      seed.user.id,
      seed.slackUserId,
      TEST_USER_ID,
      TEST_CHANNEL_ID,
      raw.token,
    ]) {
      expect(text, secret).not.toContain(secret);
    }

    const request = await db.dataRequest.findFirstOrThrow({ where: { kind: 'export' } });
    const eventId = /event ([0-9a-f]{32})/.exec(request.error ?? '')?.[1];
    expect(eventId).toBeDefined();
    expect(await db.dataExport.count()).toBe(0);
    // The person hears about it (by DM, with the event id to quote).
    const dmText = () =>
      JSON.stringify(
        bot.t.discord.channelMessages.find(
          (m) => m.channel_id === bot.t.discord.dmChannels.get(TEST_USER_ID),
        ) ?? null,
      );
    await expect.poll(dmText).toContain('could not be built');
    expect(dmText()).toContain(eventId);
  });
});
