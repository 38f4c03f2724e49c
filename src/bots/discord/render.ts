/**
 * Turns a neutral `Reply` into a Discord message body (content, embeds, button rows, files).
 * Pure: the adapter hands the result to discord.js, the delivery to `@discordjs/rest`. Every
 * Discord size limit is enforced here, so a long prompt or error text can never make Discord
 * refuse the whole message with 50035 (Invalid Form Body).
 */
import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIMessageComponentEmoji,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Reply, ReplyButton } from '../../commands/types.ts';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  embedTotal: 6000,
  buttonsPerRow: 5,
  actionRows: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

/** Embed colours per tone (Discord's brand palette). */
export const TONE_COLOURS: Record<NonNullable<Reply['tone']>, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

/** A file to upload with the message, referenced from an embed as `attachment://<name>`. */
export interface RenderedFile {
  name: string;
  data: Buffer;
  contentType?: string;
  /** Alt text shown by Discord for the attachment. */
  description?: string;
}

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A Discord message in API (snake_case) shape, plus the files to upload. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  files: RenderedFile[];
  allowed_mentions: APIAllowedMentions;
}

export interface RenderOptions {
  /** Mention this user at the start of the content (fallback posts in a channel). Only this user is pinged. */
  mentionUserId?: string;
}

const BUTTON_STYLES: Record<NonNullable<ReplyButton['style']>, APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** Encodes a button as the custom id the adapter decodes (`parseCustomId`). */
export function encodeCustomId(b: Pick<ReplyButton, 'command' | 'action' | 'value'>): string {
  return `${b.command}:${b.action}:${b.value}`;
}

/** Decodes `${command}:${action}:${value}`; the value may itself contain colons. */
export function parseCustomId(customId: string): { command: string; action: string; value: string } {
  const first = customId.indexOf(':');
  if (first < 0) return { command: customId, action: '', value: '' };
  const second = customId.indexOf(':', first + 1);
  if (second < 0) return { command: customId.slice(0, first), action: customId.slice(first + 1), value: '' };
  return {
    command: customId.slice(0, first),
    action: customId.slice(first + 1, second),
    value: customId.slice(second + 1),
  };
}

/** Cuts `text` to at most `max` UTF-16 units, ending with "…", without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, Math.max(0, cut))}…`;
}

export function renderReply(reply: Reply, opts: RenderOptions = {}): RenderedMessage {
  const mention = opts.mentionUserId ? `<@${opts.mentionUserId}>` : undefined;
  const allowed_mentions: APIAllowedMentions = opts.mentionUserId
    ? { parse: [], users: [opts.mentionUserId] }
    : { parse: [] };
  const files: RenderedFile[] = [];
  const text = reply.text ?? '';

  const wantsEmbed =
    reply.title !== undefined ||
    reply.image !== undefined ||
    (reply.fields?.length ?? 0) > 0 ||
    reply.footer !== undefined ||
    reply.tone !== undefined ||
    // Plain text that does not fit a message still fits an embed description.
    text.length + (mention ? mention.length + 1 : 0) > DISCORD_LIMITS.content;

  const components = renderButtons(reply.buttons ?? []);

  if (!wantsEmbed) {
    const body = mention ? `${mention} ${text}` : text;
    // Discord refuses a message with nothing in it.
    const content = truncate(body, DISCORD_LIMITS.content) || '\u200b';
    return { content, embeds: [], components, files, allowed_mentions };
  }

  const embed: APIEmbed = {};
  let budget: number = DISCORD_LIMITS.embedTotal;
  const spend = (s: string, max: number): string => {
    const out = truncate(s, Math.min(max, budget));
    budget -= out.length;
    return out;
  };
  // Title and footer first: they are short and carry the meaning; the description gets the rest.
  if (reply.title) embed.title = spend(reply.title, DISCORD_LIMITS.embedTitle);
  if (reply.footer) embed.footer = { text: spend(reply.footer, DISCORD_LIMITS.footerText) };
  const fieldsIn = (reply.fields ?? []).slice(0, DISCORD_LIMITS.embedFields);
  const fieldCost = fieldsIn.reduce(
    (n, f) =>
      n +
      Math.min(f.name.length, DISCORD_LIMITS.fieldName) +
      Math.min(f.value.length, DISCORD_LIMITS.fieldValue),
    0,
  );
  if (text) {
    const room = Math.max(0, budget - Math.min(fieldCost, Math.floor(budget / 2)));
    const description = truncate(text, Math.min(DISCORD_LIMITS.embedDescription, room));
    if (description) {
      embed.description = description;
      budget -= description.length;
    }
  }
  const fields = [];
  for (const f of fieldsIn) {
    if (budget < 2) break;
    // Discord rejects empty field names and values.
    const name = spend(f.name || '\u200b', Math.min(DISCORD_LIMITS.fieldName, budget - 1)) || '\u200b';
    const value = spend(f.value || '\u200b', DISCORD_LIMITS.fieldValue) || '\u200b';
    fields.push({ name, value, ...(f.inline ? { inline: true } : {}) });
  }
  if (fields.length) embed.fields = fields;
  if (reply.tone) embed.color = TONE_COLOURS[reply.tone];

  if (reply.image) {
    if (reply.image.data) {
      const name = safeFilename(reply.image.filename ?? 'image.png');
      files.push({
        name,
        data: reply.image.data,
        contentType: contentTypeOf(name),
        ...(reply.image.alt ? { description: truncate(reply.image.alt, 1024) } : {}),
      });
      embed.image = { url: `attachment://${name}` };
    } else {
      embed.image = { url: reply.image.url };
    }
  }

  return { ...(mention ? { content: mention } : {}), embeds: [embed], components, files, allowed_mentions };
}

function renderButtons(buttons: readonly ReplyButton[]): ButtonRow[] {
  const rendered: APIButtonComponentWithCustomId[] = [];
  for (const b of buttons) {
    const custom_id = encodeCustomId(b);
    // A cut custom id would point at another action or id: leave such a button out instead.
    if (custom_id.length > DISCORD_LIMITS.customId) continue;
    const emoji = b.emoji ? parseEmoji(b.emoji) : undefined;
    rendered.push({
      type: ComponentType.Button,
      style: BUTTON_STYLES[b.style ?? 'secondary'],
      custom_id,
      label: truncate(b.label, DISCORD_LIMITS.buttonLabel),
      ...(emoji ? { emoji } : {}),
    });
  }
  const rows: ButtonRow[] = [];
  const max = DISCORD_LIMITS.actionRows * DISCORD_LIMITS.buttonsPerRow;
  for (let i = 0; i < Math.min(rendered.length, max); i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: rendered.slice(i, i + DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}

/** A unicode emoji, or a custom one written as `<:name:id>` / `<a:name:id>`. */
function parseEmoji(emoji: string): APIMessageComponentEmoji {
  const custom = /^<(a)?:([\w~]{1,32}):(\d{15,25})>$/.exec(emoji);
  if (custom) return { name: custom[2], id: custom[3], ...(custom[1] ? { animated: true } : {}) };
  return { name: emoji };
}

function safeFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._]+/, '');
  return (cleaned || 'image.png').slice(-100);
}

function contentTypeOf(name: string): string | undefined {
  const ext = name.split('.').pop()?.toLowerCase();
  if (ext === 'png') return 'image/png';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'webp') return 'image/webp';
  if (ext === 'gif') return 'image/gif';
  return undefined;
}
