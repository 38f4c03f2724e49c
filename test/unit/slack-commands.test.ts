/**
 * The generic pieces that let any command in src/commands run in Slack: slash-command text parsed
 * against the command's own options, modals built from them and read back, and the manifest.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSlackManifest } from '../../src/bots/slack/manifest.ts';
import {
  buildModal,
  readModalContext,
  readModalValues,
  validateSubmission,
} from '../../src/bots/slack/modal.ts';
import { parseSlashText, tokenize, usageOf } from '../../src/bots/slack/slash-text.ts';
import { commands, messageActions } from '../../src/commands/index.ts';
import { describeOptions } from '../../src/commands/options.ts';
import { defineCommand, defineSubcommand } from '../../src/commands/types.ts';

const imagine = commands.find((c) => c.name === 'imagine')!;

const family = defineCommand({
  name: 'privacy-like',
  description: 'A family of subcommands',
  subcommands: {
    export: defineSubcommand({
      description: 'Export',
      options: z.object({}),
      handler: async () => ({ text: '' }),
    }),
    consent: defineSubcommand({
      description: 'Consent',
      options: z.object({
        kind: z.enum(['training', 'marketing']).describe('What'),
        given: z.boolean().describe('Yes or no'),
        note: z.string().max(50).describe('Why').optional(),
      }),
      handler: async () => ({ text: '' }),
    }),
  },
});

const numbers = defineCommand({
  name: 'limits',
  description: 'Numbers',
  options: z.object({
    count: z.number().int().describe('How many'),
    ratio: z.number().describe('Ratio').optional(),
  }),
  handler: async () => ({ text: '' }),
});

describe('parseSlashText', () => {
  it('takes a leading style choice, then the rest as the prompt', () => {
    expect(parseSlashText(imagine, 'watercolor make it autumn')).toMatchObject({
      ok: true,
      options: { style: 'watercolor', prompt: 'make it autumn' },
    });
  });

  it('skips a choice option when the first word is not one of its choices', () => {
    expect(parseSlashText(imagine, 'make it autumn')).toMatchObject({
      ok: true,
      options: { prompt: 'make it autumn' },
    });
    expect(parseSlashText(imagine, '')).toMatchObject({ ok: true, options: {} });
  });

  it('accepts name:value and name:"quoted words" in any order, matching choices by label too', () => {
    const parsed = parseSlashText(imagine, 'prompt:"a red barn" style:Anime');
    expect(parsed).toMatchObject({ ok: true, options: { style: 'anime', prompt: 'a red barn' } });
  });

  it('reads the first word as the subcommand, and typed values for its options', () => {
    expect(parseSlashText(family, 'export')).toMatchObject({ ok: true, subcommand: 'export', options: {} });
    expect(parseSlashText(family, 'consent training no because')).toMatchObject({
      ok: true,
      subcommand: 'consent',
      options: { kind: 'training', given: false, note: 'because' },
    });
    expect(parseSlashText(numbers, '3 0.5')).toMatchObject({ ok: true, options: { count: 3, ratio: 0.5 } });
  });

  it('answers with the usage when a subcommand is missing or unknown, or words are left over', () => {
    expect(parseSlashText(family, '')).toEqual({
      ok: false,
      error: 'Usage: `/privacy-like <export|consent>`',
    });
    expect(parseSlashText(family, 'delete')).toMatchObject({ ok: false });
    expect(parseSlashText(numbers, 'many')).toEqual({
      ok: false,
      error: 'I could not use “many”. Usage: `/limits <count> [ratio]`',
    });
    expect(parseSlashText(imagine, 'style:nope')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Choose one of: watercolor'),
    });
  });

  it('keeps Slack-looking words such as URLs intact in free text', () => {
    expect(tokenize('see https://x.test/a?b=1 now').map((t) => t.text)).toEqual([
      'see',
      'https://x.test/a?b=1',
      'now',
    ]);
    expect(parseSlashText(imagine, 'like https://x.test/a')).toMatchObject({
      options: { prompt: 'like https://x.test/a' },
    });
  });

  it('describes the usage from the options', () => {
    expect(usageOf(imagine)).toBe('/imagine [style] [prompt]');
    expect(usageOf(family)).toBe('/privacy-like <export|consent>');
  });
});

describe('modals', () => {
  const fields = describeOptions(imagine.options!);
  const context = {
    command: 'imagine',
    channelId: 'C1',
    responseUrl: 'https://hooks.slack.com/x',
    responseUrlAt: 1,
  };

  it('builds a file_input limited to images, a style select and a prompt field, remembering where it came from', () => {
    const view = buildModal({
      title: '/imagine but with a very long title',
      fields,
      initial: { style: 'anime' },
      context,
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    // biome-ignore lint/suspicious/noExplicitAny: Block Kit read freely
    const blocks = view.blocks as any[];
    expect(blocks.map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['image', 'file_input', false],
      ['style', 'static_select', true],
      ['prompt', 'plain_text_input', true],
    ]);
    expect(blocks[0].element).toMatchObject({ filetypes: ['png', 'jpg', 'jpeg', 'webp'], max_files: 1 });
    expect(blocks[1].element.initial_option.value).toBe('anime');
    expect(blocks[2].element.max_length).toBe(1000);
    expect(readModalContext(view.private_metadata)).toEqual(context);
    expect(readModalContext('not json')).toBeUndefined();
  });

  it('reads a submission back into option values and validates it with the command schema', () => {
    const values = {
      image: {
        value: { type: 'file_input', files: [{ id: 'F1', name: 'a.png', mimetype: 'image/png', size: 10 }] },
      },
      style: { value: { type: 'static_select', selected_option: { value: 'noir' } } },
      prompt: { value: { type: 'plain_text_input', value: 'rainy street' } },
    };
    const submission = readModalValues(values, fields);
    expect(submission).toEqual({
      options: { style: 'noir', prompt: 'rainy street' },
      files: { image: values.image.value.files[0] },
    });
    expect(validateSubmission(imagine.options, fields, submission)).toEqual({});

    const empty = readModalValues(
      { style: { value: { type: 'static_select', selected_option: null } } },
      fields,
    );
    expect(validateSubmission(imagine.options, fields, empty)).toEqual({ image: 'Please fill this in.' });
  });

  it('reports file problems with the given check, and schema problems by field', () => {
    const submission = {
      options: { prompt: 'p'.repeat(1001) },
      files: { image: { id: 'F2', name: 'a.gif', mimetype: 'image/gif', size: 10 } },
    };
    expect(
      validateSubmission(imagine.options, fields, submission, { checkFile: (a) => `no ${a.contentType}` }),
    ).toEqual({
      image: 'no image/gif',
      prompt: 'At most 1000 characters, please.',
    });
  });
});

describe('buildSlackManifest', () => {
  const manifest = buildSlackManifest({ publicUrl: 'https://bot.example.com/', commands, messageActions });

  it('has a slash command per registered command, all pointing at the events URL', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const c of manifest.features.slash_commands) {
      expect(c.url).toBe('https://bot.example.com/slack/events');
      expect(c.description.length).toBeGreaterThan(0);
    }
    expect(manifest.features.slash_commands.find((c) => c.command === '/imagine')?.usage_hint).toBe(
      '[style] [prompt]',
    );
  });

  it('has the message shortcut of every message action', () => {
    expect(manifest.features.shortcuts).toEqual(
      messageActions.map((a) =>
        expect.objectContaining({ type: 'message', callback_id: a.id, name: a.label }),
      ),
    );
  });

  it('asks for the scopes, events, interactivity and OAuth redirect the adapter needs', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'files:read',
        'files:write',
        'app_mentions:read',
        'im:history',
      ]),
    );
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: 'https://bot.example.com/slack/events',
      bot_events: ['app_mention', 'message.im', 'app_uninstalled', 'tokens_revoked'],
    });
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://bot.example.com/slack/events',
    });
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it('refuses a public URL that is not http(s)', () => {
    expect(() => buildSlackManifest({ publicUrl: 'ftp://x', commands, messageActions })).toThrow('http(s)');
  });
});
