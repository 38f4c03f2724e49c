/**
 * Raw gateway INTERACTION_CREATE payloads (discord-api-types shapes) for feeding a real discord.js
 * client in tests: `feedInteraction(client, chatInputInteraction({ command: 'imagine', ... }))`.
 * discord.js then builds the real ChatInputCommandInteraction / ButtonInteraction and every reply
 * goes over HTTP to the fake Discord API.
 */

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type Client, SnowflakeUtil } from 'discord.js';
import {
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APIEmbed,
  type APIInteraction,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type Locale,
  MessageType,
} from 'discord-api-types/v10';
import { fakeInteractionToken } from '../fakes/discord.ts';

export const TEST_APP_ID = '100000000000000001';
export const TEST_USER_ID = '200000000000000002';
export const TEST_GUILD_ID = '300000000000000003';
export const TEST_CHANNEL_ID = '400000000000000004';

export interface InteractionContext {
  appId?: string;
  userId?: string;
  /** null: a DM with the bot. Default TEST_GUILD_ID. */
  guildId?: string | null;
  channelId?: string;
  locale?: `${Locale}`;
  /** The member's permissions in the channel (bitfield); default none. */
  permissions?: bigint | string;
  /** The app is installed for the user only (no bot in the guild). */
  userInstalledOnly?: boolean;
  attachmentSizeLimit?: number;
  token?: string;
  /** Interaction creation time (the id's timestamp); default now. */
  createdAt?: number;
}

export type OptionInput =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number; value: number };

export interface AttachmentInput {
  url: string;
  filename?: string;
  contentType?: string;
  size?: number;
  width?: number;
  height?: number;
}

/** A slash command as the gateway delivers it (attachments in `data.resolved.attachments`). */
export function chatInputInteraction(
  o: InteractionContext & {
    command: string;
    subcommand?: string;
    options?: Record<string, OptionInput>;
    attachments?: Record<string, AttachmentInput>;
  },
): APIChatInputApplicationCommandInteraction {
  const resolvedAttachments: Record<string, APIAttachment> = {};
  const options: Array<Record<string, unknown>> = [];
  for (const [name, value] of Object.entries(o.options ?? {})) {
    if (typeof value === 'object') options.push({ name, type: value.type, value: value.value });
    else if (typeof value === 'string')
      options.push({ name, type: ApplicationCommandOptionType.String, value });
    else if (typeof value === 'boolean')
      options.push({ name, type: ApplicationCommandOptionType.Boolean, value });
    else {
      const type = Number.isInteger(value)
        ? ApplicationCommandOptionType.Integer
        : ApplicationCommandOptionType.Number;
      options.push({ name, type, value });
    }
  }
  for (const [name, a] of Object.entries(o.attachments ?? {})) {
    const id = SnowflakeUtil.generate().toString();
    resolvedAttachments[id] = {
      id,
      filename: a.filename ?? 'image.png',
      size: a.size ?? 1024,
      url: a.url,
      proxy_url: a.url,
      ...(a.contentType ? { content_type: a.contentType } : {}),
      ...(a.width !== undefined ? { width: a.width } : {}),
      ...(a.height !== undefined ? { height: a.height } : {}),
    };
    options.push({ name, type: ApplicationCommandOptionType.Attachment, value: id });
  }
  const data = {
    id: SnowflakeUtil.generate().toString(),
    name: o.command,
    type: ApplicationCommandType.ChatInput,
    ...(o.guildId !== null ? { guild_id: o.guildId ?? TEST_GUILD_ID } : {}),
    options: o.subcommand
      ? [{ name: o.subcommand, type: ApplicationCommandOptionType.Subcommand, options }]
      : options,
    ...(Object.keys(resolvedAttachments).length ? { resolved: { attachments: resolvedAttachments } } : {}),
  };
  return {
    ...baseInteraction(o),
    type: InteractionType.ApplicationCommand,
    data,
  } as unknown as APIChatInputApplicationCommandInteraction;
}

/** A button click on `message` (default: a bot message carrying that one button). */
export function buttonInteraction(
  o: InteractionContext & { customId: string; message?: Partial<APIMessage> },
): APIMessageComponentButtonInteraction {
  const base = baseInteraction(o);
  const message: APIMessage = {
    id: SnowflakeUtil.generate().toString(),
    channel_id: base.channel_id,
    author: { ...testUser(o.appId ?? TEST_APP_ID), bot: true },
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: 2, custom_id: o.customId, label: 'Click' }],
      },
    ],
    ...o.message,
  };
  return {
    ...base,
    type: InteractionType.MessageComponent,
    message,
    data: { component_type: ComponentType.Button, custom_id: o.customId },
  } as unknown as APIMessageComponentButtonInteraction;
}

/** A message with image attachments and/or embeds, as `data.resolved.messages` carries it. */
export function testMessage(o: {
  attachments?: AttachmentInput[];
  embeds?: APIEmbed[];
  content?: string;
  channelId?: string;
  authorId?: string;
}): APIMessage {
  return {
    id: SnowflakeUtil.generate().toString(),
    channel_id: o.channelId ?? TEST_CHANNEL_ID,
    author: testUser(o.authorId ?? '200000000000000555'),
    content: o.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: (o.attachments ?? []).map((a) => ({
      id: SnowflakeUtil.generate().toString(),
      filename: a.filename ?? 'image.png',
      size: a.size ?? 1024,
      url: a.url,
      proxy_url: a.url,
      ...(a.contentType ? { content_type: a.contentType } : {}),
      ...(a.width !== undefined ? { width: a.width } : {}),
      ...(a.height !== undefined ? { height: a.height } : {}),
    })),
    embeds: o.embeds ?? [],
    pinned: false,
    type: MessageType.Default,
  };
}

/** A message context-menu command (type 3) on `message`, as the gateway delivers it. */
export function messageContextMenuInteraction(
  o: InteractionContext & { commandName?: string; message: APIMessage },
): APIMessageApplicationCommandInteraction {
  const base = baseInteraction(o);
  const message = { ...o.message, channel_id: base.channel_id };
  return {
    ...base,
    type: InteractionType.ApplicationCommand,
    data: {
      id: SnowflakeUtil.generate().toString(),
      name: o.commandName ?? 'Restyle image',
      type: ApplicationCommandType.Message,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...('guild_id' in base ? { guild_id: base.guild_id } : {}),
    },
  } as unknown as APIMessageApplicationCommandInteraction;
}

/**
 * A submitted modal: each field inside a Label, a string (text input) or an array (string select
 * values), the way Discord reports Label-based modals.
 */
export function modalSubmitInteraction(
  o: InteractionContext & { customId: string; fields: Record<string, string | string[]> },
): APIModalSubmitInteraction {
  let id = 1;
  const components = Object.entries(o.fields).map(([customId, value]) => ({
    type: ComponentType.Label,
    id: id++,
    component: Array.isArray(value)
      ? { type: ComponentType.StringSelect, id: id++, custom_id: customId, values: value }
      : { type: ComponentType.TextInput, id: id++, custom_id: customId, value },
  }));
  return {
    ...baseInteraction(o),
    type: InteractionType.ModalSubmit,
    data: { custom_id: o.customId, components },
  } as unknown as APIModalSubmitInteraction;
}

/** A choice in a string select menu on `message` (default: a bot message carrying that menu). */
export function stringSelectInteraction(
  o: InteractionContext & { customId: string; values: string[]; message?: Partial<APIMessage> },
): APIMessageComponentSelectMenuInteraction {
  const base = baseInteraction(o);
  const message: APIMessage = {
    ...testMessage({ authorId: o.appId ?? TEST_APP_ID }),
    channel_id: base.channel_id,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: o.customId,
            options: o.values.map((v) => ({ label: v, value: v })),
          },
        ],
      },
    ],
    ...o.message,
  };
  return {
    ...base,
    type: InteractionType.MessageComponent,
    message,
    data: { component_type: ComponentType.StringSelect, custom_id: o.customId, values: o.values },
  } as unknown as APIMessageComponentSelectMenuInteraction;
}

/** An Ed25519 key pair like a Discord application's: the public key as the portal shows it (hex). */
export function makeInteractionKeys(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  return { publicKeyHex: Buffer.from(jwk.x, 'base64url').toString('hex'), privateKey };
}

/** The headers Discord sends with an HTTP interaction, signed over `timestamp + body`. */
export function signInteraction(
  privateKey: KeyObject,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = sign(null, Buffer.from(`${timestamp}${body}`), privateKey).toString('hex');
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': signature,
    'x-signature-timestamp': String(timestamp),
  };
}

/**
 * Hands a raw payload (an `APIInteraction`, e.g. from `chatInputInteraction`) to discord.js as if
 * the gateway had delivered it. The adapter answers asynchronously: await `adapter.settled()`
 * (or wait for the fake's calls) before asserting.
 */
export function feedInteraction(client: Client, raw: APIInteraction | unknown): void {
  // `actions` is internal to discord.js (typed private), hence the cast.
  (
    client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }
  ).actions.InteractionCreate.handle(raw);
}

function testUser(id: string): APIUser {
  return {
    id,
    username: `user${id.slice(-4)}`,
    discriminator: '0',
    global_name: `User ${id.slice(-4)}`,
    avatar: null,
  };
}

function baseInteraction(o: InteractionContext) {
  const appId = o.appId ?? TEST_APP_ID;
  const user = testUser(o.userId ?? TEST_USER_ID);
  const guildId = o.guildId === null ? null : (o.guildId ?? TEST_GUILD_ID);
  const channelId = o.channelId ?? TEST_CHANNEL_ID;
  const permissions = String(o.permissions ?? 0n);
  const owners: Record<string, string> = { [ApplicationIntegrationType.UserInstall]: user.id };
  if (!o.userInstalledOnly) owners[ApplicationIntegrationType.GuildInstall] = guildId ?? '0';
  const common = {
    id: SnowflakeUtil.generate({ timestamp: o.createdAt ?? Date.now() }).toString(),
    application_id: appId,
    token: o.token ?? fakeInteractionToken(),
    version: 1,
    locale: o.locale ?? 'en-US',
    app_permissions: '559623605571137',
    entitlements: [],
    authorizing_integration_owners: owners,
    attachment_size_limit: o.attachmentSizeLimit ?? 10 * 1024 * 1024,
    channel_id: channelId,
  };
  if (guildId) {
    return {
      ...common,
      guild_id: guildId,
      guild_locale: 'en-US',
      guild: { id: guildId, locale: 'en-US', features: [] },
      context: InteractionContextType.Guild,
      channel: { id: channelId, type: ChannelType.GuildText, guild_id: guildId, name: 'general' },
      member: {
        user,
        roles: [],
        permissions,
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
      },
    };
  }
  return {
    ...common,
    context: InteractionContextType.BotDM,
    channel: { id: channelId, type: ChannelType.DM, recipients: [user] },
    user,
  };
}
