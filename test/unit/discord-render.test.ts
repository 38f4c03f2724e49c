import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  type ButtonRow,
  DISCORD_LIMITS,
  encodeCustomId,
  parseCustomId,
  type RenderedMessage,
  renderReply,
  TONE_COLOURS,
  truncate,
} from '../../src/bots/discord/render.ts';
import type { Reply, ReplyButton } from '../../src/commands/types.ts';

const embedSize = (e: ReturnType<typeof renderReply>['embeds'][number]): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** The action rows of a message without V2 layout (buttons only in these tests). */
const rows = (m: RenderedMessage) => m.components as ButtonRow[];

const button = (i: number, extra: Partial<ReplyButton> = {}): ReplyButton => ({
  command: 'imagine',
  action: 'rerun',
  value: `gen-${i}`,
  label: `Button ${i}`,
  ...extra,
});

describe('renderReply', () => {
  it('renders plain text as message content that pings nobody', () => {
    const out = renderReply({ text: 'Hello **there**' });
    expect(out).toEqual({
      content: 'Hello **there**',
      embeds: [],
      components: [],
      files: [],
      allowed_mentions: { parse: [] },
    });
  });

  it('renders title, tone, fields and footer as one embed with the tone colour', () => {
    const out = renderReply({
      text: 'Your image is ready',
      title: 'Watercolor restyle',
      tone: 'success',
      footer: 'offline mode',
      fields: [{ name: 'Style', value: 'Watercolor', inline: true }],
    });
    expect(out.content).toBeUndefined();
    expect(out.embeds).toEqual([
      {
        title: 'Watercolor restyle',
        description: 'Your image is ready',
        color: TONE_COLOURS.success,
        footer: { text: 'offline mode' },
        fields: [{ name: 'Style', value: 'Watercolor', inline: true }],
      },
    ]);
  });

  it('moves text longer than a message into an embed, cut at the description limit', () => {
    const long = renderReply({ text: 'a'.repeat(2500) });
    expect(long.content).toBeUndefined();
    expect(long.embeds[0]?.description).toHaveLength(2500);

    const huge = renderReply({ text: 'b'.repeat(10_000) });
    expect(huge.embeds[0]?.description).toHaveLength(DISCORD_LIMITS.embedDescription);
    expect(huge.embeds[0]?.description?.endsWith('…')).toBe(true);
  });

  it('keeps an embed within 6000 characters and 25 fields however large the reply', () => {
    const reply: Reply = {
      title: 't'.repeat(400),
      text: 'd'.repeat(5000),
      footer: 'f'.repeat(3000),
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v'.repeat(2000) })),
      tone: 'info',
    };
    const [embed] = renderReply(reply).embeds;
    expect(embed).toBeDefined();
    expect(embedSize(embed!)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed!.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed!.fields!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const f of embed!.fields!) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
  });

  it('never sends an empty message', () => {
    expect(renderReply({ text: '' }).content).toBe('\u200b');
  });

  it('shows an image by URL in the embed', () => {
    const out = renderReply({ text: '', image: { url: 'https://ik.imagekit.io/x/result.png' } });
    expect(out.embeds[0]?.image).toEqual({ url: 'https://ik.imagekit.io/x/result.png' });
    expect(out.files).toEqual([]);
  });

  it('uploads image bytes as a file referenced by attachment:// with a safe name and alt text', () => {
    const data = Buffer.from('png-bytes');
    const out = renderReply({
      text: 'done',
      image: {
        url: 'http://localhost/files/x.png',
        data,
        filename: 'my result (1).png',
        alt: 'A watercolor cat',
      },
    });
    expect(out.files).toEqual([
      { name: 'my_result__1_.png', data, contentType: 'image/png', description: 'A watercolor cat' },
    ]);
    expect(out.embeds[0]?.image).toEqual({ url: 'attachment://my_result__1_.png' });
  });

  it('lays buttons out five to a row with encoded custom ids and styles', () => {
    const out = renderReply({
      text: 'x',
      buttons: [
        button(1, { style: 'danger', emoji: '🗑️' }),
        ...Array.from({ length: 6 }, (_, i) => button(i + 2)),
      ],
    });
    expect(rows(out).map((r) => r.components.length)).toEqual([5, 2]);
    expect(rows(out)[0]?.type).toBe(ComponentType.ActionRow);
    expect(rows(out)[0]?.components[0]).toEqual({
      type: ComponentType.Button,
      style: ButtonStyle.Danger,
      custom_id: 'imagine:rerun:gen-1',
      label: 'Button 1',
      emoji: { name: '🗑️' },
    });
    expect(rows(out)[0]?.components[1]?.style).toBe(ButtonStyle.Secondary);
  });

  it('keeps at most five rows of buttons and leaves out a button whose custom id would be cut', () => {
    const many = renderReply({ text: 'x', buttons: Array.from({ length: 30 }, (_, i) => button(i)) });
    expect(rows(many)).toHaveLength(DISCORD_LIMITS.actionRows);
    expect(rows(many).every((r) => r.components.length === 5)).toBe(true);

    const tooLong = renderReply({ text: 'x', buttons: [button(1, { value: 'v'.repeat(95) }), button(2)] });
    expect(rows(tooLong)[0]?.components.map((c) => c.custom_id)).toEqual(['imagine:rerun:gen-2']);
  });

  it('parses custom emojis into id and name', () => {
    const out = renderReply({ text: 'x', buttons: [button(1, { emoji: '<a:spin:123456789012345678>' })] });
    expect(rows(out)[0]?.components[0]?.emoji).toEqual({
      name: 'spin',
      id: '123456789012345678',
      animated: true,
    });
  });

  it('mentions only the given user when asked to', () => {
    const plain = renderReply({ text: 'hi @everyone' }, { mentionUserId: '42' });
    expect(plain.content).toBe('<@42> hi @everyone');
    expect(plain.allowed_mentions).toEqual({ parse: [], users: ['42'] });

    const withEmbed = renderReply({ text: 'hi', tone: 'success' }, { mentionUserId: '42' });
    expect(withEmbed.content).toBe('<@42>');
    expect(withEmbed.embeds[0]?.description).toBe('hi');
  });
});

describe('renderReply for results', () => {
  const result: Reply = {
    title: 'Watercolor restyle',
    text: 'Done in 4.2 s.',
    tone: 'success',
    footer: 'Trial mode',
    image: { url: 'https://ik.imagekit.io/x/results/gen-1.png', alt: 'Watercolor version of your image' },
    sourceImage: { url: 'https://ik.imagekit.io/x/sources/gen-1.png', alt: 'Your original image' },
    select: {
      command: 'imagine',
      action: 'restyle',
      value: 'gen-1',
      placeholder: 'Try another style…',
      options: [
        { label: 'Anime', value: 'anime', description: 'Cel shading' },
        { label: 'Too long', value: 'v'.repeat(101) },
      ],
    },
    buttons: [button(1), button(2, { action: 'delete', style: 'danger' })],
  };

  it('shows source and result side by side as two embeds sharing one url (a gallery)', () => {
    const out = renderReply(result);
    expect(out.embeds).toHaveLength(2);
    expect(out.embeds[0]).toMatchObject({
      title: 'Watercolor restyle',
      url: 'https://ik.imagekit.io/x/results/gen-1.png',
      image: { url: 'https://ik.imagekit.io/x/sources/gen-1.png' },
    });
    expect(out.embeds[1]).toEqual({
      url: 'https://ik.imagekit.io/x/results/gen-1.png',
      image: { url: 'https://ik.imagekit.io/x/results/gen-1.png' },
    });
    expect(out.flags).toBeUndefined();
  });

  it('puts the style select in its own first row, leaving out options Discord would cut', () => {
    const out = renderReply(result);
    const [selectRow, buttonRow] = out.components as unknown as Array<{
      components: Array<Record<string, unknown>>;
    }>;
    expect(selectRow?.components).toEqual([
      {
        type: ComponentType.StringSelect,
        custom_id: 'imagine:restyle:gen-1',
        placeholder: 'Try another style…',
        min_values: 1,
        max_values: 1,
        options: [{ label: 'Anime', value: 'anime', description: 'Cel shading' }],
      },
    ]);
    expect(buttonRow?.components.map((b) => b.custom_id)).toEqual([
      'imagine:rerun:gen-1',
      'imagine:delete:gen-2',
    ]);
  });

  it('uploads both images under distinct names when their bytes are local', () => {
    const out = renderReply({
      ...result,
      image: { ...result.image!, data: Buffer.from('r'), filename: 'img.png' },
      sourceImage: { ...result.sourceImage!, data: Buffer.from('s'), filename: 'img.png' },
    });
    expect(out.files.map((f) => f.name)).toEqual(['img.png', 'source-img.png']);
    expect(out.embeds.map((e) => e.image?.url)).toEqual([
      'attachment://source-img.png',
      'attachment://img.png',
    ]);
  });

  it('lays a result out with Components V2 when asked: text, a media gallery and the footer in a container', () => {
    const out = renderReply(result, { componentsV2: true, mentionUserId: '42' });
    expect(out.flags).toBe(MessageFlags.IsComponentsV2);
    expect(out.content).toBeUndefined();
    expect(out.embeds).toEqual([]);
    const [mention, container, selectRow] = out.components as unknown as Array<Record<string, unknown>>;
    expect(mention).toEqual({ type: ComponentType.TextDisplay, content: '<@42>' });
    expect(container).toEqual({
      type: ComponentType.Container,
      accent_color: TONE_COLOURS.success,
      components: [
        { type: ComponentType.TextDisplay, content: '### Watercolor restyle\nDone in 4.2 s.' },
        {
          type: ComponentType.MediaGallery,
          items: [
            {
              media: { url: 'https://ik.imagekit.io/x/sources/gen-1.png' },
              description: 'Your original image',
            },
            {
              media: { url: 'https://ik.imagekit.io/x/results/gen-1.png' },
              description: 'Watercolor version of your image',
            },
          ],
        },
        { type: ComponentType.TextDisplay, content: '-# Trial mode' },
      ],
    });
    expect(selectRow).toMatchObject({ type: ComponentType.ActionRow });
    expect(out.allowed_mentions).toEqual({ parse: [], users: ['42'] });
  });

  it('keeps text-only replies classic even with Components V2 on', () => {
    expect(renderReply({ text: 'Queued' }, { componentsV2: true })).toMatchObject({
      content: 'Queued',
      embeds: [],
    });
  });

  it('starts with a notice when one is given', () => {
    expect(renderReply({ text: 'hi' }, { notice: '📬 by DM' }).content).toBe('📬 by DM hi');
    expect(renderReply(result, { notice: '📬 by DM' }).content).toBe('📬 by DM');
  });
});

describe('custom ids', () => {
  it('round-trips command, action and a value that contains colons', () => {
    const id = encodeCustomId({ command: 'jobs', action: 'cancel', value: 'a:b:c' });
    expect(parseCustomId(id)).toEqual({ command: 'jobs', action: 'cancel', value: 'a:b:c' });
  });

  it('parses a custom id without action or value into empty parts', () => {
    expect(parseCustomId('legacy')).toEqual({ command: 'legacy', action: '', value: '' });
  });
});

describe('truncate', () => {
  it('does not split a surrogate pair', () => {
    const out = truncate('ab😀cd', 4);
    expect(out).toBe('ab…');
    expect(out.length).toBeLessThanOrEqual(4);
  });
});
