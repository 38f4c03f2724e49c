/**
 * The worker's Discord delivery over real @discordjs/rest against the fake Discord API: edit the
 * original reply while the interaction token lives, else a channel message (nonce-deduplicated),
 * else a DM.
 */
import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDeliveryError } from '../../src/bots/discord/api-errors.ts';
import {
  createDiscordDelivery,
  DM_INSTEAD_NOTICE,
  INTERACTION_TOKEN_TTL_MS,
  nonceFor,
} from '../../src/bots/discord/delivery.ts';
import type { Reply, ReplyTarget } from '../../src/commands/types.ts';
import { UserFacingError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeDiscord, fakeInteractionToken, startFakeDiscord } from '../fakes/discord.ts';
import {
  TEST_APP_ID,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  TEST_USER_ID,
} from '../support/discord-interactions.ts';

const RECEIVED_AT = Date.parse('2026-11-25T10:00:00Z');

let fake: FakeDiscord;
let rest: REST;
let now = RECEIVED_AT;

const delivery = () =>
  createDiscordDelivery({ rest, log: createLogger('silent'), clock: () => new Date(now) });

function target(overrides: Partial<ReplyTarget['data']> = {}): ReplyTarget {
  return {
    platform: 'discord',
    scope: TEST_GUILD_ID,
    channelId: TEST_CHANNEL_ID,
    userId: TEST_USER_ID,
    receivedAt: RECEIVED_AT,
    locale: 'en-US',
    data: {
      applicationId: TEST_APP_ID,
      interactionId: '1575069143084830742',
      interactionToken: fakeInteractionToken(),
      canPostInChannel: true,
      ...overrides,
    },
  };
}

const result: Reply = {
  title: 'Watercolor restyle',
  text: '> a cat\nDone in 4.2 s.',
  tone: 'success',
  image: { url: 'https://ik.imagekit.io/demo/results/gen-1.png', alt: 'Watercolor version of your image' },
  buttons: [
    { command: 'imagine', action: 'rerun', value: 'gen-1', label: 'Re-run', emoji: '🔁' },
    { command: 'imagine', action: 'delete', value: 'gen-1', label: 'Delete', style: 'danger' },
  ],
};

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = new REST({ api: fake.apiUrl }).setToken('bot-token');
});

afterAll(async () => {
  await fake.stop();
});

afterEach(() => {
  const contractErrors = [...fake.contractErrors];
  fake.contractErrors.length = 0;
  fake.calls.length = 0;
  fake.channelMessages.length = 0;
  fake.http.reset();
  now = RECEIVED_AT;
  expect(contractErrors).toEqual([]);
});

describe('Discord delivery', () => {
  it('edits the original reply without bot auth while the interaction token is valid', async () => {
    now = RECEIVED_AT + 10 * 60_000;
    const t = target();
    const out = await delivery().deliver(t, result, 'result:gen-1');

    const [edit] = fake.callsTo('webhookEdit');
    expect(edit?.path).toBe(
      `/api/v10/webhooks/${TEST_APP_ID}/${t.data.interactionToken}/messages/%40original`,
    );
    expect(edit?.authorization).toBeUndefined();
    expect(edit?.payload).toMatchObject({
      content: '',
      embeds: [
        {
          title: 'Watercolor restyle',
          description: '> a cat\nDone in 4.2 s.',
          image: { url: 'https://ik.imagekit.io/demo/results/gen-1.png' },
        },
      ],
      attachments: [],
      allowed_mentions: { parse: [] },
    });
    expect(edit?.payload.components[0].components.map((c: { custom_id: string }) => c.custom_id)).toEqual([
      'imagine:rerun:gen-1',
      'imagine:delete:gen-1',
    ]);
    expect(out).toEqual({
      via: 'interaction',
      messageId: fake.webhookMessages.get(`${t.data.interactionToken}/@original`)?.id,
    });
    expect(fake.channelMessages).toEqual([]);
  });

  it('uploads image bytes as a file with the edit when the image URL is not public', async () => {
    const bytes = Buffer.from('fake-png-bytes');
    const t = target();
    await delivery().deliver(
      t,
      {
        ...result,
        image: {
          url: 'http://localhost:3000/files/r.png',
          data: bytes,
          filename: 'imagegen-1.png',
          alt: 'cat',
        },
      },
      'result:gen-2',
    );

    const [edit] = fake.callsTo('webhookEdit');
    expect(edit?.files).toHaveLength(1);
    expect(edit?.files[0]).toMatchObject({ field: 'files[0]', filename: 'imagegen-1.png' });
    expect(edit?.files[0]?.bytes.equals(bytes)).toBe(true);
    expect(edit?.payload.attachments).toEqual([{ id: '0', filename: 'imagegen-1.png', description: 'cat' }]);
    expect(edit?.payload.embeds[0].image).toEqual({ url: 'attachment://imagegen-1.png' });
    const stored = fake.webhookMessages.get(`${t.data.interactionToken}/@original`);
    expect(stored?.attachments.map((a) => a.filename)).toEqual(['imagegen-1.png']);
  });

  it('posts in the channel, mentioning the user, once the token has expired', async () => {
    now = RECEIVED_AT + INTERACTION_TOKEN_TTL_MS + 1;
    const out = await delivery().deliver(target(), result, 'result:gen-3');

    expect(fake.callsTo('webhookEdit')).toEqual([]);
    const [post] = fake.callsTo('channelMessage');
    expect(post?.path).toBe(`/api/v10/channels/${TEST_CHANNEL_ID}/messages`);
    expect(post?.authorization).toBe('Bot bot-token');
    expect(post?.payload).toMatchObject({
      content: `<@${TEST_USER_ID}>`,
      allowed_mentions: { parse: [], users: [TEST_USER_ID] },
      nonce: nonceFor('result:gen-3'),
      enforce_nonce: true,
      embeds: [{ title: 'Watercolor restyle' }],
    });
    expect(post?.payload.nonce).toHaveLength(25);
    expect(out).toEqual({ via: 'channel', messageId: fake.channelMessages[0]?.id });
  });

  it('falls back to the channel when Discord says the webhook token is invalid, and keeps the bot token', async () => {
    const t = target();
    fake.expireToken(String(t.data.interactionToken));
    const out = await delivery().deliver(t, result, 'result:gen-4');

    expect(fake.callsTo('webhookEdit')).toHaveLength(1);
    expect(out.via).toBe('channel');
    // The 401 came on an unauthenticated request, so @discordjs/rest did not drop the bot token.
    expect(fake.callsTo('channelMessage')[0]?.authorization).toBe('Bot bot-token');
  });

  it('falls back to the channel when the original reply was deleted', async () => {
    const t = target();
    await rest.delete(`/webhooks/${TEST_APP_ID}/${t.data.interactionToken}/messages/@original`, {
      auth: false,
    });
    const out = await delivery().deliver(t, result, 'result:gen-5');
    expect(out.via).toBe('channel');
  });

  it('posts once when the same delivery is retried: the nonce returns the first message', async () => {
    now = RECEIVED_AT + 20 * 60_000;
    const first = await delivery().deliver(target(), result, 'result:gen-6');
    const second = await delivery().deliver(target(), result, 'result:gen-6');

    expect(fake.callsTo('channelMessage')).toHaveLength(2);
    expect(fake.channelMessages).toHaveLength(1);
    expect(second).toEqual(first);

    const other = await delivery().deliver(target(), result, 'result:gen-7');
    expect(other.messageId).not.toBe(first.messageId);
    expect(fake.channelMessages).toHaveLength(2);
  });

  it('sends a DM when the bot may not post in the channel', async () => {
    now = RECEIVED_AT + 20 * 60_000;
    const channelId = '400000000000000099';
    fake.denyChannel(channelId);
    const out = await delivery().deliver({ ...target(), channelId }, result, 'result:gen-8');

    expect(fake.callsTo('dmChannel')[0]?.payload).toEqual({ recipient_id: TEST_USER_ID });
    const dmChannel = fake.dmChannels.get(TEST_USER_ID);
    const dm = fake.channelMessages.find((m) => m.channel_id === dmChannel);
    expect(dm).toBeDefined();
    expect(dm?.nonce).toBe(nonceFor('result:gen-8'));
    expect(out).toEqual({ via: 'dm', messageId: dm?.id });
  });

  it('goes straight to a DM for a user-installed app or a private answer', async () => {
    now = RECEIVED_AT + 20 * 60_000;
    expect((await delivery().deliver(target({ canPostInChannel: false }), result, 'result:gen-9')).via).toBe(
      'dm',
    );
    expect((await delivery().deliver(target(), { text: 'psst', ephemeral: true }, 'result:gen-10')).via).toBe(
      'dm',
    );
    expect(fake.callsTo('channelMessage').every((c) => c.params.channelId !== TEST_CHANNEL_ID)).toBe(true);
  });

  it('says why a public answer arrives by DM, and adds nothing to a private one', async () => {
    now = RECEIVED_AT + 20 * 60_000;
    await delivery().deliver(target({ canPostInChannel: false }), result, 'result:gen-13');
    await delivery().deliver(target(), { text: 'psst', ephemeral: true }, 'result:gen-14');
    const [publicDm, privateDm] = fake.channelMessages;
    expect(publicDm?.content).toBe(DM_INSTEAD_NOTICE);
    expect(privateDm?.content).toBe('psst');
  });

  it('gives up without retrying when neither the channel nor DMs are open', async () => {
    now = RECEIVED_AT + 20 * 60_000;
    const userId = '200000000000000077';
    const channelId = '400000000000000088';
    fake.denyChannel(channelId, 50013);
    fake.blockDirectMessages(userId);
    const error = await delivery()
      .deliver({ ...target(), userId, channelId }, result, 'result:gen-11')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).retryable).toBe(false);
  });

  it('lets other failures reach the queue, without the token or the message in the error', async () => {
    const t = target();
    fake.http.failNext('PATCH', `/api/v10/webhooks/${TEST_APP_ID}/:token/messages/:id`, {
      status: 400,
      body: { code: 50035, message: 'Invalid Form Body' },
    });
    const error = await delivery()
      .deliver(t, result, 'result:gen-12')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordDeliveryError);
    expect((error as DiscordDeliveryError).code).toBe(50035);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      String(t.data.interactionToken),
    );
    expect(fake.channelMessages).toEqual([]);
  });

  it('edits progress into the original reply only while the token is valid, and never throws', async () => {
    const t = target();
    await delivery().update(t, { text: 'Generating…', tone: 'info' });
    expect(fake.callsTo('webhookEdit')[0]?.payload.embeds[0].description).toBe('Generating…');

    fake.expireToken(String(t.data.interactionToken));
    await expect(delivery().update(t, { text: 'still going' })).resolves.toBeUndefined();

    now = RECEIVED_AT + INTERACTION_TOKEN_TTL_MS;
    fake.calls.length = 0;
    await delivery().update(target(), { text: 'too late' });
    expect(fake.calls).toEqual([]);
  });

  it('is checked by the fake: a message Discord would refuse gets 50035', async () => {
    const error = await rest
      .post(`/channels/${TEST_CHANNEL_ID}/messages`, { body: { content: 'hi', nonce: 'n'.repeat(30) } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect(fake.contractErrors.map((e) => e.kind)).toEqual(['request']);
    fake.contractErrors.length = 0;
  });
});
