/**
 * Turns a neutral `Reply` into a Discord message body (content, embeds, components, files).
 * Pure: the adapter hands the result to discord.js, the delivery to `@discordjs/rest`. Every
 * Discord size limit is enforced here, so a long prompt or error text can never make Discord
 * refuse the whole message with 50035 (Invalid Form Body).
 *
 * A reply with an image and a `sourceImage` shows both side by side: as a Components V2 media
 * gallery when `componentsV2` is on, otherwise as two embeds sharing one `url` (Discord then draws
 * their images as one gallery).
 */
import {
  type APIAllowedMentions,
  type APIComponentInContainer,
  type APIEmbed,
  type APIMediaGalleryItem,
  type APIMessageTopLevelComponent,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import type { Reply, ReplyImage } from '../../commands/types.ts';
import { renderActionRows } from './components.ts';
import { DISCORD_LIMITS, truncate } from './limits.ts';

export { type ButtonRow, type ComponentRow, encodeCustomId, parseCustomId } from './components.ts';
export { DISCORD_LIMITS, truncate } from './limits.ts';

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

/** A Discord message in API (snake_case) shape, plus the files to upload. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Action rows; with Components V2 also the container and text displays. */
  components: APIMessageTopLevelComponent[];
  files: RenderedFile[];
  allowed_mentions: APIAllowedMentions;
  /** `IS_COMPONENTS_V2` when the message is laid out with V2 components (then no content or embeds). */
  flags?: number;
}

export interface RenderOptions {
  /** Mention this user at the start of the content (fallback posts in a channel). Only this user is pinged. */
  mentionUserId?: string;
  /** Lay image replies out with Components V2 (media gallery) instead of embeds. */
  componentsV2?: boolean;
  /** A line shown above the reply (e.g. why it arrives by DM). */
  notice?: string;
}

export function renderReply(reply: Reply, opts: RenderOptions = {}): RenderedMessage {
  const allowed_mentions: APIAllowedMentions = opts.mentionUserId
    ? { parse: [], users: [opts.mentionUserId] }
    : { parse: [] };
  if (opts.componentsV2 && reply.image) return renderV2(reply, opts, allowed_mentions);

  const lead = [opts.mentionUserId ? `<@${opts.mentionUserId}>` : undefined, opts.notice]
    .filter(Boolean)
    .join(' ');
  const files: RenderedFile[] = [];
  const text = reply.text ?? '';

  const wantsEmbed =
    reply.title !== undefined ||
    reply.image !== undefined ||
    (reply.fields?.length ?? 0) > 0 ||
    reply.footer !== undefined ||
    reply.tone !== undefined ||
    // Plain text that does not fit a message still fits an embed description.
    text.length + (lead ? lead.length + 1 : 0) > DISCORD_LIMITS.content;

  const components = renderActionRows(reply);

  if (!wantsEmbed) {
    const body = lead ? `${lead} ${text}` : text;
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

  const embeds = [embed];
  if (reply.image) {
    const result = mediaUrl(reply.image, 'result', files);
    if (reply.sourceImage) {
      // Two embeds with the same url are drawn as one gallery: the source left, the result right.
      const source = mediaUrl(reply.sourceImage, 'source', files);
      const url = /^https?:\/\//.test(reply.image.url) ? reply.image.url : undefined;
      embed.image = { url: source };
      if (url) embed.url = url;
      embeds.push({ ...(url ? { url } : {}), image: { url: result } });
    } else {
      embed.image = { url: result };
    }
  }

  const content = lead ? truncate(lead, DISCORD_LIMITS.content) : undefined;
  return { ...(content ? { content } : {}), embeds, components, files, allowed_mentions };
}

/** Components V2: text, the media gallery and the footer in one container, then the action rows. */
function renderV2(reply: Reply, opts: RenderOptions, allowed_mentions: APIAllowedMentions): RenderedMessage {
  const files: RenderedFile[] = [];
  let budget: number = DISCORD_LIMITS.v2Text;
  const textDisplay = (s: string) => {
    const content = truncate(s, budget);
    budget -= content.length;
    return content ? [{ type: ComponentType.TextDisplay as const, content }] : [];
  };
  const top = [opts.mentionUserId ? `<@${opts.mentionUserId}>` : undefined, opts.notice]
    .filter(Boolean)
    .join(' ');
  const heading = reply.title ? `### ${reply.title.replace(/\s+/g, ' ').slice(0, 256)}` : undefined;
  const fields = (reply.fields ?? []).map((f) => `**${f.name}**: ${f.value}`);
  const body = [heading, reply.text, ...fields].filter(Boolean).join('\n');

  const items: APIMediaGalleryItem[] = [];
  for (const [image, role] of [
    [reply.sourceImage, 'source'],
    [reply.image, 'result'],
  ] as const) {
    if (!image) continue;
    items.push({
      media: { url: mediaUrl(image, role, files) },
      ...(image.alt ? { description: truncate(image.alt, DISCORD_LIMITS.mediaDescription) } : {}),
    });
  }
  const inner: APIComponentInContainer[] = [
    ...textDisplay(body),
    { type: ComponentType.MediaGallery, items },
    // "-#" is Discord's small-text markdown: the footer stays discreet.
    ...(reply.footer ? textDisplay(`-# ${reply.footer.replace(/\n/g, ' ')}`) : []),
  ];
  const components: APIMessageTopLevelComponent[] = [
    ...(top ? textDisplay(top) : []),
    {
      type: ComponentType.Container,
      ...(reply.tone ? { accent_color: TONE_COLOURS[reply.tone] } : {}),
      components: inner,
    },
    ...renderActionRows(reply),
  ];
  return { embeds: [], components, files, allowed_mentions, flags: MessageFlags.IsComponentsV2 };
}

/** The URL Discord shows for `image`: its own URL, or `attachment://` when its bytes are uploaded. */
function mediaUrl(image: ReplyImage, role: 'source' | 'result', files: RenderedFile[]): string {
  if (!image.data) return image.url;
  let name = safeFilename(image.filename ?? `${role}.png`);
  if (files.some((f) => f.name === name)) name = safeFilename(`${role}-${name}`);
  files.push({
    name,
    data: image.data,
    contentType: contentTypeOf(name),
    ...(image.alt ? { description: truncate(image.alt, 1024) } : {}),
  });
  return `attachment://${name}`;
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
