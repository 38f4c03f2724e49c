/**
 * Message context-menu actions ("Restyle image"): the Discord side of the neutral `MessageAction`.
 * Right-clicking a message finds its first usable image; the bot keeps that image reference for
 * the modal's lifetime under the interaction id (the modal's custom id carries only that id), asks
 * the action's `askOptions` in a modal (a Label with a string select for choices, a text input for
 * free text), and on submit runs the action's command with the image and the answers — the same
 * intake, queue and delivery as the slash command.
 */
import {
  type APIComponentInLabel,
  type APIEmbed,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type Message,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { describeOptions, type OptionDescription } from '../../commands/options.ts';
import type { Command, InputAttachment, MessageAction } from '../../commands/types.ts';
import { messageActionText, optionText } from '../../i18n/index.ts';
import { truncate } from './limits.ts';

/** What a modal needs at submit time: who opened it and the image of the right-clicked message. */
export interface PendingMessageAction {
  userId: string;
  attachment: InputAttachment;
}

/** Keeps pending actions between the context-menu click and the modal submit (any process may get the submit). */
export interface PendingActionStore {
  save(id: string, value: PendingMessageAction, ttlSeconds: number): Promise<void>;
  /** Returns and forgets the entry (a modal is submitted once). */
  take(id: string): Promise<PendingMessageAction | null>;
}

/** A modal can be submitted as long as the interaction token lives: 15 minutes. */
export const PENDING_TTL_SECONDS = 15 * 60;

const MODAL_PREFIX = 'msgaction';
const ACCEPTED_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/webp']);
const ACCEPTED_NAME = /\.(png|jpe?g|webp)$/i;
const MODAL_LIMITS = { title: 45, label: 45, labelDescription: 100, components: 5, textInput: 4000 } as const;

/** The modal's custom id: the action and the pending entry's id (an interaction snowflake). */
export function encodeModalId(actionId: string, pendingId: string): string {
  return `${MODAL_PREFIX}:${actionId}:${pendingId}`;
}

export function parseModalId(customId: string): { actionId: string; pendingId: string } | null {
  const m = /^msgaction:([\w-]{1,40}):(\d{15,25})$/.exec(customId);
  return m ? { actionId: m[1]!, pendingId: m[2]! } : null;
}

/**
 * The first image of a message the bot can restyle: an attachment of an accepted type, else an
 * embed image or thumbnail whose URL is on an allowed host (link previews of other sites are not
 * fetched). discord.js gives a `Message` when the channel is cached and the raw API object otherwise.
 */
export function findMessageImage(
  message: Message | APIMessage,
  allowedHosts: readonly string[],
): InputAttachment | null {
  const attachments = Array.isArray(message.attachments)
    ? (message.attachments as APIMessage['attachments']).map((a) => ({
        url: a.url,
        name: a.filename,
        contentType: a.content_type,
        size: a.size,
        width: a.width,
        height: a.height,
      }))
    : [...(message as Message).attachments.values()];
  for (const a of attachments) {
    const type = a.contentType?.split(';')[0]?.trim().toLowerCase();
    if (type ? !ACCEPTED_TYPES.has(type) : !ACCEPTED_NAME.test(a.name ?? '')) continue;
    return {
      url: a.url,
      ...(a.name ? { filename: a.name } : {}),
      ...(type ? { contentType: type } : {}),
      ...(typeof a.size === 'number' ? { size: a.size } : {}),
      ...(a.width != null ? { width: a.width } : {}),
      ...(a.height != null ? { height: a.height } : {}),
    };
  }
  for (const e of message.embeds as Array<APIEmbed | { data: APIEmbed }>) {
    const embed: APIEmbed = 'data' in e ? e.data : e;
    for (const media of [embed.image, embed.thumbnail]) {
      for (const url of [media?.url, media?.proxy_url]) {
        if (url && isAllowedUrl(url, allowedHosts)) {
          return {
            url,
            ...(media?.width ? { width: media.width } : {}),
            ...(media?.height ? { height: media.height } : {}),
          };
        }
      }
    }
  }
  return null;
}

/** The modal asking `action.askOptions` of `command`. Throws on an option a modal cannot ask (programming error). */
export function buildMessageActionModal(
  action: MessageAction,
  command: Command,
  pendingId: string,
  locale?: string,
): APIModalInteractionResponseCallbackData {
  const asked = askedOptions(action, command);
  const text = (o: OptionDescription, part: string, fallback: string) =>
    optionText(locale, command.name, o.name, part, fallback);
  if (asked.length < 1 || asked.length > MODAL_LIMITS.components) {
    throw new Error(`message action "${action.id}" must ask 1-${MODAL_LIMITS.components} options`);
  }
  return {
    custom_id: encodeModalId(action.id, pendingId),
    title: truncate(messageActionText(locale, action, 'label'), MODAL_LIMITS.title),
    components: asked.map((o) => ({
      type: ComponentType.Label,
      label: truncate(text(o, 'label', o.name.charAt(0).toUpperCase() + o.name.slice(1)), MODAL_LIMITS.label),
      description: truncate(text(o, 'description', o.description), MODAL_LIMITS.labelDescription),
      component: modalInput(o, (value, fallback) => text(o, `choices.${value}`, fallback)),
    })),
  };
}

/** The answers of a submitted modal, as raw command options (parsed by the command's zod schema). */
export function readModalAnswers(
  action: MessageAction,
  command: Command,
  interaction: ModalSubmitInteraction,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const o of askedOptions(action, command)) {
    const field = interaction.fields.fields.get(o.name);
    if (!field) continue;
    if ('values' in field && Array.isArray(field.values)) {
      const [value] = field.values as string[];
      if (value) answers[o.name] = value;
    } else if ('value' in field && typeof field.value === 'string' && field.value.trim()) {
      answers[o.name] = field.value;
    }
  }
  return answers;
}

/** Pending actions in process memory: for a single process and for tests. */
export function createMemoryPendingStore(now: () => number = Date.now): PendingActionStore {
  const entries = new Map<string, { value: PendingMessageAction; expiresAt: number }>();
  return {
    async save(id, value, ttlSeconds) {
      for (const [key, entry] of entries) if (entry.expiresAt <= now()) entries.delete(key);
      entries.set(id, { value, expiresAt: now() + ttlSeconds * 1000 });
    },
    async take(id) {
      const entry = entries.get(id);
      entries.delete(id);
      return entry && entry.expiresAt > now() ? entry.value : null;
    },
  };
}

/** The Redis commands the shared store needs (ioredis' `Redis` has them). */
export interface PendingRedis {
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
  getdel(key: string): Promise<string | null>;
}

/**
 * Pending actions in Redis, shared by every process (the modal submit may reach another process
 * than the click, e.g. behind a load balancer in HTTP mode). The attachment URL is sealed at rest.
 */
export function createRedisPendingStore(deps: {
  redis: PendingRedis;
  prefix: string;
  seal: (plain: string) => string;
  open: (sealed: string) => string;
}): PendingActionStore {
  const key = (id: string) => `${deps.prefix}:discord:pending-action:${id}`;
  return {
    async save(id, value, ttlSeconds) {
      await deps.redis.set(key(id), deps.seal(JSON.stringify(value)), 'EX', ttlSeconds);
    },
    async take(id) {
      const sealed = await deps.redis.getdel(key(id));
      return sealed ? (JSON.parse(deps.open(sealed)) as PendingMessageAction) : null;
    },
  };
}

function askedOptions(action: MessageAction, command: Command): OptionDescription[] {
  const all = command.options ? describeOptions(command.options) : [];
  return action.askOptions.map((name) => {
    const o = all.find((d) => d.name === name);
    if (!o)
      throw new Error(`message action "${action.id}" asks "${name}", which /${command.name} does not have`);
    return o;
  });
}

function modalInput(
  o: OptionDescription,
  choiceName: (value: string, fallback: string) => string,
): APIComponentInLabel {
  if (o.choices) {
    return {
      type: ComponentType.StringSelect,
      custom_id: o.name,
      min_values: o.required ? 1 : 0,
      max_values: 1,
      required: o.required,
      options: o.choices
        .slice(0, 25)
        .map((c) => ({ label: truncate(choiceName(c.value, c.name || c.value), 100), value: c.value })),
    };
  }
  if (o.kind !== 'string') {
    throw new Error(`option "${o.name}" is a ${o.kind}; a modal can only ask for text or a choice`);
  }
  const max = Math.min(o.maxLength ?? MODAL_LIMITS.textInput, MODAL_LIMITS.textInput);
  return {
    type: ComponentType.TextInput,
    custom_id: o.name,
    style: max > 100 ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: o.required,
    max_length: max,
    ...(o.minLength ? { min_length: Math.min(o.minLength, max) } : {}),
  };
}

/** Same rule as the safe fetcher: an exact host, or `*.example.com` for its subdomains. */
function isAllowedUrl(raw: string, allowedHosts: readonly string[]): boolean {
  let host: string;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return allowedHosts.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) : p.replace(/^\[|\]$/g, '') === host;
  });
}
