/**
 * Modals for commands that need what a slash command cannot carry (a file). The view is built
 * from the command's own option descriptions — file_input for attachments (image types only),
 * static_select for choices, text and number inputs — and its submission is read back into the
 * same option names and checked with the command's zod schema, so problems show as field errors
 * in the modal (`response_action: 'errors'`). Pure: no Slack calls here.
 */
import type { types } from '@slack/bolt';
import type { z } from 'zod';
import type { OptionDescription } from '../../commands/options.ts';
import { truncate } from './render.ts';
import { IMAGE_FILETYPES, IMAGE_MIMETYPES } from './settings.ts';

export const MODAL_CALLBACK_ID = 'imagegen:run';
const VALUE = 'value';

/** What the modal must remember between opening and submission (Slack keeps it, ≤ 3000 chars). */
export interface ModalContext {
  /** The command to run (a message action's command included). */
  command: string;
  subcommand?: string;
  /** The message action that opened it, if any (its image comes from `fileId`). */
  actionId?: string;
  fileId?: string;
  channelId: string;
  threadTs?: string;
  responseUrl?: string;
  responseUrlAt?: number;
  isDirect?: boolean;
}

/** A file as Slack describes it in file_input state, message payloads and files.info. */
export interface SlackFileLike {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  original_w?: number;
  original_h?: number;
}

export interface ModalSpec {
  title: string;
  fields: OptionDescription[];
  initial?: Record<string, unknown>;
  context: ModalContext;
  /** A line above the fields (e.g. which image will be used). */
  intro?: string;
}

const humanise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/[_-]+/g, ' ');
const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

function element(o: OptionDescription, initial: unknown): types.InputBlockElement {
  if (o.kind === 'attachment') {
    return { type: 'file_input', action_id: VALUE, filetypes: [...IMAGE_FILETYPES], max_files: 1 };
  }
  if (o.choices) {
    const options = o.choices.slice(0, 100).map((c) => ({ text: plain(c.name, 75), value: c.value }));
    const chosen = options.find((c) => c.value === initial);
    return {
      type: 'static_select',
      action_id: VALUE,
      options,
      placeholder: plain(`Choose a ${o.name}`, 150),
      ...(chosen ? { initial_option: chosen } : {}),
    };
  }
  if (o.kind === 'integer' || o.kind === 'number') {
    return {
      type: 'number_input',
      action_id: VALUE,
      is_decimal_allowed: o.kind === 'number',
      ...(o.min !== undefined ? { min_value: String(o.min) } : {}),
      ...(o.max !== undefined ? { max_value: String(o.max) } : {}),
      ...(typeof initial === 'number' ? { initial_value: String(initial) } : {}),
    };
  }
  if (o.kind === 'boolean') {
    const yes = { text: plain('Yes', 75), value: 'true' };
    return {
      type: 'checkboxes',
      action_id: VALUE,
      options: [yes],
      ...(initial === true ? { initial_options: [yes] } : {}),
    };
  }
  return {
    type: 'plain_text_input',
    action_id: VALUE,
    multiline: (o.maxLength ?? 3000) > 150,
    ...(o.maxLength !== undefined ? { max_length: Math.min(o.maxLength, 3000) } : {}),
    ...(o.minLength ? { min_length: o.minLength } : {}),
    ...(typeof initial === 'string' && initial ? { initial_value: initial } : {}),
  };
}

export function buildModal(spec: ModalSpec): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (spec.intro)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(spec.intro, 3000) }] });
  for (const o of spec.fields.slice(0, 90)) {
    blocks.push({
      type: 'input',
      block_id: o.name,
      label: plain(humanise(o.name), 2000),
      hint: plain(o.description, 2000),
      optional: !o.required,
      element: element(o, spec.initial?.[o.name]),
    });
  }
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: plain(spec.title, 24),
    submit: plain('Run', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(spec.context),
    blocks,
  };
}

export function readModalContext(privateMetadata: string | undefined): ModalContext | undefined {
  try {
    const c = JSON.parse(privateMetadata ?? '') as ModalContext;
    return typeof c?.command === 'string' && typeof c.channelId === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

type StateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }> | null;
  files?: SlackFileLike[] | null;
};

export interface ModalSubmission {
  /** Typed values by option name (attachments excluded). */
  options: Record<string, unknown>;
  /** The first chosen file by attachment option name. */
  files: Record<string, SlackFileLike>;
}

/** Reads `view.state.values` back into option values, by the block ids `buildModal` used. */
export function readModalValues(
  values: Record<string, Record<string, StateValue>> | undefined,
  fields: OptionDescription[],
): ModalSubmission {
  const options: Record<string, unknown> = {};
  const files: Record<string, SlackFileLike> = {};
  for (const o of fields) {
    const v = values?.[o.name]?.[VALUE];
    if (!v) continue;
    if (o.kind === 'attachment') {
      const file = v.files?.[0];
      if (file) files[o.name] = file;
    } else if (o.choices) {
      if (v.selected_option?.value) options[o.name] = v.selected_option.value;
    } else if (o.kind === 'boolean') {
      options[o.name] = (v.selected_options ?? []).some((x) => x.value === 'true');
    } else if (o.kind === 'integer' || o.kind === 'number') {
      if (v.value != null && v.value !== '') options[o.name] = Number(v.value);
    } else if (v.value != null && v.value !== '') {
      options[o.name] = v.value;
    }
  }
  return { options, files };
}

export const isImageFile = (f: SlackFileLike): boolean =>
  (f.mimetype !== undefined && (IMAGE_MIMETYPES as readonly string[]).includes(f.mimetype.toLowerCase())) ||
  (f.mimetype === undefined &&
    (IMAGE_FILETYPES as readonly string[]).includes((f.filetype ?? '').toLowerCase()));

/** A stand-in attachment for schema validation before the file is resolved (no I/O during the 3 s ack). */
export function provisionalAttachment(f: SlackFileLike) {
  return {
    url: f.url_private_download ?? f.url_private ?? `slack-file:${f.id}`,
    ...(f.name ? { filename: f.name } : {}),
    ...(f.mimetype ? { contentType: f.mimetype } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.original_w ? { width: f.original_w } : {}),
    ...(f.original_h ? { height: f.original_h } : {}),
  };
}

function fieldMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Please fill this in.';
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `At most ${issue.maximum} characters, please.`;
  if (issue.code === 'too_small' && issue.origin === 'string')
    return `At least ${issue.minimum} characters, please.`;
  if (issue.code === 'invalid_value') return 'Please pick one of the choices.';
  return truncate(issue.message, 150);
}

/**
 * Field errors for a submission: files the declared-attachment check refuses (`checkFile`, the
 * same check intake runs, so the words match every other platform), then whatever the command's
 * schema refuses, keyed by block id (= option name) as `response_action: 'errors'` wants them.
 */
export function validateSubmission(
  schema: z.ZodObject | undefined,
  fields: OptionDescription[],
  submission: ModalSubmission,
  opts: {
    fixed?: Record<string, unknown>;
    checkFile?: (a: ReturnType<typeof provisionalAttachment>) => string | undefined;
  } = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const candidate: Record<string, unknown> = { ...opts.fixed, ...submission.options };
  for (const o of fields.filter((f) => f.kind === 'attachment')) {
    const file = submission.files[o.name];
    if (!file) continue;
    const attachment = provisionalAttachment(file);
    const problem = opts.checkFile
      ? opts.checkFile(attachment)
      : isImageFile(file)
        ? undefined
        : 'Please choose a PNG, JPEG or WebP image.';
    if (problem) errors[o.name] = truncate(problem, 2000);
    candidate[o.name] = attachment;
  }
  const parsed = schema?.safeParse(candidate);
  if (parsed && !parsed.success) {
    const shown = new Set(fields.map((f) => f.name));
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const block = shown.has(key) ? key : fields[0]?.name;
      if (block && !errors[block]) errors[block] = fieldMessage(issue);
    }
  }
  return errors;
}
