import { describe, expect, it } from 'vitest';
import { scrubSlackText } from '../../src/bots/slack/bolt-logger.ts';
import {
  encodeActionId,
  parseActionId,
  renderReply,
  SLACK_LIMITS,
  toMrkdwn,
} from '../../src/bots/slack/render.ts';
import type { Reply } from '../../src/commands/types.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit read freely in assertions
const byType = (blocks: any[], type: string) => blocks.filter((b) => b.type === type);

describe('toMrkdwn', () => {
  it('turns **bold**, links and Discord timestamps into Slack mrkdwn', () => {
    expect(toMrkdwn('**1.** done · [result](https://x.test/a.png) · <t:1700000000:R>')).toBe(
      '*1.* done · <https://x.test/a.png|result> · <!date^1700000000^{ago}|2023-11-14 22:13 UTC>',
    );
  });

  it('escapes &, < and > so user text cannot become a mention or a link', () => {
    expect(toMrkdwn('a <!channel> & <@U123> > b')).toBe('a &lt;!channel&gt; &amp; &lt;@U123&gt; &gt; b');
  });
});

describe('renderReply', () => {
  const result: Reply = {
    title: 'Watercolor restyle',
    text: '> make it autumn\nDone in 3.0 s.',
    image: { url: 'https://ik.test/r.png?sig=1', alt: 'Watercolor version' },
    fields: [{ name: 'Style', value: '**Watercolor**' }],
    footer: 'Trial mode',
    buttons: [
      { command: 'imagine', action: 'rerun', value: 'g1', label: 'Re-run', emoji: '🔁', style: 'secondary' },
      {
        command: 'imagine',
        action: 'delete',
        value: 'g1',
        label: 'Delete',
        emoji: '<:trash:123456789012345678>',
        style: 'danger',
      },
    ],
  };

  it('renders header, text, fields, image, footer and buttons with action ids command:action:value', () => {
    const { blocks, text } = renderReply(result);
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'image',
      'context',
      'actions',
    ]);
    expect(byType(blocks, 'image')[0]).toMatchObject({
      image_url: 'https://ik.test/r.png?sig=1',
      alt_text: 'Watercolor version',
    });
    const buttons = byType(blocks, 'actions')[0].elements;
    expect(buttons.map((b: { action_id: string }) => b.action_id)).toEqual([
      'imagine:rerun:g1',
      'imagine:delete:g1',
    ]);
    expect(buttons[0].text.text).toBe('🔁 Re-run');
    expect(buttons[0].style).toBeUndefined();
    expect(buttons[1]).toMatchObject({ style: 'danger', text: { text: 'Delete' } });
    expect(byType(blocks, 'section')[1].fields[0].text).toBe('*Style*\n*Watercolor*');
    expect(text).toBe('Watercolor restyle — &gt; make it autumn\nDone in 3.0 s.');
  });

  it('shows locally stored images as links or not at all, as the transport needs', () => {
    expect(byType(renderReply(result, { images: 'none' }).blocks, 'image')).toEqual([]);
    const linked = renderReply(result, { images: 'links' }).blocks;
    expect(byType(linked, 'image')).toEqual([]);
    expect(JSON.stringify(byType(linked, 'context'))).toContain(
      '<https://ik.test/r.png?sig=1|Open the image>',
    );
  });

  it('mentions the user first when asked (fallback posts)', () => {
    const { blocks, text } = renderReply({ text: 'Your image' }, { mentionUserId: 'U42' });
    expect(text).toBe('<@U42> Your image');
    expect(byType(blocks, 'section')[0].text.text).toBe('<@U42> Your image');
  });

  it('keeps every limit: long text, many buttons, long labels, duplicate and over-long action ids', () => {
    const buttons = Array.from({ length: 60 }, (_, i) => ({
      command: 'jobs',
      action: 'cancel',
      value: i === 59 ? 'x'.repeat(300) : `id-${i % 30}`,
      label: 'L'.repeat(200),
    }));
    const { blocks, text } = renderReply({ title: 'T'.repeat(500), text: 'w'.repeat(20_000), buttons });
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(byType(blocks, 'header')[0].text.text.length).toBeLessThanOrEqual(150);
    for (const s of byType(blocks, 'section')) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    const ids = byType(blocks, 'actions').flatMap((a) =>
      a.elements.map((e: { action_id: string }) => e.action_id),
    );
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    for (const a of byType(blocks, 'actions')) expect(a.elements.length).toBeLessThanOrEqual(25);
    for (const a of byType(blocks, 'actions'))
      for (const e of a.elements) expect(e.text.text.length).toBeLessThanOrEqual(75);
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('renders a select menu whose choice arrives as the action value', () => {
    const { blocks } = renderReply({
      text: 'Try another style',
      select: {
        command: 'imagine',
        action: 'restyle',
        value: 'g1',
        placeholder: 'Another style…',
        options: [{ label: 'Anime', value: 'anime', description: 'Clean lines' }],
      },
    });
    expect(byType(blocks, 'actions')[0].elements[0]).toMatchObject({
      type: 'static_select',
      action_id: 'imagine:restyle:g1',
      options: [{ text: { text: 'Anime' }, value: 'anime', description: { text: 'Clean lines' } }],
    });
  });

  it('never sends an empty message', () => {
    const { text, blocks } = renderReply({ text: '' });
    expect(text.trim().length + blocks.length).toBeGreaterThan(0);
  });
});

describe('action ids', () => {
  it('round-trips a value that itself contains colons', () => {
    const id = encodeActionId({ command: 'imagine', action: 'rerun', value: 'a:b:c' });
    expect(parseActionId(id)).toEqual({ command: 'imagine', action: 'rerun', value: 'a:b:c' });
  });
});

describe('scrubSlackText', () => {
  it('removes tokens and URLs and hashes Slack ids from log lines', () => {
    const line = scrubSlackText(
      'Failed fetching (source: {"teamId":"T0TESTTEAM","userId":"U0TESTUSER"}) xoxb-123-456-abc https://hooks.slack.com/commands/T1/2/3',
    );
    expect(line).not.toMatch(/xoxb-123|hooks\.slack\.com|T0TESTTEAM|U0TESTUSER/);
    expect(line).toContain('xox?-[redacted]');
  });
});
