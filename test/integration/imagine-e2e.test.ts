/**
 * `/imagine` end to end: a raw gateway interaction fed to the real discord.js client, the real
 * services, BullMQ on the real Redis, the real openai and ImageKit SDKs against local fakes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGenerationWorker } from '../../src/services/generation-worker.ts';
import { createRedis } from '../../src/services/queue.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { buttonInteraction, chatInputInteraction, TEST_USER_ID } from '../support/discord-interactions.ts';
import { METADATA_MARKERS, makeJpeg } from '../support/images.ts';

let t: TestBot;

afterEach(async () => {
  await t?.stop();
});

async function imagine(bot: TestBot, opts: { prompt?: string; style?: string; bytes?: Buffer } = {}) {
  const bytes = opts.bytes ?? (await makeJpeg({ width: 640, height: 480 }));
  const url = bot.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
  const raw = chatInputInteraction({
    command: 'imagine',
    options: { style: opts.style ?? 'watercolor', ...(opts.prompt ? { prompt: opts.prompt } : {}) },
    attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } },
  });
  await bot.interact(raw);
  return raw;
}

const editsOf = (bot: TestBot, token: string) =>
  bot.discord.callsTo('webhookEdit').filter((c) => c.path.includes(token));

describe('GIVEN a Discord user running /imagine', () => {
  beforeEach(async () => {
    t = await startTestBot();
  });

  it('THEN acknowledges, queues, generates with OpenAI, stores on ImageKit and edits the reply with the result', async () => {
    const photo = await makeJpeg({ width: 800, height: 600, gps: true });
    const raw = await imagine(t, { prompt: 'make it autumn', bytes: photo });

    // Acknowledged with a deferred response before anything else.
    const first = t.discord.calls[0]!;
    expect(first.route).toBe('interactionCallback');
    expect(first.payload.type).toBe(5);

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');
    expect(gen.deliveredVia).toBe('interaction');
    expect(gen.model).toBe('gpt-image-2');

    // The multipart edit request carried the configured model, the image and the styled prompt.
    expect(t.openai.edits).toHaveLength(1);
    const edit = t.openai.edits[0]!;
    expect(edit.model).toBe('gpt-image-2');
    expect(edit.prompt).toContain('make it autumn');
    expect(edit.prompt?.toLowerCase()).toContain('watercolor');
    expect(edit.images).toHaveLength(1);

    // EXIF GPS present in the upload, absent from what OpenAI got and from what was stored.
    const sent = edit.images[0]!.bytes;
    for (const marker of Object.values(METADATA_MARKERS)) {
      expect(photo.includes(marker)).toBe(true);
      expect(sent.includes(marker)).toBe(false);
      for (const file of t.imagekit.files.values()) expect(file.bytes.includes(marker)).toBe(false);
    }
    expect([...t.imagekit.files.values()].map((f) => f.filePath).sort()).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`sources/${gen.id}`),
        expect.stringContaining(`results/${gen.id}`),
      ]),
    );

    // The original reply went queued → generating → result image with buttons.
    const edits = editsOf(t, raw.token);
    const texts = edits.map((e) => JSON.stringify(e.payload));
    expect(texts[0]).toContain('Queued — position');
    expect(texts.some((x) => x.includes('Generating'))).toBe(true);
    const final = edits.at(-1)!.payload;
    expect(final.embeds[0].image.url).toContain(t.imagekit.urlEndpoint);
    const buttons = final.components.flatMap(
      (r: { components: Array<{ custom_id: string }> }) => r.components,
    );
    expect(buttons.map((b: { custom_id: string }) => b.custom_id)).toEqual([
      `imagine:restyle:${gen.id}`,
      `imagine:rerun:${gen.id}`,
      `imagine:delete:${gen.id}`,
    ]);
    // Interaction-webhook edits never carry the bot token.
    expect(edits.every((e) => e.authorization === undefined)).toBe(true);
    expect(t.discord.channelMessages).toHaveLength(0);
    expect(t.discord.contractErrors).toEqual([]);
  });

  it('THEN retries an OpenAI 429 and succeeds', async () => {
    t.openai.failNextEdit('rate_limited');
    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');
    expect(t.openai.http.received('POST', '/v1/images/edits')).toHaveLength(2);
  });

  it('THEN an OpenAI 400 is not retried and the user is told the plain reason', async () => {
    t.openai.failNextEdit('invalid_request');
    const raw = await imagine(t);
    const gen = await t.waitForGeneration((g) => g.status === 'failed');
    expect(gen.errorCode).toBe('provider_rejected');
    expect(t.openai.http.received('POST', '/v1/images/edits')).toHaveLength(1);
    await expect.poll(() => JSON.stringify(editsOf(t, raw.token).at(-1)?.payload)).toContain('❌');
  });

  it('THEN a content-policy block at the model is reported plainly and not retried', async () => {
    t.openai.failNextEdit('moderation_blocked');
    const raw = await imagine(t);
    const gen = await t.waitForGeneration((g) => g.status === 'failed');
    expect(gen.errorCode).toBe('provider_blocked');
    await expect
      .poll(() => JSON.stringify(editsOf(t, raw.token).at(-1)?.payload))
      .toContain('content policy');
  });

  it('THEN lists the job in /jobs and re-runs it from the stored source without downloading again', async () => {
    await imagine(t);
    const first = await t.waitForGeneration((g) => g.deliveredAt !== null);
    const downloads = t.discord.http.received('GET', '/cdn/').length;

    const jobs = chatInputInteraction({ command: 'jobs' });
    await t.interact(jobs);
    const listing = JSON.stringify(editsOf(t, jobs.token).at(-1)?.payload);
    expect(listing).toContain('done');
    expect(listing).toContain(`imagine:rerun:${first.id}`);

    await t.interact(buttonInteraction({ customId: `imagine:rerun:${first.id}` }));
    const second = await t.waitForGeneration((g) => g.rerunOfId === first.id && g.deliveredAt !== null);
    expect(second.status).toBe('succeeded');
    expect(second.sourceKey).toBe(first.sourceKey);
    expect(t.discord.http.received('GET', '/cdn/')).toHaveLength(downloads);
    expect(t.openai.edits).toHaveLength(2);
  });

  it('THEN Delete by someone else is refused, and by the requester removes the message and the stored result', async () => {
    await imagine(t);
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);

    await t.interact(
      buttonInteraction({ customId: `imagine:delete:${gen.id}`, userId: '299999999999999999' }),
    );
    expect(JSON.stringify(t.discord.callsTo('followUp').at(-1)?.payload)).toContain(
      'Only the person who asked',
    );
    expect(t.imagekit.deleted).toHaveLength(0);

    await t.interact(buttonInteraction({ customId: `imagine:delete:${gen.id}` }));
    expect(t.discord.callsTo('webhookDelete').length).toBeGreaterThan(0);
    expect(t.imagekit.deleted.length).toBe(2);
    const row = await t.database.db.generation.findUniqueOrThrow({ where: { id: gen.id } });
    expect(row.resultKey).toBeNull();
  });
});

describe('GIVEN the worker is not running yet', () => {
  beforeEach(async () => {
    t = await startTestBot({ roles: 'discord' });
  });

  it('THEN a queued job can be cancelled from /jobs: removed from the queue and never run', async () => {
    const raw = await imagine(t);
    const gen = await t.waitForGeneration((g) => g.status === 'queued');
    expect(await t.app.services.queue.queue.getJob(gen.id)).toBeDefined();

    await t.interact(buttonInteraction({ customId: `jobs:cancel:${gen.id}` }));
    const row = await t.database.db.generation.findUniqueOrThrow({ where: { id: gen.id } });
    expect(row.status).toBe('cancelled');
    expect(await t.app.services.queue.queue.getJob(gen.id)).toBeUndefined();
    expect(JSON.stringify(editsOf(t, raw.token).at(-1)?.payload)).toContain('Cancelled');
  });

  it('THEN a result finished after the 15-minute token expiry is posted as a channel message mentioning the user', async () => {
    const raw = await imagine(t);
    await t.waitForGeneration((g) => g.status === 'queued');
    t.clock.offsetMs = 16 * 60_000;
    const connection = createRedis('redis://127.0.0.1:6379', 'worker');
    const worker = createGenerationWorker(t.app.services, {
      connection,
      concurrency: 1,
      lockDurationMs: 5000,
    });
    try {
      const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
      expect(gen.deliveredVia).toBe('channel');
      expect(t.discord.channelMessages).toHaveLength(1);
      const message = t.discord.channelMessages[0]!;
      expect(message.content).toContain(`<@${TEST_USER_ID}>`);
      expect(message.embeds[0].image.url).toContain(t.imagekit.urlEndpoint);
      // Nothing tried to use the expired token for the result.
      expect(
        editsOf(t, raw.token).some(
          (e) => JSON.stringify(e.payload).includes('embeds') && e.payload.embeds?.[0]?.image,
        ),
      ).toBe(false);
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });
});
