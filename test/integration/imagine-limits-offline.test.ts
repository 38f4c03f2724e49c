/**
 * Per-user limits (concurrency, daily free quota) refuse with a message that says when to try
 * again; and with no OpenAI / ImageKit keys the offline pair serves and says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function imagine(bot: TestBot) {
  const bytes = await makeJpeg({ width: 320, height: 240 });
  const url = bot.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
  const raw = chatInputInteraction({
    command: 'imagine',
    options: { style: 'pop-art' },
    attachments: { image: { url, contentType: 'image/jpeg', size: bytes.length } },
  });
  await bot.interact(raw);
  return raw;
}

const lastFollowUp = (bot: TestBot) => JSON.stringify(bot.discord.callsTo('followUp').at(-1)?.payload ?? {});

describe('GIVEN per-user limits', () => {
  it('THEN a second job while one is in progress is refused with when to retry', async () => {
    t = await startTestBot({ roles: 'discord', env: { USER_MAX_CONCURRENT_JOBS: '1' } });
    await imagine(t);
    await t.waitForGeneration((g) => g.status === 'queued');
    await imagine(t);
    expect(lastFollowUp(t)).toMatch(/already have 1 image in progress.*as soon as one finishes/);
    expect(await t.database.db.generation.count()).toBe(1);
  });

  it('THEN the daily free quota is enforced, says when it resets, and failed jobs do not count', async () => {
    t = await startTestBot({ env: { FREE_DAILY_QUOTA: '1' } });
    t.openai.failNextEdit('invalid_request');
    await imagine(t);
    await t.waitForGeneration((g) => g.status === 'failed');
    // The failed one is not counted: one more is allowed.
    await imagine(t);
    await t.waitForGeneration((g) => g.status === 'succeeded');
    await imagine(t);
    expect(lastFollowUp(t)).toMatch(/used all 1 free images for today.*resets at 00:00 UTC \(in /);
    expect(await t.database.db.generation.count()).toBe(2);
  });
});

describe('GIVEN no OpenAI and no ImageKit keys', () => {
  it('THEN the offline filters and local storage serve, the image is uploaded to Discord, and the footer says so', async () => {
    t = await startTestBot({
      env: { OPENAI_API_KEY: '', IMAGEKIT_PRIVATE_KEY: '', IMAGEKIT_URL_ENDPOINT: '' },
    });
    const raw = await imagine(t);
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.provider).toBe('local');
    expect(gen.model).toBe('local-filters');
    expect(t.openai.http.requests).toHaveLength(0);
    expect(t.imagekit.http.requests).toHaveLength(0);
    const final = t.discord
      .callsTo('webhookEdit')
      .filter((c) => c.path.includes(raw.token))
      .at(-1)!;
    // Source and result side by side, both uploaded (local storage is not reachable by Discord).
    expect(final.files).toHaveLength(2);
    for (const embed of final.payload.embeds) expect(embed.image.url).toMatch(/^attachment:\/\//);
    expect(JSON.stringify(final.payload)).toContain('Trial mode');
  });
});
