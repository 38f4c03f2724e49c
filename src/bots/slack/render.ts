/**
 * Turns a neutral `Reply` into a Slack message: Block Kit blocks plus the plain `text` Slack shows
 * in notifications. Pure. Commands write Discord-flavoured markdown (`**bold**`, `[label](url)`,
 * `<t:unix:R>`); it is translated to Slack mrkdwn here, and every Block Kit limit is enforced so a
 * long prompt or error can never make Slack refuse the whole message (`invalid_blocks`).
 *
 * Whether the message is ephemeral or in the channel is not decided here: the transport
 * (`response_type`, `chat.postEphemeral`) does that.
 */

import type { types } from '@slack/bolt';
import type { Reply, ReplyButton, ReplyImage } from '../../commands/types.ts';
import { truncate } from '../text.ts';

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocks: 50,
  text: 3000,
  fallbackText: 3000,
  header: 150,
  fields: 10,
  field: 2000,
  altText: 2000,
  imageUrl: 3000,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  actionsElements: 25,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  contextElements: 10,
} as const;

/** How images are shown: image blocks (public URL), links (Slack cannot fetch them), or not at all (uploaded as files). */
export type ImageMode = 'blocks' | 'links' | 'none';

export interface SlackRenderOptions {
  /** Mention this user first (a fallback post in the channel). */
  mentionUserId?: string;
  images?: ImageMode;
}

export interface RenderedSlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** `${command}:${action}:${value}`, the same encoding as Discord custom ids. */
export function encodeActionId(b: Pick<ReplyButton, 'command' | 'action' | 'value'>): string {
  return `${b.command}:${b.action}:${b.value}`;
}

/** Decodes an action id; the value may itself contain colons. */
export function parseActionId(actionId: string): { command: string; action: string; value: string } {
  const [command = '', action = '', ...rest] = actionId.split(':');
  return { command, action, value: rest.join(':') };
}

export { truncate };

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const DATE_FORMATS: Record<string, string> = {
  R: '{ago}',
  t: '{time}',
  T: '{time_secs}',
  d: '{date_num}',
  D: '{date}',
  f: '{date_short_pretty} {time}',
  F: '{date_long_pretty} {time}',
};

/**
 * Discord-flavoured markdown → Slack mrkdwn. `&`, `<` and `>` are escaped (Slack reads `<` as the
 * start of a link or mention); links and `<t:…>` timestamps become Slack's own forms.
 */
export function toMrkdwn(text: string): string {
  const tokens = /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|<t:(\d{1,12})(?::([tTdDfFR]))?>/g;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(tokens)) {
    out += inlineStyles(escapeText(text.slice(last, m.index)));
    if (m[2]) {
      const url = m[2].replace(/\|/g, '%7C').replace(/>/g, '%3E');
      out += `<${url}|${escapeText(m[1] ?? url).replace(/\|/g, '¦')}>`;
    } else {
      const seconds = Number(m[3]);
      const fallback = new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 16);
      out += `<!date^${seconds}^${DATE_FORMATS[m[4] ?? 'f']}|${fallback} UTC>`;
    }
    last = (m.index ?? 0) + m[0].length;
  }
  return out + inlineStyles(escapeText(text.slice(last)));
}

function inlineStyles(s: string): string {
  return s
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/__([^_\n]+)__/g, '_$1_')
    .replace(/~~([^~\n]+)~~/g, '~$1~');
}

/** Plain notification text: the title and text without markup, one line each. */
function fallbackText(reply: Reply, mention?: string): string {
  const plain = [reply.title, reply.text]
    .filter(Boolean)
    .join(' — ')
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1');
  // Slack refuses a message without text or blocks: a bare ellipsis keeps it postable.
  const body = escapeText(plain).trim() || (reply.image ? 'Image' : '…');
  return truncate(mention ? `${mention} ${body}` : body, SLACK_LIMITS.fallbackText);
}

function imageBlock(image: ReplyImage, title?: string): types.ImageBlock | undefined {
  if (!/^https?:\/\//.test(image.url) || image.url.length > SLACK_LIMITS.imageUrl) return undefined;
  return {
    type: 'image',
    image_url: image.url,
    alt_text: truncate(image.alt || 'image', SLACK_LIMITS.altText),
    ...(title ? { title: { type: 'plain_text', text: title, emoji: true } } : {}),
  };
}

function imageLink(image: ReplyImage, label: string): string | undefined {
  if (!/^https?:\/\//.test(image.url)) return undefined;
  return `<${image.url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${label}>`;
}

const BUTTON_STYLES: Partial<Record<NonNullable<ReplyButton['style']>, 'primary' | 'danger'>> = {
  primary: 'primary',
  success: 'primary',
  danger: 'danger',
};

/** A unicode emoji is shown before the label; Discord custom emoji (`<:name:id>`) have no Slack form. */
function buttonLabel(b: ReplyButton): string {
  const emoji = b.emoji && !b.emoji.startsWith('<') ? `${b.emoji} ` : '';
  return truncate(`${emoji}${b.label}`, SLACK_LIMITS.buttonText);
}

function renderActions(reply: Reply): types.ActionsBlock[] {
  const elements: types.ActionsBlockElement[] = [];
  const seen = new Set<string>();
  if (reply.select) {
    const s = reply.select;
    const action_id = encodeActionId(s);
    const options = s.options
      .filter((o) => o.value.length <= SLACK_LIMITS.optionValue)
      .slice(0, SLACK_LIMITS.selectOptions)
      .map((o) => ({
        text: { type: 'plain_text' as const, text: truncate(o.label, SLACK_LIMITS.optionText), emoji: true },
        value: o.value,
        ...(o.description
          ? {
              description: {
                type: 'plain_text' as const,
                text: truncate(o.description, SLACK_LIMITS.optionText),
              },
            }
          : {}),
      }));
    if (action_id.length <= SLACK_LIMITS.actionId && options.length > 0) {
      seen.add(action_id);
      elements.push({
        type: 'static_select',
        action_id,
        placeholder: { type: 'plain_text', text: truncate(s.placeholder, SLACK_LIMITS.placeholder) },
        options,
      });
    }
  }
  for (const b of reply.buttons ?? []) {
    const action_id = encodeActionId(b);
    // A cut id would point at another action or record; Slack refuses duplicates in one message.
    if (action_id.length > SLACK_LIMITS.actionId || seen.has(action_id)) continue;
    seen.add(action_id);
    const style = BUTTON_STYLES[b.style ?? 'secondary'];
    elements.push({
      type: 'button',
      action_id,
      value: truncate(action_id, SLACK_LIMITS.buttonValue),
      text: { type: 'plain_text', text: buttonLabel(b), emoji: true },
      ...(style ? { style } : {}),
    });
  }
  const blocks: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.actionsElements) });
  }
  return blocks;
}

export function renderReply(reply: Reply, opts: SlackRenderOptions = {}): RenderedSlackMessage {
  const mention = opts.mentionUserId ? `<@${opts.mentionUserId}>` : undefined;
  const images = opts.images ?? 'blocks';
  const blocks: types.KnownBlock[] = [];

  if (reply.title) {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(reply.title, SLACK_LIMITS.header), emoji: true },
    });
  }
  const body = [mention, reply.text ? toMrkdwn(reply.text) : undefined].filter(Boolean).join(' ');
  if (body) {
    // Long text goes into several sections rather than being cut at the first limit.
    for (let i = 0, n = 0; i < body.length && n < 5; i += SLACK_LIMITS.text, n++) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: body.slice(i, i + SLACK_LIMITS.text) } });
    }
  }
  const fields = (reply.fields ?? []).slice(0, SLACK_LIMITS.fields).map((f) => ({
    type: 'mrkdwn' as const,
    text: truncate(`*${escapeText(f.name)}*\n${toMrkdwn(f.value)}`, SLACK_LIMITS.field),
  }));
  if (fields.length) blocks.push({ type: 'section', fields });

  const links: string[] = [];
  for (const [image, title] of [
    [reply.sourceImage, 'Original'],
    [reply.image, undefined],
  ] as const) {
    if (!image) continue;
    if (images === 'blocks') {
      const block = imageBlock(image, title);
      if (block) blocks.push(block);
    } else if (images === 'links') {
      const link = imageLink(image, title ? 'Original image' : 'Open the image');
      if (link) links.push(link);
    }
  }

  const context = [
    ...links,
    ...(reply.footer ? [truncate(toMrkdwn(reply.footer), SLACK_LIMITS.text)] : []),
  ].slice(0, SLACK_LIMITS.contextElements);
  const actions = renderActions(reply);
  // Keep the buttons and the footer even when the text needed many sections.
  const room = SLACK_LIMITS.blocks - actions.length - (context.length ? 1 : 0);
  const out = blocks.slice(0, Math.max(0, room));
  if (context.length)
    out.push({ type: 'context', elements: context.map((text) => ({ type: 'mrkdwn', text })) });
  out.push(...actions);
  return { text: fallbackText(reply, mention), blocks: out };
}
