/**
 * Internal errors reach Sentry (a fake ingest on loopback, through the real @sentry/node
 * transport) scrubbed of prompts, tokens, URLs and chat ids, and the user sees the event id.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushSentry } from '../../src/observability.ts';
import { HttpFake } from '../fakes/http-fake.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import {
  chatInputInteraction,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  TEST_USER_ID,
} from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

const PROMPT = 'my very secret prompt about grandma';
let ingest: HttpFake;
let t: TestBot;
let attachmentUrl = '';

beforeAll(async () => {
  ingest = new HttpFake('sentry');
  ingest.route('POST', '/api/:project/envelope/', () => ({ status: 200, body: {} }));
  await ingest.start();
  t = await startTestBot({
    env: { SENTRY_DSN: `${ingest.url.replace('http://', 'http://publickey@')}/1`, GENERATION_ATTEMPTS: '1' },
    overrides: {
      provider: {
        name: 'openai',
        offline: false,
        async edit(req) {
          // An unexpected failure whose message carries what must never leave the machine.
          throw new Error(`provider exploded for "${req.prompt}" at ${attachmentUrl} user ${TEST_USER_ID}`);
        },
      },
    },
  });
});

afterAll(async () => {
  await t?.stop();
  await ingest?.stop();
});

function envelopes(): Array<{ header: Record<string, unknown>; items: unknown[]; raw: string }> {
  return ingest.received('POST').map((r) => {
    const body = r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;
    const raw = body.toString('utf8');
    const lines = raw.split('\n').filter(Boolean);
    const header = JSON.parse(lines[0]!);
    const items = lines.slice(1).map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return l;
      }
    });
    return { header, items, raw };
  });
}

describe('GIVEN an internal error while generating', () => {
  it('THEN Sentry gets an event without prompt, token, URL or ids, and the user sees its id', async () => {
    const bytes = await makeJpeg({ width: 640, height: 480 });
    attachmentUrl = t.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
    const raw = chatInputInteraction({
      command: 'imagine',
      options: { style: 'anime', prompt: PROMPT },
      attachments: { image: { url: attachmentUrl, contentType: 'image/jpeg', size: bytes.length } },
    });
    await t.interact(raw);
    const failed = await t.waitForGeneration((g) => g.status === 'failed');
    expect(failed.errorCode).toBe('internal');
    await flushSentry();
    await expect.poll(() => envelopes().length).toBeGreaterThan(0);

    const all = envelopes();
    const text = all.map((e) => e.raw).join('\n');
    for (const secret of [
      PROMPT,
      'grandma',
      attachmentUrl,
      raw.token,
      TEST_USER_ID,
      TEST_CHANNEL_ID,
      TEST_GUILD_ID,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('provider exploded');
    const eventId = all.map((e) => e.header.event_id).find(Boolean) as string;
    expect(eventId).toMatch(/^[0-9a-f]{32}$/);

    const last = t.discord
      .callsTo('webhookEdit')
      .filter((c) => c.path.includes(raw.token))
      .at(-1)!;
    expect(JSON.stringify(last.payload)).toContain(eventId);
    expect(JSON.stringify(last.payload)).toContain('not been charged');
  });
});
