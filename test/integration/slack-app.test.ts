/**
 * The Slack app end to end: signed requests over real HTTP to the real Bolt receiver mounted on
 * the web role, the real services, BullMQ on the real Redis, the real @slack/web-api client
 * against a fake Slack, OpenAI and ImageKit fakes. Each test installs its workspace through the
 * real OAuth flow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkDeclaredAttachment } from '../../src/services/generations.ts';
import { normaliseImage } from '../../src/services/image-processing.ts';
import type { FakeSlackFile, FakeSlackMessage } from '../fakes/slack.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { makeBombPng, makeGif, makeJpeg } from '../support/images.ts';
import {
  blockAction,
  eventCallback,
  installWorkspace,
  interaction,
  messageShortcut,
  sendSlack,
  slashCommand,
  TEST_SLACK_CHANNEL,
  TEST_SLACK_TEAM,
  TEST_SLACK_USER,
  viewSubmission,
} from '../support/slack-requests.ts';

let t: TestBot;

afterEach(async () => {
  await t?.stop();
});

async function startWithWorkspace(opts: Parameters<typeof startTestBot>[0] = {}) {
  t = await startTestBot({ slack: true, ...opts });
  const installed = await installWorkspace(t.webUrl!, t.slack!.oauthCode(TEST_SLACK_TEAM));
  expect(installed.status).toBe(200);
  return t.slack!.workspaces.get(TEST_SLACK_TEAM)!;
}

const settled = () => t.app.slack!.adapter.settled();

/** A file as Slack lists it in view state and message payloads. */
function listed(file: FakeSlackFile) {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    size: file.size,
    url_private: file.url_private,
    url_private_download: file.url_private_download,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit from the fake, read freely
const blocksOf = (m: FakeSlackMessage | undefined): any[] => m?.blocks ?? [];
const imageBlock = (m: FakeSlackMessage | undefined) => blocksOf(m).find((b) => b.type === 'image');
const actionIds = (m: FakeSlackMessage | undefined) =>
  blocksOf(m)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.map((e: { action_id: string }) => e.action_id));

async function openImagineModal(text = '') {
  const responseUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
  const res = await sendSlack(t.webUrl!, slashCommand({ command: '/imagine', text, responseUrl }));
  expect(res.status).toBe(200);
  await settled();
  const opened = t.slack!.callsTo('views.open').at(-1);
  expect(opened).toBeDefined();
  return {
    // biome-ignore lint/suspicious/noExplicitAny: Block Kit from the fake, read freely
    view: opened!.args.view as Record<string, unknown> & { blocks: Array<Record<string, any>> },
    responseUrl,
  };
}

async function submitImagine(
  view: Record<string, unknown>,
  file: FakeSlackFile | undefined,
  style = 'watercolor',
  prompt?: string,
) {
  const values: Record<string, Record<string, unknown>> = {
    image: { value: { type: 'file_input', files: file ? [listed(file)] : [] } },
    style: { value: { type: 'static_select', selected_option: { value: style } } },
    prompt: { value: { type: 'plain_text_input', value: prompt ?? null } },
  };
  return sendSlack(t.webUrl!, interaction(viewSubmission({ view, values })));
}

describe('GIVEN a workspace that installed the app', () => {
  it('THEN /imagine opens a modal with a file input, and its submission is fetched with the bot token, generated and posted in the channel', async () => {
    const ws = await startWithWorkspace();
    const { view } = await openImagineModal('watercolor make it autumn');

    const fileInput = view.blocks.find((b) => b.element?.type === 'file_input');
    expect(fileInput?.block_id).toBe('image');
    expect(fileInput?.element.filetypes).toEqual(['png', 'jpg', 'jpeg', 'webp']);
    const style = view.blocks.find((b) => b.block_id === 'style');
    expect(style?.element.initial_option.value).toBe('watercolor');
    expect(view.blocks.find((b) => b.block_id === 'prompt')?.element.initial_value).toBe('make it autumn');

    const photo = await makeJpeg({ width: 640, height: 480 });
    const file = t.slack!.addFile(TEST_SLACK_TEAM, 'photo.jpg', photo, 'image/jpeg');
    const submitted = await submitImagine(view, file, 'watercolor', 'make it autumn');
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');
    expect(gen.platform).toBe('slack');
    expect(gen.deliveredVia).toBe('bot_message');
    expect(t.openai.edits[0]?.prompt).toContain('make it autumn');

    // The private file was downloaded once, with this workspace's bot token.
    expect(t.slack!.downloads).toEqual([
      { fileId: file.id, authorization: `Bearer ${ws.token}`, served: true },
    ]);

    // One message in the channel, edited from placeholder to queued to generating to the result.
    const [message, ...others] = t.slack!.messagesIn(TEST_SLACK_CHANNEL);
    expect(others).toEqual([]);
    // Edits never go backwards: queued (unless the worker was faster) → generating → result.
    const stages = t.slack!.callsTo('chat.update').map((c) => {
      const text = String(c.args.text);
      return text.includes('Queued — position') ? 1 : text.includes('Generating') ? 2 : 3;
    });
    expect(stages).toEqual([...stages].sort());
    expect(stages.filter((x) => x === 2)).toHaveLength(1);
    expect(stages.at(-1)).toBe(3);
    expect(message!.edits).toBe(stages.length);
    expect(imageBlock(message).image_url).toContain(t.imagekit.urlEndpoint);
    expect(actionIds(message)).toEqual(
      expect.arrayContaining([`imagine:rerun:${gen.id}`, `imagine:delete:${gen.id}`]),
    );
    expect(
      t.slack!.calls.filter((c) => c.method !== 'oauth.v2.access').every((c) => c.token === ws.token),
    ).toBe(true);
    expect(t.slack!.contractErrors).toEqual([]);
  });
});

describe('GIVEN a message with an image in a channel', () => {
  it('THEN the message shortcut asks for style and prompt, and restyles that image into the thread', async () => {
    const ws = await startWithWorkspace();
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'cat.jpg',
      await makeJpeg({ width: 500, height: 400 }),
      'image/jpeg',
    );
    const responseUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    const shortcut = messageShortcut({
      callbackId: 'restyle',
      responseUrl,
      message: { ts: '1700000100.000200', text: 'look at this', files: [listed(file)] },
    });
    expect((await sendSlack(t.webUrl!, interaction(shortcut))).status).toBe(200);
    await settled();

    const view = t.slack!.callsTo('views.open')[0]!.args.view;
    expect(view.blocks.map((b: { block_id?: string }) => b.block_id).filter(Boolean)).toEqual([
      'style',
      'prompt',
    ]);
    expect(JSON.stringify(view.blocks)).not.toContain('file_input');

    const submitted = await sendSlack(
      t.webUrl!,
      interaction(
        viewSubmission({
          view,
          values: {
            style: { value: { type: 'static_select', selected_option: { value: 'anime' } } },
            prompt: { value: { type: 'plain_text_input', value: 'at night' } },
          },
        }),
      ),
    );
    expect(submitted.status).toBe(200);

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');
    expect(gen.style).toBe('anime');
    expect(gen.prompt).toBe('at night');
    // The modal carried only the file id: files.info gave the private URL, fetched with the token.
    expect(t.slack!.callsTo('files.info')[0]?.args.file).toBe(file.id);
    expect(t.slack!.downloads).toEqual([
      { fileId: file.id, authorization: `Bearer ${ws.token}`, served: true },
    ]);
    const [message] = t.slack!.messagesIn(TEST_SLACK_CHANNEL);
    expect(message?.thread_ts).toBe('1700000100.000200');
    expect(imageBlock(message).image_url).toContain(t.imagekit.urlEndpoint);
    expect(t.slack!.contractErrors).toEqual([]);
  });

  it('THEN the shortcut on a message without an image answers privately and queues nothing', async () => {
    await startWithWorkspace();
    const responseUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    const shortcut = messageShortcut({
      callbackId: 'restyle',
      responseUrl,
      message: { ts: '1700000100.000300', text: 'no picture' },
    });

    expect((await sendSlack(t.webUrl!, interaction(shortcut))).status).toBe(200);
    await settled();

    expect(t.slack!.responsePosts).toHaveLength(1);
    expect(t.slack!.responsePosts[0]!.body.response_type).toBe('ephemeral');
    expect(t.slack!.responsePosts[0]!.body.text).toContain('That message has no image I can restyle');
    expect(t.slack!.callsTo('views.open')).toHaveLength(0);
    expect(await t.database.db.generation.count()).toBe(0);
  });
});

describe('GIVEN a user who mentions the bot or DMs it', () => {
  it('THEN a mention with an image and a prompt is restyled and the result posted in its thread', async () => {
    const ws = await startWithWorkspace();
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'dog.jpg',
      await makeJpeg({ width: 400, height: 400 }),
      'image/jpeg',
    );
    const mention = eventCallback({
      event: {
        type: 'app_mention',
        user: TEST_SLACK_USER,
        text: `<@${ws.botUserId}> sketch a dog on a skateboard`,
        ts: '1700000200.000100',
        channel: TEST_SLACK_CHANNEL,
        files: [listed(file)],
      },
    });
    expect((await sendSlack(t.webUrl!, mention)).status).toBe(200);
    await settled();

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');
    expect(gen.style).toBe('sketch');
    expect(gen.prompt).toBe('a dog on a skateboard');
    const [message, ...others] = t.slack!.messagesIn(TEST_SLACK_CHANNEL);
    expect(others).toEqual([]);
    expect(message?.thread_ts).toBe('1700000200.000100');
    expect(imageBlock(message)).toBeDefined();
  });

  it('THEN the same event delivered twice (a Slack retry) runs once', async () => {
    const ws = await startWithWorkspace();
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'dog.jpg',
      await makeJpeg({ width: 400, height: 400 }),
      'image/jpeg',
    );
    const event = {
      type: 'app_mention',
      user: TEST_SLACK_USER,
      text: `<@${ws.botUserId}> make it blue`,
      ts: '1700000200.000900',
      channel: TEST_SLACK_CHANNEL,
      files: [listed(file)],
    };
    await sendSlack(t.webUrl!, eventCallback({ event, eventId: 'Ev0SAME' }));
    await sendSlack(t.webUrl!, eventCallback({ event, eventId: 'Ev0SAME' }));
    await settled();
    await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(await t.database.db.generation.count()).toBe(1);
  });

  it('THEN a DM with an image is answered in the DM', async () => {
    await startWithWorkspace();
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'me.png',
      await makeJpeg({ width: 300, height: 300 }),
      'image/jpeg',
    );
    const dm = eventCallback({
      event: {
        type: 'message',
        subtype: 'file_share',
        channel_type: 'im',
        user: TEST_SLACK_USER,
        text: 'oil-painting',
        ts: '1700000300.000100',
        channel: 'D0TESTDM',
        files: [listed(file)],
      },
    });
    expect((await sendSlack(t.webUrl!, dm)).status).toBe(200);
    await settled();
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.style).toBe('oil-painting');
    const [message] = t.slack!.messagesIn('D0TESTDM');
    expect(message?.thread_ts).toBeUndefined();
    expect(imageBlock(message)).toBeDefined();
  });
});

describe('GIVEN bad inputs (as in the Foundation issue)', () => {
  /** The message intake gives for `make`'s bytes, to compare with what Slack users see. */
  async function intakeMessage(
    bytes: Buffer,
    declared: { contentType: string; size: number },
  ): Promise<string> {
    try {
      checkDeclaredAttachment(
        { url: 'x', ...declared },
        t.app.services.config.MAX_UPLOAD_BYTES,
        t.app.services.config.MAX_INPUT_PIXELS,
      );
      await normaliseImage(bytes, {
        maxPixels: t.app.services.config.MAX_INPUT_PIXELS,
        minSide: t.app.services.config.MIN_INPUT_SIDE,
      });
    } catch (e) {
      return (e as { userMessage: string }).userMessage;
    }
    throw new Error('expected the input to be refused');
  }

  it.each([
    ['a GIF', 'anim.gif', 'image/gif', () => makeGif({ width: 120, height: 120 }), undefined],
    [
      'an image over the size limit',
      'huge.jpg',
      'image/jpeg',
      () => makeJpeg({ width: 200, height: 200 }),
      50 * 1024 * 1024,
    ],
    ['a decompression bomb', 'bomb.png', 'image/png', async () => makeBombPng(20_000, 20_000), undefined],
  ])(
    'THEN a mention with %s is answered privately with the same message as elsewhere, and nothing is queued',
    async (_name, filename, mimetype, make, declaredSize) => {
      const ws = await startWithWorkspace({ roles: 'web' });
      const bytes = await make();
      const file = t.slack!.addFile(
        TEST_SLACK_TEAM,
        filename,
        bytes,
        mimetype,
        declaredSize ? { declaredSize } : {},
      );
      const expected = await intakeMessage(bytes, { contentType: mimetype, size: file.size });

      await sendSlack(
        t.webUrl!,
        eventCallback({
          event: {
            type: 'app_mention',
            user: TEST_SLACK_USER,
            text: `<@${ws.botUserId}> anime`,
            ts: '1700000400.000100',
            channel: TEST_SLACK_CHANNEL,
            files: [listed(file)],
          },
        }),
      );
      await settled();

      expect(t.slack!.ephemerals.map((e) => e.text)).toEqual([expected]);
      expect(t.slack!.ephemerals[0]).toMatchObject({ user: TEST_SLACK_USER, thread_ts: '1700000400.000100' });
      // The public placeholder was taken back: nothing is left in the channel.
      expect(t.slack!.messagesIn(TEST_SLACK_CHANNEL)).toEqual([]);
      expect(await t.database.db.generation.count()).toBe(0);
    },
  );

  it('THEN the modal refuses a missing file, a non-image and a too-long prompt with field errors', async () => {
    await startWithWorkspace({ roles: 'web' });
    const { view } = await openImagineModal();

    const none = await submitImagine(view, undefined);
    expect(JSON.parse(none.text)).toEqual({
      response_action: 'errors',
      errors: { image: 'Please fill this in.' },
    });

    const gif = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'a.gif',
      await makeGif({ width: 100, height: 100 }),
      'image/gif',
    );
    const expected = await intakeMessage(gif.bytes, { contentType: 'image/gif', size: gif.size });
    const wrongType = await submitImagine(view, gif, 'anime', 'x'.repeat(1001));
    expect(JSON.parse(wrongType.text)).toEqual({
      response_action: 'errors',
      errors: { image: expected, prompt: 'At most 1000 characters, please.' },
    });
    expect(await t.database.db.generation.count()).toBe(0);
    expect(t.slack!.downloads).toEqual([]);
  });
});

describe('GIVEN other commands from src/commands', () => {
  it('THEN /jobs answers privately through the response_url, and its Cancel button edits that answer in place', async () => {
    const ws = await startWithWorkspace({ roles: 'web' });
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'q.jpg',
      await makeJpeg({ width: 300, height: 300 }),
      'image/jpeg',
    );
    await sendSlack(
      t.webUrl!,
      eventCallback({
        event: {
          type: 'app_mention',
          user: TEST_SLACK_USER,
          text: `<@${ws.botUserId}>`,
          ts: '1700000500.000100',
          channel: TEST_SLACK_CHANNEL,
          files: [listed(file)],
        },
      }),
    );
    await settled();
    const gen = await t.waitForGeneration((g) => g.status === 'queued');

    const jobsUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    const ack = await sendSlack(t.webUrl!, slashCommand({ command: '/jobs', responseUrl: jobsUrl }));
    expect(ack.status).toBe(200);
    await settled();
    const listing = t.slack!.responsePosts.find((p) => p.url === jobsUrl)!.body;
    expect(listing.response_type).toBe('ephemeral');
    expect(JSON.stringify(listing.blocks)).toContain('queued');
    const cancel = listing.blocks
      .flatMap((b: { elements?: Array<{ action_id: string }> }) => b.elements ?? [])
      .find((e: { action_id: string }) => e.action_id === `jobs:cancel:${gen.id}`);
    expect(cancel).toBeDefined();

    const clickUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    const click = await sendSlack(
      t.webUrl!,
      interaction(blockAction({ actionId: cancel.action_id, responseUrl: clickUrl, ephemeral: true })),
    );
    expect(click.status).toBe(200);
    await settled();
    const edited = t.slack!.responsePosts.find((p) => p.url === clickUrl)!.body;
    expect(edited.replace_original).toBe(true);
    expect(edited.text).toContain('Cancelled');
    expect((await t.database.db.generation.findUniqueOrThrow({ where: { id: gen.id } })).status).toBe(
      'cancelled',
    );
  });

  it('THEN a slash command with options it cannot use answers with its usage, and an unknown one says so', async () => {
    await startWithWorkspace({ roles: 'web' });
    const responseUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    const extra = await sendSlack(
      t.webUrl!,
      slashCommand({ command: '/jobs', text: 'everything please', responseUrl }),
    );
    expect(JSON.parse(extra.text)).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining('Usage: `/jobs`'),
    });

    const unknown = await sendSlack(t.webUrl!, slashCommand({ command: '/nope', responseUrl }));
    expect(JSON.parse(unknown.text).text).toContain('`/nope` is not a command I know');
  });

  it('THEN a subcommand with a typed option runs, and admin-only ones ask Slack whether the user is an admin', async () => {
    await startWithWorkspace({ roles: 'web' });
    const refusedUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    await sendSlack(t.webUrl!, slashCommand({ command: '/budget', text: 'set 20', responseUrl: refusedUrl }));
    await settled();
    expect(t.slack!.responsePosts.find((p) => p.url === refusedUrl)?.body.text).toContain(
      'Only server admins',
    );

    t.slack!.makeAdmin('U0ADMIN');
    const savedUrl = t.slack!.responseUrl(TEST_SLACK_TEAM);
    await sendSlack(
      t.webUrl!,
      slashCommand({ command: '/budget', text: 'set 20', userId: 'U0ADMIN', responseUrl: savedUrl }),
    );
    await settled();
    expect(JSON.stringify(t.slack!.responsePosts.find((p) => p.url === savedUrl)?.body)).toContain(
      'Budget saved',
    );
    expect(await t.database.db.serverBudget.findFirst()).toMatchObject({
      platform: 'slack',
      scope: TEST_SLACK_TEAM,
      dailyLimit: 20,
    });
    expect(t.slack!.callsTo('users.info').map((c) => c.args.user)).toEqual([TEST_SLACK_USER, 'U0ADMIN']);
    expect(t.slack!.contractErrors).toEqual([]);
  });

  it('THEN the Slack user is a PlatformIdentity scoped by team', async () => {
    await startWithWorkspace({ roles: 'web' });
    await sendSlack(
      t.webUrl!,
      slashCommand({ command: '/jobs', responseUrl: t.slack!.responseUrl(TEST_SLACK_TEAM) }),
    );
    await settled();
    const identities = await t.database.db.platformIdentity.findMany();
    expect(identities).toEqual([
      expect.objectContaining({ platform: 'slack', scope: TEST_SLACK_TEAM, platformUserId: TEST_SLACK_USER }),
    ]);
  });
});

describe('GIVEN a channel the bot may not post in', () => {
  it('THEN answers use the response_url (queued privately, result in the channel), and after 30 minutes a DM', async () => {
    await startWithWorkspace();
    t.slack!.denyChannel(TEST_SLACK_CHANNEL);
    const { view, responseUrl } = await openImagineModal();
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      'p.jpg',
      await makeJpeg({ width: 320, height: 240 }),
      'image/jpeg',
    );
    await submitImagine(view, file, 'noir');
    await settled();

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.deliveredVia).toBe('response_url');
    const posts = t.slack!.responsePosts.filter((p) => p.url === responseUrl).map((p) => p.body);
    expect(posts[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Queued') });
    expect(posts.at(-1)).toMatchObject({ response_type: 'in_channel' });
    expect(posts.at(-1).blocks.find((b: { type: string }) => b.type === 'image')).toBeDefined();

    // The same slash command's URL is too old for a second image half an hour later.
    const { view: later } = await openImagineModal();
    t.clock.offsetMs = 31 * 60_000;
    await submitImagine(later, t.slack!.addFile(TEST_SLACK_TEAM, 'p2.jpg', file.bytes, 'image/jpeg'), 'noir');
    await settled();
    const second = await t.waitForGeneration((g) => g.deliveredAt !== null && g.id !== gen.id);
    expect(second.deliveredVia).toBe('dm');
  });
});

describe('GIVEN a single-workspace setup (SLACK_BOT_TOKEN) with local storage', () => {
  it('THEN a mention works without OAuth and the result image is uploaded to Slack', async () => {
    t = await startTestBot({ slack: { mode: 'single' }, env: { STORAGE: 'local' } });
    const ws = t.slack!.workspaces.get(TEST_SLACK_TEAM)!;
    const file = t.slack!.addFile(
      TEST_SLACK_TEAM,
      's.jpg',
      await makeJpeg({ width: 300, height: 300 }),
      'image/jpeg',
    );
    await sendSlack(
      t.webUrl!,
      eventCallback({
        event: {
          type: 'app_mention',
          user: TEST_SLACK_USER,
          text: `<@${ws.botUserId}> pop-art`,
          ts: '1700000600.000100',
          channel: TEST_SLACK_CHANNEL,
          files: [listed(file)],
        },
      }),
    );
    await settled();
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');

    expect(t.slack!.callsTo('auth.test')).toHaveLength(1);
    expect(await t.database.db.slackInstallation.count()).toBe(0);
    const uploaded = [...t.slack!.files.values()].find((f) => f.uploadedByBot);
    expect(uploaded?.shared).toEqual({ channel: TEST_SLACK_CHANNEL, thread_ts: '1700000600.000100' });
    expect(uploaded?.bytes.subarray(1, 4).toString()).toBe('PNG');
    const [message] = t.slack!.messagesIn(TEST_SLACK_CHANNEL);
    expect(blocksOf(message).some((b) => b.type === 'image')).toBe(false);
    expect(t.slack!.contractErrors).toEqual([]);
  });
});
