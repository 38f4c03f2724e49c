/**
 * Bad input through the real Discord path: each case gets a private message that says what went
 * wrong and what to do, no OpenAI edit call is made, and nothing is left behind (no row, no file).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeBombPng, makeJpeg, truncate } from '../support/images.ts';

let t: TestBot;

beforeAll(async () => {
  // 127.0.0.2 is an allowed host name but NOT an allowed private address: it plays the
  // internal target a redirect might point at. No request is ever sent to it.
  t = await startTestBot({ env: { DISCORD_CDN_HOSTS: '127.0.0.1,127.0.0.2' } });
  t.discord.http.route('GET', '/cdn/redirect-to-private', () => ({
    status: 302,
    headers: { location: 'http://127.0.0.2:9/internal.png' },
  }));
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.openai.edits.length = 0;
});

interface Case {
  name: string;
  attachment: () => Promise<{
    url: string;
    contentType?: string;
    size?: number;
    width?: number;
    height?: number;
  }>;
  prompt?: string;
  expectText: RegExp;
  before?: () => void;
}

const serve = async (name: string, bytes: Buffer, contentType: string) => ({
  url: t.discord.addAttachment(name, bytes, contentType),
  contentType,
  size: bytes.length,
});

const cases: Case[] = [
  {
    name: 'a non-image file',
    attachment: () => serve('notes.txt', Buffer.from('just some text'), 'text/plain'),
    expectText: /not a supported image.*PNG, JPEG or WebP/i,
  },
  {
    name: 'a text file that claims to be a PNG',
    attachment: () => serve('fake.png', Buffer.from('definitely not a png, just text'), 'image/png'),
    expectText: /PNG, JPEG and WebP/i,
  },
  {
    name: 'an image larger than the upload limit',
    attachment: async () => ({
      ...(await serve('big.jpg', Buffer.alloc(10), 'image/jpeg')),
      size: 25 * 1024 * 1024,
    }),
    expectText: /limit is 10 MB/i,
  },
  {
    name: 'a decompression bomb (too many pixels)',
    attachment: () => serve('bomb.png', makeBombPng(20_000, 20_000), 'image/png'),
    expectText: /megapixels/i,
  },
  {
    name: 'a truncated file',
    attachment: async () =>
      serve('cut.jpg', truncate(await makeJpeg({ width: 640, height: 480 })), 'image/jpeg'),
    expectText: /damaged or incomplete/i,
  },
  {
    name: 'a link on a host that is not allowed',
    attachment: async () => ({ url: 'http://evil.example/cat.png', contentType: 'image/png', size: 100 }),
    expectText: /isn't from a host I accept/i,
  },
  {
    name: 'a redirect to a private address',
    attachment: async () => ({
      url: `${t.discord.url}/cdn/redirect-to-private`,
      contentType: 'image/png',
      size: 100,
    }),
    expectText: /private network address/i,
  },
  {
    name: 'a prompt flagged by moderation',
    attachment: async () => serve('ok.jpg', await makeJpeg({ width: 640, height: 480 }), 'image/jpeg'),
    prompt: 'something with forbidden-word inside',
    expectText: /flagged by our content filter.*not been charged/i,
  },
  {
    name: 'ImageKit failing (500) while storing the source',
    attachment: async () => serve('ok.jpg', await makeJpeg({ width: 640, height: 480 }), 'image/jpeg'),
    before: () =>
      t.imagekit.http.failNext('POST', '/api/v1/files/upload', { status: 500, body: { message: 'boom' } }, 5),
    expectText: /storage is having trouble.*try again/i,
  },
];

describe('GIVEN /imagine with bad input', () => {
  for (const c of cases) {
    it(`THEN ${c.name} gets a clear private message, no OpenAI call and nothing stored`, async () => {
      c.before?.();
      const a = await c.attachment();
      const followUpsBefore = t.discord.callsTo('followUp').length;
      await t.interact(
        chatInputInteraction({
          command: 'imagine',
          options: { style: 'anime', ...(c.prompt ? { prompt: c.prompt } : {}) },
          attachments: { image: { filename: 'upload', ...a } },
        }),
      );
      const followUps = t.discord.callsTo('followUp').slice(followUpsBefore);
      expect(followUps).toHaveLength(1);
      const message = followUps[0]!.payload;
      expect(message.flags & 64).toBe(64);
      expect(JSON.stringify(message)).toMatch(c.expectText);
      // Never leak the (signed) URL back.
      expect(JSON.stringify(message)).not.toContain('/cdn/');

      expect(t.openai.edits).toHaveLength(0);
      expect(await t.database.db.generation.count()).toBe(0);
      expect(t.imagekit.files.size).toBe(0);
      expect(t.discord.contractErrors).toEqual([]);
    });
  }
});
