/**
 * The Discord adapter driven end to end: raw gateway interactions fed to a real discord.js client,
 * whose replies go over HTTP to the fake Discord API. Commands are small stubs defined here.
 */
import { type Client, PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { attachDiscordAdapter, type DiscordAdapter } from '../../src/bots/discord/adapter.ts';
import { createDiscordClient } from '../../src/bots/discord/client.ts';
import { createDispatcher } from '../../src/commands/dispatch.ts';
import { attachmentOption } from '../../src/commands/options.ts';
import {
  type Command,
  type CommandContext,
  defineCommand,
  defineSubcommand,
  type Invocation,
} from '../../src/commands/types.ts';
import { UserFacingError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import {
  buttonInteraction,
  chatInputInteraction,
  feedInteraction,
  stringSelectInteraction,
  TEST_APP_ID,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  TEST_USER_ID,
} from '../support/discord-interactions.ts';

/** A promise the test resolves when it wants the "slow" handler to finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

let slowGate = gate();
const seen: Invocation[] = [];

const commands = [
  defineCommand({
    name: 'slow',
    description: 'Answers when the test lets it',
    options: z.object({ text: z.string().describe('Some text') }),
    async handler(options, inv) {
      seen.push(inv);
      await slowGate.opened;
      return {
        title: 'Slow answer',
        text: `done: ${options.text}`,
        tone: 'success',
        buttons: [{ command: 'card', action: 'remove', value: 'gen-1', label: 'Delete', style: 'danger' }],
      };
    },
  }),
  defineCommand({
    name: 'secret',
    description: 'Answers only to the user',
    ephemeral: true,
    async handler() {
      return { text: 'only you can see this' };
    },
  }),
  defineCommand({
    name: 'broke',
    description: 'Refuses politely',
    async handler() {
      throw new UserFacingError('no_credits', {}, false, { text: 'You have no credits left.' });
    },
  }),
  defineCommand({
    name: 'upload',
    description: 'Takes an image',
    options: z.object({
      image: attachmentOption('The image'),
      note: z.string().describe('A note').optional(),
    }),
    async handler(options, inv) {
      seen.push(inv);
      return { text: `got ${options.image.filename}` };
    },
  }),
  defineCommand({
    name: 'settings',
    description: 'Settings',
    subcommands: {
      show: defineSubcommand({
        description: 'Show settings',
        options: z.object({ verbose: z.boolean().describe('More detail') }),
        ephemeral: true,
        async handler(options, inv) {
          seen.push(inv);
          return { text: `verbose=${options.verbose}` };
        },
      }),
    },
  }),
  defineCommand({
    name: 'card',
    description: 'Buttons only',
    actions: {
      remove: {
        ack: 'update',
        async handler(value, inv) {
          seen.push(inv);
          return { text: `deleted ${value}`, deleteSource: true };
        },
      },
      refresh: {
        ack: 'update',
        async handler(value) {
          return { text: `refreshed ${value}`, tone: 'info' };
        },
      },
      nope: {
        ack: 'update',
        async handler() {
          throw new UserFacingError('not_yours', {}, false, { text: 'That is not your image.' });
        },
      },
      pick: {
        ack: 'reply',
        async handler(value, inv) {
          seen.push(inv);
          return { text: `picked ${inv.action?.values?.join(',')} for ${value}` };
        },
      },
    },
  }),
] as unknown as Command[];

let fake: FakeDiscord;
let client: Client;
let adapter: DiscordAdapter;
const logLines: string[] = [];
const report = vi.fn((_error: unknown, _context?: Record<string, string | number | undefined>) => 'evt-1');

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = createDiscordClient({ apiUrl: fake.apiUrl, token: 'bot-token' });
  const ctx = { services: {} } as unknown as CommandContext;
  adapter = attachDiscordAdapter(client, createDispatcher(commands, ctx, report), {
    log: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
    report,
  });
});

afterAll(async () => {
  adapter.detach();
  await client.destroy();
  await fake.stop();
});

afterEach(() => {
  const contractErrors = [...fake.contractErrors];
  fake.contractErrors.length = 0;
  fake.calls.length = 0;
  fake.followUps.length = 0;
  fake.http.reset();
  seen.length = 0;
  slowGate = gate();
  expect(contractErrors).toEqual([]);
});

const callsFor = (token: string) => fake.calls.filter((c) => c.path.includes(`/${token}`));

describe('Discord adapter', () => {
  it('defers the reply before the command finishes, then edits in the rendered answer', async () => {
    const raw = chatInputInteraction({ command: 'slow', options: { text: 'hello' } });
    feedInteraction(client, raw);

    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await vi.waitFor(() => expect(fake.callsTo('interactionCallback')).toHaveLength(1));
    const [ack] = fake.callsTo('interactionCallback');
    expect(ack?.params.interactionId).toBe(raw.id);
    expect(ack?.payload).toEqual({ type: 5, data: { flags: 0 } });
    // The handler is still waiting: nothing but the acknowledgement has been sent.
    expect(fake.callsTo('webhookEdit')).toEqual([]);

    slowGate.open();
    await adapter.settled();
    const [edit] = fake.callsTo('webhookEdit');
    expect(edit?.path).toBe(`/api/v10/webhooks/${TEST_APP_ID}/${raw.token}/messages/%40original`);
    expect(edit?.authorization).toBeUndefined();
    expect(edit?.payload.embeds).toEqual([
      expect.objectContaining({ title: 'Slow answer', description: 'done: hello', color: 0x57f287 }),
    ]);
    expect(edit?.payload.components[0].components[0]).toMatchObject({
      custom_id: 'card:remove:gen-1',
      style: 4,
    });
    expect(edit?.payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers an ephemeral command with the ephemeral flag', async () => {
    const raw = chatInputInteraction({ command: 'secret' });
    feedInteraction(client, raw);
    await adapter.settled();

    expect(callsFor(raw.token).map((c) => c.route)).toEqual(['interactionCallback', 'webhookEdit']);
    expect(fake.callsTo('interactionCallback')[0]?.payload).toEqual({ type: 5, data: { flags: 64 } });
    expect(fake.callsTo('webhookEdit')[0]?.payload.content).toBe('only you can see this');
  });

  it('keeps an error private: deletes the public placeholder and follows up ephemerally', async () => {
    const raw = chatInputInteraction({ command: 'broke' });
    feedInteraction(client, raw);
    await adapter.settled();

    expect(callsFor(raw.token).map((c) => c.route)).toEqual([
      'interactionCallback',
      'webhookDelete',
      'followUp',
    ]);
    expect(fake.callsTo('webhookDelete')[0]?.path).toContain('/messages/%40original');
    const followUp = fake.callsTo('followUp')[0];
    expect(followUp?.payload.flags).toBe(64);
    expect(followUp?.payload.embeds[0].description).toBe('You have no credits left.');
    expect(followUp?.authorization).toBeUndefined();
  });

  it('hands an attachment option to the command as an InputAttachment, with who and where', async () => {
    const url = fake.addAttachment('cat.png', Buffer.from('png'), 'image/png');
    const raw = chatInputInteraction({
      command: 'upload',
      attachments: {
        image: { url, filename: 'cat.png', contentType: 'image/png', size: 3, width: 64, height: 48 },
      },
      options: { note: 'hi' },
      permissions: PermissionFlagsBits.ManageGuild,
      locale: 'fr',
      attachmentSizeLimit: 25 * 1024 * 1024,
    });
    feedInteraction(client, raw);
    await adapter.settled();

    const inv = seen[0]!;
    expect(inv.options).toEqual({
      image: { url, filename: 'cat.png', contentType: 'image/png', size: 3, width: 64, height: 48 },
      note: 'hi',
    });
    expect(inv.actor).toEqual({
      platform: 'discord',
      platformUserId: TEST_USER_ID,
      identityScope: '',
      displayName: 'User 0002',
      locale: 'fr',
      isServerAdmin: true,
      canManageMessages: false,
    });
    expect(inv.platformAttachmentLimit).toBe(25 * 1024 * 1024);
    expect(inv.replyTarget).toEqual({
      platform: 'discord',
      scope: TEST_GUILD_ID,
      channelId: TEST_CHANNEL_ID,
      userId: TEST_USER_ID,
      receivedAt: expect.any(Number),
      locale: 'fr',
      data: {
        applicationId: TEST_APP_ID,
        interactionId: raw.id,
        interactionToken: raw.token,
        canPostInChannel: true,
      },
    });
    expect(Math.abs(inv.replyTarget.receivedAt - Date.now())).toBeLessThan(60_000);
    expect(fake.callsTo('webhookEdit')[0]?.payload.content).toBe('got cat.png');
    // The URL handed to the command serves the uploaded bytes.
    const fetched = await fetch(url);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fetched.arrayBuffer()).toString()).toBe('png');
  });

  it('passes subcommand options and notes a user-installed app cannot post in the channel', async () => {
    feedInteraction(
      client,
      chatInputInteraction({
        command: 'settings',
        subcommand: 'show',
        options: { verbose: true },
        userInstalledOnly: true,
        permissions: PermissionFlagsBits.ManageMessages,
      }),
    );
    await adapter.settled();

    const inv = seen[0]!;
    expect(inv.subcommand).toBe('show');
    expect(inv.options).toEqual({ verbose: true });
    expect(inv.actor.canManageMessages).toBe(true);
    expect(inv.actor.isServerAdmin).toBe(false);
    expect(inv.replyTarget.data.canPostInChannel).toBe(false);
    expect(fake.callsTo('interactionCallback')[0]?.payload.data.flags).toBe(64);
    expect(fake.callsTo('webhookEdit')[0]?.payload.content).toBe('verbose=true');
  });

  it('answers a DM invocation with an empty scope', async () => {
    feedInteraction(
      client,
      chatInputInteraction({
        command: 'upload',
        guildId: null,
        attachments: { image: { url: 'https://cdn.discordapp.com/a.png' } },
      }),
    );
    await adapter.settled();
    expect(seen[0]?.replyTarget.scope).toBe('');
    expect(seen[0]?.actor.isServerAdmin).toBe(false);
    expect(seen[0]?.replyTarget.data.canPostInChannel).toBe(true);
  });

  it('turns a button click into an action, defers an update and deletes the clicked message via the webhook', async () => {
    const raw = buttonInteraction({ customId: 'card:remove:gen-7' });
    feedInteraction(client, raw);
    await adapter.settled();

    const inv = seen[0]!;
    expect(inv.command).toBe('card');
    expect(inv.action).toEqual({ name: 'remove', value: 'gen-7' });
    expect(inv.replyTarget.data.sourceMessageId).toBe(raw.message.id);
    expect(callsFor(raw.token).map((c) => c.route)).toEqual(['interactionCallback', 'webhookDelete']);
    expect(fake.callsTo('interactionCallback')[0]?.payload).toEqual({ type: 6 });
    expect(fake.callsTo('webhookDelete')[0]?.authorization).toBeUndefined();
    // No bot-authenticated DELETE /channels/:id/messages/:id.
    expect(fake.http.received('DELETE', '/channels/')).toEqual([]);
  });

  it('turns a select-menu choice into an action with the chosen values', async () => {
    const raw = stringSelectInteraction({ customId: 'card:pick:gen-3', values: ['anime'] });
    feedInteraction(client, raw);
    await adapter.settled();

    expect(seen[0]?.action).toEqual({ name: 'pick', value: 'gen-3', values: ['anime'] });
    expect(fake.callsTo('interactionCallback')[0]?.payload).toEqual({ type: 5, data: { flags: 0 } });
    expect(fake.callsTo('webhookEdit')[0]?.payload.content).toBe('picked anime for gen-3');
  });

  it('receive() resolves once a raw interaction is acknowledged, while the command still runs', async () => {
    const raw = chatInputInteraction({ command: 'slow', options: { text: 'over http' } });
    await adapter.receive(raw);
    expect(callsFor(raw.token).map((c) => c.route)).toEqual(['interactionCallback']);

    slowGate.open();
    await adapter.settled();
    expect(callsFor(raw.token).map((c) => c.route)).toEqual(['interactionCallback', 'webhookEdit']);
  });

  it('receive() resolves at once for an interaction the bot does not answer', async () => {
    const autocomplete = { ...chatInputInteraction({ command: 'slow' }), type: 4 };
    const unknownType = { ...chatInputInteraction({ command: 'slow' }), type: 99 };
    await adapter.receive(autocomplete);
    await adapter.receive(unknownType);
    expect(fake.calls).toEqual([]);
  });

  it('edits the clicked message in place for an update action', async () => {
    const raw = buttonInteraction({ customId: 'card:refresh:gen-8', message: { content: 'old text' } });
    feedInteraction(client, raw);
    await adapter.settled();

    const edit = fake.callsTo('webhookEdit')[0];
    expect(edit?.payload.content).toBe('');
    expect(edit?.payload.embeds[0].description).toBe('refreshed gen-8');
  });

  it('answers a failed update action privately and leaves the clicked message alone', async () => {
    const raw = buttonInteraction({ customId: 'card:nope:gen-9' });
    feedInteraction(client, raw);
    await adapter.settled();

    expect(callsFor(raw.token).map((c) => c.route)).toEqual(['interactionCallback', 'followUp']);
    expect(fake.callsTo('followUp')[0]?.payload).toMatchObject({ flags: 64 });
    expect(fake.callsTo('followUp')[0]?.payload.embeds[0].description).toBe('That is not your image.');
  });

  it('answers an unknown command or button ephemerally without running anything', async () => {
    const cmd = chatInputInteraction({ command: 'gone' });
    const btn = buttonInteraction({ customId: 'card:vanished:1' });
    feedInteraction(client, cmd);
    feedInteraction(client, btn);
    await adapter.settled();

    for (const raw of [cmd, btn]) {
      const calls = callsFor(raw.token);
      expect(calls.map((c) => c.route)).toEqual(['interactionCallback']);
      expect(calls[0]?.payload).toMatchObject({ type: 4, data: { flags: 64 } });
    }
  });

  it('does not run the command when the interaction can no longer be acknowledged', async () => {
    const raw = chatInputInteraction({
      command: 'upload',
      attachments: { image: { url: 'https://cdn.discordapp.com/a.png' } },
    });
    fake.expireToken(raw.token);
    feedInteraction(client, raw);
    await adapter.settled();

    expect(seen).toEqual([]);
    expect(callsFor(raw.token).map((c) => c.route)).toEqual(['interactionCallback']);
  });

  it('survives Discord refusing the answer and tells the user something went wrong', async () => {
    const raw = chatInputInteraction({ command: 'secret' });
    fake.http.failNext('PATCH', `/api/v10/webhooks/${TEST_APP_ID}/${raw.token}/messages/:id`, {
      status: 400,
      body: { code: 50035, message: 'Invalid Form Body' },
    });
    feedInteraction(client, raw);
    await adapter.settled();

    const edits = fake.callsTo('webhookEdit');
    // The refused edit is not decoded by the fake (failNext answers first); the apology is.
    expect(fake.http.received('PATCH')).toHaveLength(2);
    expect(edits.at(-1)?.payload.content).toMatch(/could not be shown/);
    expect(report).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'DiscordDeliveryError', code: 50035 }),
      {
        command: 'secret',
        stage: 'discord-reply',
      },
    );
    expect(String(report.mock.calls.at(-1)?.[0])).not.toContain(raw.token);
    expect(logLines.join('\n')).toContain('could not send a discord reply');
    expect(logLines.join('\n')).not.toContain(raw.token);
    // The process is still serving interactions.
    const next = chatInputInteraction({ command: 'secret' });
    feedInteraction(client, next);
    await adapter.settled();
    expect(callsFor(next.token).map((c) => c.route)).toEqual(['interactionCallback', 'webhookEdit']);
  });
});
