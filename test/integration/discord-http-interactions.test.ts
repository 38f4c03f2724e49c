/**
 * Discord interactions over HTTP (`POST /discord/interactions`): real Ed25519 signatures made with
 * a key pair generated here, sent over real HTTP to the web role. Refused requests (missing,
 * forged, stale, tampered) get 401 and leave no trace; PING gets PONG; a signed `/imagine` runs
 * through the same adapter, commands, queue and delivery as one from the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import {
  chatInputInteraction,
  feedInteraction,
  makeInteractionKeys,
  signInteraction,
} from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

const keys = makeInteractionKeys();
let t: TestBot;

beforeAll(async () => {
  // Both paths in one bot, so the HTTP path can be compared with the gateway path.
  t = await startTestBot({
    roles: 'web,discord,worker',
    env: { DISCORD_MODE: 'both', DISCORD_PUBLIC_KEY: keys.publicKeyHex },
  });
});

afterAll(async () => {
  const contractErrors = [...(t?.discord.contractErrors ?? [])];
  await t?.stop();
  expect(contractErrors).toEqual([]);
});

const endpoint = () => `http://127.0.0.1:${t.app.port}/discord/interactions`;

function post(body: string, headers: Record<string, string>) {
  return fetch(endpoint(), { method: 'POST', body, headers });
}

async function imaginePayload(style: string) {
  const bytes = await makeJpeg({ width: 640, height: 480 });
  const url = t.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
  return chatInputInteraction({
    command: 'imagine',
    options: { style },
    attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } },
  });
}

/** What Discord saw for one interaction, without what differs per interaction (ids, style, timing). */
function conversation(token: string, styleLabel: string) {
  return t.discord.calls
    .filter((c) => c.path.includes(token))
    .map((c) => ({
      route: c.route,
      type: c.payload?.type,
      flags: c.payload?.data?.flags,
      authorization: c.authorization,
      embeds: JSON.stringify(c.payload?.embeds ?? null)
        .replaceAll(styleLabel, 'STYLE')
        .replace(/position \d+/, 'position N')
        .replace(/Done in [\d.]+ s\./, 'Done in N s.')
        .replace(/(sources|results)\/[^"]+/g, '$1/FILE'),
      // Component kinds and actions; the ids and the offered styles differ.
      components: (c.payload?.components ?? []).map(
        (row: { components: Array<{ type: number; custom_id: string }> }) =>
          row.components.map((x) => `${x.type}:${x.custom_id.replace(/[0-9a-f-]{36}/, '<id>')}`),
      ),
    }));
}

describe('POST /discord/interactions', () => {
  it('answers a signed PING with PONG', async () => {
    const body = JSON.stringify({
      id: '1',
      application_id: '100000000000000001',
      type: 1,
      token: 'x',
      version: 1,
    });
    const res = await post(body, signInteraction(keys.privateKey, body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
    expect(t.discord.calls).toEqual([]);
  });

  it('refuses a missing, forged, stale or tampered signature with 401 and does nothing', async () => {
    const raw = await imaginePayload('watercolor');
    const body = JSON.stringify(raw);
    const other = makeInteractionKeys();
    const good = signInteraction(keys.privateKey, body);
    const now = Math.floor(Date.now() / 1000);
    const attempts: Array<[string, string, Record<string, string>]> = [
      ['missing', body, { 'content-type': 'application/json' }],
      ['no timestamp', body, { ...good, 'x-signature-timestamp': '' }],
      ['forged (another key)', body, signInteraction(other.privateKey, body)],
      ['stale (10 minutes old)', body, signInteraction(keys.privateKey, body, now - 600)],
      ['from the future', body, signInteraction(keys.privateKey, body, now + 600)],
      ['tampered body', body.replace('watercolor', 'anime'), good],
      ['garbage signature', body, { ...good, 'x-signature-ed25519': 'zz' }],
    ];
    for (const [name, sent, headers] of attempts) {
      const res = await post(sent, headers);
      expect(res.status, name).toBe(401);
    }
    expect(t.discord.calls).toEqual([]);
    expect(await t.database.db.generation.count()).toBe(0);
    expect(t.discord.http.received('GET', '/cdn/')).toHaveLength(0);
  });

  it('answers 400 to a signed body that is not an interaction it can read, and keeps serving', async () => {
    for (const body of [
      'not json',
      JSON.stringify({ type: 2 }),
      JSON.stringify({ id: '5', type: 2, token: 't' }),
    ]) {
      const res = await post(body, signInteraction(keys.privateKey, body));
      expect(res.status, body).toBe(400);
    }
    expect(t.discord.calls).toEqual([]);
  });

  it('runs a signed /imagine exactly like the gateway path: acknowledged, queued, restyled, delivered', async () => {
    const viaGateway = await imaginePayload('anime');
    feedInteraction(t.app.discord!, viaGateway);
    await t.app.discordAdapter!.settled();
    await t.waitForGeneration((g) => g.style === 'anime' && g.deliveredAt !== null);

    const viaHttp = await imaginePayload('sketch');
    const body = JSON.stringify(viaHttp);
    const res = await post(body, signInteraction(keys.privateKey, body));
    // Acknowledged through the callback endpoint before the answer: 202 with no body.
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(t.discord.callsTo('interactionCallback').some((c) => c.params.token === viaHttp.token)).toBe(true);

    await t.app.discordAdapter!.settled();
    const gen = await t.waitForGeneration((g) => g.style === 'sketch' && g.deliveredAt !== null);
    expect(gen).toMatchObject({ status: 'succeeded', deliveredVia: 'interaction' });

    const http = conversation(viaHttp.token, 'Pencil sketch');
    expect(http.map((c) => c.route)).toEqual([
      'interactionCallback',
      'webhookEdit',
      'webhookEdit',
      'webhookEdit',
    ]);
    expect(http).toEqual(conversation(viaGateway.token, 'Anime'));
    expect(http.at(-1)?.components).toEqual([
      ['3:imagine:restyle:<id>'],
      ['2:imagine:rerun:<id>', '2:imagine:delete:<id>'],
    ]);
  });
});

describe('DISCORD_MODE', () => {
  it('requires the public key for HTTP interactions', () => {
    expect(() => loadConfig({ DISCORD_MODE: 'http' })).toThrow(ConfigError);
    expect(() => loadConfig({ DISCORD_MODE: 'both', DISCORD_PUBLIC_KEY: 'not-hex' })).toThrow(
      /DISCORD_PUBLIC_KEY/,
    );
    expect(loadConfig({ DISCORD_MODE: 'http', DISCORD_PUBLIC_KEY: keys.publicKeyHex }).DISCORD_MODE).toBe(
      'http',
    );
    expect(loadConfig({}).DISCORD_MODE).toBe('gateway');
  });

  it('does not mount the endpoint in gateway mode', async () => {
    const gatewayOnly = await startTestBot({ roles: 'web,discord' });
    try {
      const body = JSON.stringify({ type: 1 });
      const res = await fetch(`http://127.0.0.1:${gatewayOnly.app.port}/discord/interactions`, {
        method: 'POST',
        body,
        headers: signInteraction(keys.privateKey, body),
      });
      expect(res.status).toBe(404);
    } finally {
      await gatewayOnly.stop();
    }
  });
});
