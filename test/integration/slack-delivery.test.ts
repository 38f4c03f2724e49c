/**
 * The Slack delivery against the fake Slack with the real @slack/web-api client and a real Redis
 * (response_url use counts, de-duplication and stage ordering live there): which way a reply
 * goes, and what happens when a way closes.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoltLogger } from '../../src/bots/slack/bolt-logger.ts';
import { createSlackClients } from '../../src/bots/slack/clients.ts';
import { createSlackDelivery, type SlackDelivery } from '../../src/bots/slack/delivery.ts';
import type { BotTokens } from '../../src/bots/slack/installation-store.ts';
import { createResponseUrls } from '../../src/bots/slack/response-urls.ts';
import { slackTarget, type TargetInput } from '../../src/bots/slack/translate.ts';
import type { Reply } from '../../src/commands/types.ts';
import { UserFacingError } from '../../src/errors.ts';
import { type FakeSlack, type FakeWorkspace, startFakeSlack } from '../fakes/slack.ts';
import { cleanupPrefix, createTestRedis, uniquePrefix } from '../support/redis.ts';

const TEAM = 'T0DELIVER';
const CHANNEL = 'C0DELIVER';
const USER = 'U0DELIVER';
const log = pino({ level: 'silent' });

let slack: FakeSlack;
let ws: FakeWorkspace;
let delivery: SlackDelivery;
let redis: ReturnType<typeof createTestRedis>;
let prefix: string;
let now: number;

beforeEach(async () => {
  slack = await startFakeSlack();
  ws = slack.addWorkspace(TEAM);
  redis = createTestRedis();
  prefix = uniquePrefix('slack-delivery');
  now = Date.now();
  const tokens: BotTokens = { tokenFor: async (k) => slack.workspaces.get(k.teamId ?? '')?.token };
  delivery = createSlackDelivery({
    clients: createSlackClients({ apiUrl: slack.apiUrl, logger: createBoltLogger(log) }),
    tokens,
    responseUrls: createResponseUrls({
      redis,
      prefix,
      clock: () => new Date(now),
      allowedOrigins: [new URL(slack.url).origin],
      log,
    }),
    redis,
    prefix,
    log,
  });
});

afterEach(async () => {
  await cleanupPrefix(redis, prefix);
  redis.disconnect();
  await slack.stop();
});

const target = (o: Partial<TargetInput> = {}) =>
  slackTarget({ teamId: TEAM, channelId: CHANNEL, userId: USER, receivedAt: now, ...o });

const result: Reply = {
  title: 'Watercolor restyle',
  text: 'Done in 3.0 s.',
  image: {
    url: 'https://ik.imagekit.io/demo/results/abc.png?ik-s=sig',
    alt: 'Watercolor version of your image',
  },
  buttons: [{ command: 'imagine', action: 'rerun', value: 'abc', label: 'Re-run' }],
  tone: 'success',
};

describe('GIVEN a reply target with the placeholder message', () => {
  it('THEN the result edits that message with chat.update and an image block', async () => {
    const { ts } = await seedMessage();
    const out = await delivery.deliver(target({ messageTs: ts }), result, 'result:1');

    expect(out).toEqual({ via: 'bot_message', messageId: ts });
    const [message] = slack.messagesIn(CHANNEL);
    expect(message?.blocks.find((b) => b.type === 'image')?.image_url).toBe(result.image!.url);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('THEN a 429 with Retry-After from Slack is waited out and retried', async () => {
    const { ts } = await seedMessage();
    slack.http.failNext('POST', '/api/chat.update', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: '',
    });

    const out = await delivery.deliver(target({ messageTs: ts }), result, 'result:429');

    expect(out.via).toBe('bot_message');
    expect(slack.http.received('POST', '/api/chat.update')).toHaveLength(2);
    expect(slack.messagesIn(CHANNEL)[0]?.edits).toBe(1);
  });

  it('THEN a message deleted meanwhile gives way to a new post mentioning the user', async () => {
    const { ts } = await seedMessage();
    slack.messages[0]!.deleted = true;

    const out = await delivery.deliver(target({ messageTs: ts }), result, 'result:gone');

    expect(out.via).toBe('channel');
    const [message] = slack.messagesIn(CHANNEL);
    expect(message?.text).toContain(`<@${USER}>`);
  });

  it('THEN a late "queued" answer never overwrites progress or the result', async () => {
    const { ts } = await seedMessage();
    const t = target({ messageTs: ts });
    await delivery.update(t, { text: '🎨 Generating…' });
    await delivery.deliver(t, result, 'result:order');
    expect(await delivery.answer(t, { text: '⏳ Queued — position 1' }, 'answer:late')).toBeUndefined();
    await delivery.update(t, { text: '🎨 Generating…' });

    expect(slack.messagesIn(CHANNEL)[0]?.text).toContain('Watercolor restyle');
    expect(slack.callsTo('chat.update').map((c) => c.args.text)).toEqual([
      expect.stringContaining('Generating'),
      expect.stringContaining('Watercolor restyle'),
    ]);
  });
});

describe('GIVEN a reply target that only has a response_url', () => {
  it('THEN the result goes through the response_url in the channel while it is valid', async () => {
    const url = slack.responseUrl(TEAM);
    const out = await delivery.deliver(target({ responseUrl: url }), result, 'result:ru');

    expect(out.via).toBe('response_url');
    expect(slack.responsePosts).toHaveLength(1);
    expect(slack.responsePosts[0]!.body).toMatchObject({
      response_type: 'in_channel',
      replace_original: false,
    });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('THEN after 30 minutes it falls back to chat.postMessage with the bot token, without trying the URL', async () => {
    const url = slack.responseUrl(TEAM);
    const t = target({ responseUrl: url, responseUrlAt: now - 31 * 60_000 });

    const out = await delivery.deliver(t, result, 'result:expired');

    expect(out.via).toBe('channel');
    expect(slack.responsePosts).toHaveLength(0);
    const post = slack.callsTo('chat.postMessage')[0]!;
    expect(post.token).toBe(ws.token);
    expect(post.args.channel).toBe(CHANNEL);
    expect(post.args.text).toContain(`<@${USER}>`);
  });

  it('THEN after 5 uses it falls back to chat.postMessage', async () => {
    const url = slack.responseUrl(TEAM);
    const t = target({ responseUrl: url });
    for (let i = 0; i < 5; i++) {
      expect((await delivery.ephemeral(t, { text: `note ${i}`, ephemeral: true })).via).toBe('response_url');
    }

    const out = await delivery.deliver(t, result, 'result:used-up');

    expect(out.via).toBe('channel');
    expect(slack.responsePosts).toHaveLength(5);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('THEN a response_url Slack already expired (404 expired_url) falls back to chat.postMessage', async () => {
    const url = slack.responseUrl(TEAM);
    slack.expireResponseUrl(url);

    const out = await delivery.deliver(target({ responseUrl: url }), result, 'result:refused');

    expect(out.via).toBe('channel');
    expect(slack.responsePosts.map((p) => p.accepted)).toEqual([false]);
    expect(slack.messagesIn(CHANNEL)).toHaveLength(1);
  });

  it('THEN a response_url on a host that is not Slack is never posted to', async () => {
    // Origin check happens before any request: nothing leaves for this (unroutable) host.
    const out = await delivery.deliver(
      target({ responseUrl: 'https://hooks.example.invalid/x' }),
      result,
      'result:host',
    );
    expect(out.via).toBe('channel');
    expect(slack.responsePosts).toHaveLength(0);
  });

  it('THEN progress updates do not spend response_url uses', async () => {
    const url = slack.responseUrl(TEAM);
    await delivery.update(target({ responseUrl: url }), { text: '🎨 Generating…' });
    expect(slack.responsePosts).toHaveLength(0);
    expect(slack.calls).toHaveLength(0);
  });
});

describe('GIVEN a reply target with neither', () => {
  it('THEN a retried delivery with the same key posts once and brings that message up to date', async () => {
    const first = await delivery.deliver(target(), { text: 'first try' }, 'result:dup');
    const second = await delivery.deliver(target(), { text: 'second try' }, 'result:dup');

    expect(second.messageId).toBe(first.messageId);
    expect(slack.messagesIn(CHANNEL)).toHaveLength(1);
    expect(slack.messagesIn(CHANNEL)[0]?.text).toContain('second try');
  });

  it('THEN a channel closed to the bot gets the result by DM', async () => {
    slack.denyChannel(CHANNEL);
    const out = await delivery.deliver(target(), result, 'result:dm');

    expect(out.via).toBe('dm');
    expect(slack.callsTo('conversations.open')[0]?.args.users).toBe(USER);
    expect(slack.messagesIn(`D${USER.slice(1)}`)).toHaveLength(1);
  });

  it('THEN images stored locally are uploaded with getUploadURLExternal + completeUploadExternal beside the message', async () => {
    const bytes = Buffer.from('89504e470d0a1a0a-not-really-a-png', 'utf8');
    const local: Reply = {
      ...result,
      image: {
        url: 'http://localhost:3000/files/x',
        data: bytes,
        filename: 'imagegen-abc.png',
        alt: 'the result',
      },
    };
    const out = await delivery.deliver(target({ threadTs: '1700000000.000100' }), local, 'result:upload');

    expect(out.via).toBe('channel');
    expect(slack.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({
      filename: 'imagegen-abc.png',
    });
    const uploaded = [...slack.files.values()].find((f) => f.uploadedByBot)!;
    expect(uploaded.bytes.equals(bytes)).toBe(true);
    expect(uploaded.shared).toEqual({ channel: CHANNEL, thread_ts: '1700000000.000100' });
    const [message] = slack.messagesIn(CHANNEL);
    expect(message?.blocks.some((b) => b.type === 'image')).toBe(false);

    // A retry of the same delivery does not upload the file again.
    await delivery.deliver(target({ threadTs: '1700000000.000100' }), local, 'result:upload');
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('THEN a workspace without an installation is a permanent, user-facing failure', async () => {
    slack.workspaces.delete(TEAM);
    const err = await delivery.deliver(target(), result, 'result:none').catch((e) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err).toMatchObject({ code: 'slack_not_installed', retryable: false });
  });

  it('THEN a revoked token is a permanent failure whose message carries no token', async () => {
    slack.revoke(TEAM);
    const err = await delivery.deliver(target(), result, 'result:revoked').catch((e) => e);
    expect(err).toMatchObject({ code: 'slack_token_revoked', retryable: false });
    expect(String(err.message)).not.toContain('xoxb-');
  });

  it('THEN notify sends a direct message to a Slack identity', async () => {
    const out = await delivery.notify!(
      { platform: 'slack', scope: TEAM, platformUserId: USER },
      { text: 'Your export is ready' },
      'notify:1',
    );
    expect(out.via).toBe('dm');
    expect(slack.messagesIn(`D${USER.slice(1)}`)[0]?.text).toContain('Your export is ready');
  });
});

async function seedMessage(): Promise<{ ts: string }> {
  const ts = await delivery.placeholder(target(), '⏳ Working on it…');
  expect(ts).toBeDefined();
  return { ts: ts! };
}

afterEach(() => {
  expect(slack.contractErrors).toEqual([]);
});
