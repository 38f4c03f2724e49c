/**
 * The app installed for the user only (no bot in the guild): results never rely on posting in the
 * channel. Within the interaction's 15 minutes the reply is edited; after that the result comes by
 * DM and says why. When the user's DMs are closed too, a private follow-up explains how to open
 * them while the interaction still lives, and otherwise the result stays in `/jobs`.
 * Driven end to end with the simulated clock of the test bot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DM_INSTEAD_NOTICE, DMS_CLOSED_NOTICE } from '../../src/bots/discord/delivery.ts';
import { createGenerationWorker } from '../../src/services/generation-worker.ts';
import { createRedis } from '../../src/services/queue.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction, TEST_CHANNEL_ID, TEST_USER_ID } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

let t: TestBot;
let stopWorker: (() => Promise<void>) | undefined;

afterEach(async () => {
  await stopWorker?.();
  stopWorker = undefined;
  const contractErrors = [...(t?.discord.contractErrors ?? [])];
  await t?.stop();
  expect(contractErrors).toEqual([]);
});

async function imagine(opts: { userInstalledOnly: boolean }) {
  const bytes = await makeJpeg({ width: 640, height: 480 });
  const url = t.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
  const raw = chatInputInteraction({
    command: 'imagine',
    userInstalledOnly: opts.userInstalledOnly,
    options: { style: 'watercolor' },
    attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } },
  });
  await t.interact(raw);
  return raw;
}

/** Starts a worker on the bot's services (after the test moved the clock). */
function startWorker() {
  const connection = createRedis('redis://127.0.0.1:6379', 'worker');
  const worker = createGenerationWorker(t.app.services, { connection, concurrency: 1, lockDurationMs: 5000 });
  stopWorker = async () => {
    await worker.close();
    connection.disconnect();
  };
}

const postsInTheChannel = () =>
  t.discord.callsTo('channelMessage').filter((c) => c.params.channelId === TEST_CHANNEL_ID);
const dmMessages = () => {
  const dm = t.discord.dmChannels.get(TEST_USER_ID);
  return t.discord.channelMessages.filter((m) => m.channel_id === dm);
};

describe('GIVEN the app is installed for the user only', () => {
  it('THEN a result ready within 15 minutes edits the interaction reply, and nothing is posted in the channel', async () => {
    t = await startTestBot();
    const raw = await imagine({ userInstalledOnly: true });
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);

    expect(gen.deliveredVia).toBe('interaction');
    const edits = t.discord.callsTo('webhookEdit').filter((c) => c.params.token === raw.token);
    expect(edits.at(-1)?.payload.embeds[0].title).toBe('Watercolor restyle');
    expect(t.discord.callsTo('channelMessage')).toEqual([]);
    expect(t.discord.callsTo('dmChannel')).toEqual([]);
  });

  it('THEN a result ready after the token expired arrives by DM saying why — never as a channel message', async () => {
    t = await startTestBot({ roles: 'discord' });
    const raw = await imagine({ userInstalledOnly: true });
    await t.waitForGeneration((g) => g.status === 'queued');
    t.clock.offsetMs = 16 * 60_000;
    startWorker();

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.deliveredVia).toBe('dm');
    expect(postsInTheChannel()).toEqual([]);
    const [dm] = dmMessages();
    expect(dm?.content).toBe(DM_INSTEAD_NOTICE);
    expect(dm?.embeds.at(-1).image.url).toContain(t.imagekit.urlEndpoint);
    // The expired token was not used for the result.
    const late = t.discord
      .callsTo('webhookEdit')
      .filter((c) => c.params.token === raw.token && c.payload.embeds?.[0]?.image);
    expect(late).toEqual([]);
  });
});

describe('GIVEN the app is installed in the guild', () => {
  it('THEN a result ready after the token expired is posted in the channel, mentioning the user, not by DM', async () => {
    t = await startTestBot({ roles: 'discord' });
    await imagine({ userInstalledOnly: false });
    await t.waitForGeneration((g) => g.status === 'queued');
    t.clock.offsetMs = 16 * 60_000;
    startWorker();

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.deliveredVia).toBe('channel');
    expect(postsInTheChannel()).toHaveLength(1);
    expect(postsInTheChannel()[0]?.payload.content).toBe(`<@${TEST_USER_ID}>`);
    expect(t.discord.callsTo('dmChannel')).toEqual([]);
  });
});

describe('GIVEN the user blocks DMs from the bot (50007)', () => {
  it('THEN while the interaction lives, the result comes as a private follow-up that says how to allow DMs', async () => {
    t = await startTestBot({ roles: 'discord' });
    t.discord.blockDirectMessages(TEST_USER_ID);
    const raw = await imagine({ userInstalledOnly: true });
    await t.waitForGeneration((g) => g.status === 'queued');
    // The user dismissed the reply, so it can no longer be edited; the token itself still works.
    t.discord.deleteOriginal(raw.token);
    startWorker();

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.deliveredVia).toBe('interaction');
    const [followUp] = t.discord.callsTo('followUp').filter((c) => c.params.token === raw.token);
    expect(followUp?.payload.flags & 64).toBe(64);
    expect(followUp?.payload.content).toBe(DMS_CLOSED_NOTICE);
    expect(followUp?.payload.embeds.at(-1).image.url).toContain(t.imagekit.urlEndpoint);
    expect(followUp?.authorization).toBeUndefined();
    expect(t.discord.channelMessages).toEqual([]);
  });

  it('THEN after the token expired nothing is lost: the result stays stored and is listed in /jobs', async () => {
    t = await startTestBot({ roles: 'discord' });
    t.discord.blockDirectMessages(TEST_USER_ID);
    await imagine({ userInstalledOnly: true });
    const queued = await t.waitForGeneration((g) => g.status === 'queued');
    t.clock.offsetMs = 16 * 60_000;
    startWorker();

    const gen = await t.waitForGeneration((g) => g.id === queued.id && g.status === 'failed');
    expect(gen.errorCode).toBe('discord_unreachable');
    expect(gen.resultKey).not.toBeNull();
    expect([...t.imagekit.files.values()].some((f) => f.filePath.includes(`results/${gen.id}`))).toBe(true);
    expect(postsInTheChannel()).toEqual([]);

    t.clock.offsetMs = 0;
    const jobs = chatInputInteraction({ command: 'jobs', userInstalledOnly: true });
    await t.interact(jobs);
    const listing = JSON.stringify(
      t.discord
        .callsTo('webhookEdit')
        .filter((c) => c.params.token === jobs.token)
        .at(-1)?.payload,
    );
    expect(listing).toContain(gen.resultUrl!.slice(0, 40));
    expect(listing).toContain('/jobs');
  });
});
