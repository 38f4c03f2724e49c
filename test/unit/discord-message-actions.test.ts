import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildMessageActionModal,
  createMemoryPendingStore,
  encodeModalId,
  findMessageImage,
  parseModalId,
} from '../../src/bots/discord/message-actions.ts';
import { imagine } from '../../src/commands/imagine.ts';
import { messageActions } from '../../src/commands/index.ts';
import { type Command, defineCommand } from '../../src/commands/types.ts';
import { testMessage } from '../support/discord-interactions.ts';

const HOSTS = ['cdn.discordapp.com', '*.example.org'];
const restyle = messageActions[0]!;

describe('findMessageImage', () => {
  it('takes the first PNG, JPEG or WebP attachment, by content type or else by file name', () => {
    const message = testMessage({
      attachments: [
        { url: 'https://cdn.discordapp.com/a/cat.gif', filename: 'cat.gif', contentType: 'image/gif' },
        { url: 'https://cdn.discordapp.com/a/notes.txt', filename: 'notes.txt' },
        {
          url: 'https://cdn.discordapp.com/a/dog.WEBP',
          filename: 'dog.WEBP',
          size: 2048,
          width: 64,
          height: 48,
        },
      ],
    });
    expect(findMessageImage(message, HOSTS)).toEqual({
      url: 'https://cdn.discordapp.com/a/dog.WEBP',
      filename: 'dog.WEBP',
      size: 2048,
      width: 64,
      height: 48,
    });
  });

  it('falls back to an embed image or thumbnail on an allowed host, proxy URL included', () => {
    const fromProxy = testMessage({
      embeds: [
        {
          image: {
            url: 'https://elsewhere.net/x.png',
            proxy_url: 'https://media.example.org/external/x.png',
          },
        },
      ],
    });
    expect(findMessageImage(fromProxy, HOSTS)?.url).toBe('https://media.example.org/external/x.png');
    const thumbnail = testMessage({ embeds: [{ thumbnail: { url: 'https://cdn.discordapp.com/t.jpg' } }] });
    expect(findMessageImage(thumbnail, HOSTS)?.url).toBe('https://cdn.discordapp.com/t.jpg');
  });

  it('finds nothing in text, in other files, or on hosts that are not allowed', () => {
    expect(findMessageImage(testMessage({ content: 'hello' }), HOSTS)).toBeNull();
    expect(
      findMessageImage(
        testMessage({ embeds: [{ image: { url: 'https://example.org.evil.net/x.png' } }] }),
        HOSTS,
      ),
    ).toBeNull();
    expect(
      findMessageImage(
        testMessage({ embeds: [{ image: { url: 'ftp://cdn.discordapp.com/x.png' } }] }),
        HOSTS,
      ),
    ).toBeNull();
  });
});

describe('the message action modal', () => {
  it('asks choices with a string select and text with a text input, each in a Label', () => {
    const modal = buildMessageActionModal(restyle, imagine as unknown as Command, '123456789012345678');
    expect(modal.custom_id).toBe('msgaction:restyle:123456789012345678');
    expect(parseModalId(modal.custom_id)).toEqual({ actionId: 'restyle', pendingId: '123456789012345678' });
    expect(modal.components).toHaveLength(2);
    const [style, prompt] = modal.components as unknown as Array<{
      type: number;
      label: string;
      component: Record<string, unknown>;
    }>;
    expect(style).toMatchObject({
      type: 18,
      label: 'Style',
      component: { type: 3, custom_id: 'style', max_values: 1 },
    });
    expect(prompt).toMatchObject({
      type: 18,
      label: 'Prompt',
      component: { type: 4, custom_id: 'prompt', style: 2, required: false, max_length: 1000 },
    });
  });

  it('refuses, at build time, an action asking what the command lacks or what a modal cannot ask', () => {
    const numbers = defineCommand({
      name: 'count',
      description: 'x',
      options: z.object({ image: z.string().describe('x'), n: z.number().int().describe('How many') }),
      handler: async () => ({ text: '' }),
    }) as unknown as Command;
    expect(() =>
      buildMessageActionModal({ ...restyle, askOptions: ['nope'] }, imagine as unknown as Command, '1'),
    ).toThrow(/does not have/);
    expect(() => buildMessageActionModal({ ...restyle, askOptions: ['n'] }, numbers, '1')).toThrow(
      /text or a choice/,
    );
  });

  it('parses only its own custom ids', () => {
    expect(parseModalId(encodeModalId('restyle', '123456789012345678'))).not.toBeNull();
    expect(parseModalId('imagine:delete:123')).toBeNull();
    expect(parseModalId('msgaction:restyle:not-a-snowflake')).toBeNull();
  });
});

describe('the in-memory pending store', () => {
  it('gives an entry back once, and not after it expired', async () => {
    let now = 0;
    const store = createMemoryPendingStore(() => now);
    const entry = { userId: '1', attachment: { url: 'https://cdn.discordapp.com/a.png' } };
    await store.save('a', entry, 60);
    await store.save('b', entry, 60);
    expect(await store.take('a')).toEqual(entry);
    expect(await store.take('a')).toBeNull();
    now = 61_000;
    expect(await store.take('b')).toBeNull();
  });
});
