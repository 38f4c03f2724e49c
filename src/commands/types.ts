/**
 * The neutral vocabulary shared by every adapter (Discord, Slack, playground) and every command.
 * Adapters turn a platform event into an `Invocation` and render a `Reply`; commands never see a
 * platform type. Everything here that is stored (ReplyTarget) is plain JSON.
 */
import type { z } from 'zod';
import type { Services } from '../services/index.ts';

export type Platform = 'discord' | 'slack' | 'playground';

/** Who ran the command. `scope` is the guild/workspace ("" in DMs). */
export interface Actor {
  platform: Platform;
  platformUserId: string;
  /** Identity namespace: "" on Discord (global user ids), the team id on Slack. */
  identityScope: string;
  displayName?: string;
  locale?: string;
  /** Whether the actor may manage the server (Discord Manage Guild / Slack admin). */
  isServerAdmin?: boolean;
  /** Whether the actor may manage other people's messages (Discord Manage Messages). */
  canManageMessages?: boolean;
}

/** An image handed to a command. The URL is fetched at intake through the safe fetcher. */
export interface InputAttachment {
  url: string;
  filename?: string;
  contentType?: string;
  size?: number;
  width?: number;
  height?: number;
  /** Extra headers for the fetch (e.g. Slack's bearer token for url_private). Never stored. */
  headers?: Record<string, string>;
  /**
   * The bytes, when the adapter received the upload itself (the playground): intake uses them
   * instead of fetching `url`, with the same size, type and decode checks. Never stored as is.
   */
  data?: Buffer;
}

/**
 * Where replies for an invocation go, serialisable so the worker can deliver hours later.
 * Each platform's delivery owns its own shape; `platform` picks the delivery.
 */
export interface ReplyTarget {
  platform: Platform;
  /** Guild / workspace id ("" for DMs). */
  scope: string;
  channelId: string;
  userId: string;
  /** When the invocation was received (ms since epoch): interaction tokens expire from it. */
  receivedAt: number;
  locale?: string;
  /** Platform-specific fields (interaction token, response_url, thread ts, ...). */
  data: Record<string, string | number | boolean | null>;
}

export interface Invocation {
  actor: Actor;
  /** Top-level command name, e.g. "imagine". */
  command: string;
  subcommand?: string;
  /**
   * Raw option values by name; parsed by the command's zod schema before the handler runs.
   * Attachment options carry an `InputAttachment` object.
   */
  options: Record<string, unknown>;
  replyTarget: ReplyTarget;
  /** Per-file upload limit the platform reported for this invocation, if any. */
  platformAttachmentLimit?: number;
  /**
   * A component click: `action` of `command` with `value` (an id checked against the DB). A select
   * menu adds the chosen option values in `values` (checked by the action like any user input).
   */
  action?: { name: string; value: string; values?: string[] };
}

export interface ReplyButton {
  /** Encoded as `${command}:${action}:${value}`; the value is an id, re-checked by the server. */
  command: string;
  action: string;
  value: string;
  label: string;
  style?: 'primary' | 'secondary' | 'danger' | 'success';
  emoji?: string;
}

export interface ReplyImage {
  url: string;
  alt?: string;
  /** The bytes, when the URL is not reachable by the platform (local storage): uploaded instead. */
  data?: Buffer;
  filename?: string;
}

/** A neutral message. Adapters render it as Discord embeds/components or Slack blocks. */
export interface Reply {
  text: string;
  title?: string;
  image?: ReplyImage;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: string;
  buttons?: ReplyButton[];
  /** Visible only to the invoking user. */
  ephemeral?: boolean;
  /** Kind of message: colours/icons in adapters. */
  tone?: 'info' | 'success' | 'warning' | 'error';
  /** For component actions: remove the message the button was on instead of answering. */
  deleteSource?: boolean;
  /** A second image shown beside `image` (the source of a restyle), where the platform can. */
  sourceImage?: ReplyImage;
  /** A single-choice menu; the chosen option's value arrives as `Invocation.action.values[0]`. */
  select?: ReplySelect;
}

/** A select menu, encoded like a button (`${command}:${action}:${value}`); `value` is an id. */
export interface ReplySelect {
  command: string;
  action: string;
  value: string;
  placeholder: string;
  options: Array<{ label: string; value: string; description?: string }>;
}

export interface CommandContext {
  services: Services;
}

export type Handler<O> = (options: O, invocation: Invocation, ctx: CommandContext) => Promise<Reply>;

/** A button action handled by a command: `value` is the id encoded in the button. */
export interface CommandAction {
  /** How the adapter acknowledges before the handler runs. */
  ack: 'update' | 'reply' | 'ephemeral';
  handler: (value: string, invocation: Invocation, ctx: CommandContext) => Promise<Reply>;
}

export interface Subcommand<S extends z.ZodObject = z.ZodObject> {
  description: string;
  options: S;
  ephemeral?: boolean;
  handler: Handler<z.infer<S>>;
}

/**
 * A platform-neutral command. Option schemas are zod objects; descriptions come from
 * `.describe()`, choices from `z.enum`, attachments from `attachmentOption()`. Registration JSON
 * (Discord) and the manifest (Slack) are generated from these definitions.
 */
export interface Command<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** Options of the command itself (ignored when `subcommands` is set). */
  options?: S;
  /** Whether the first answer is visible only to the user. */
  ephemeral?: boolean;
  handler?: Handler<z.infer<S>>;
  subcommands?: Record<string, Subcommand>;
  actions?: Record<string, CommandAction>;
}

/** Identity function that keeps the option type for the handler. */
export function defineCommand<S extends z.ZodObject>(c: Command<S>): Command<S> {
  return c;
}

export function defineSubcommand<S extends z.ZodObject>(c: Subcommand<S>): Subcommand {
  return c as unknown as Subcommand;
}

/**
 * A neutral "act on a message" entry point: Discord's message context menu (command type 3) and
 * Slack's message shortcut. The adapter takes the first image of the target message into
 * `imageOption`, asks for `askOptions` in a modal (choices → select, strings → text input), then
 * runs `command` exactly as if it had been invoked with those options.
 */
export interface MessageAction {
  /** Stable id (callback id / custom id prefix). */
  id: string;
  /** Label in the platform's message menu (Discord ≤ 32 chars). */
  label: string;
  command: string;
  imageOption: string;
  askOptions: string[];
  /** Shown when the message has no usable image. */
  noImageMessage: string;
}
