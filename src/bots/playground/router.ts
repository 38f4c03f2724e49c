/**
 * The playground adapter: a local web chat for trying the bot without Discord or Slack. Like the
 * other adapters it only translates — an HTTP request from the page becomes a neutral
 * `Invocation` for the dispatcher, the `Reply` goes back as JSON, and later progress and results
 * arrive over server-sent events (events.ts, delivery.ts). No command or service knows it exists.
 *
 *   GET  /playground                 the page (static, no build step) and a session cookie
 *   GET  /playground/api/commands    the command registry, described for the page's forms
 *   GET  /playground/api/events      server-sent events for this session
 *   POST /playground/api/invoke      multipart: command, subcommand, options (JSON), action (JSON),
 *                                    messageId, and one file per attachment option
 *
 * The session (a random id in an HttpOnly, SameSite=Strict cookie) is the user: each browser is
 * one playground user. Uploaded bytes are handed to the command inside the attachment (never
 * written anywhere by the adapter), and intake checks them like any download.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type Request, type Response } from 'express';
import type { AckMode, Dispatcher } from '../../commands/dispatch.ts';
import { describeOptions } from '../../commands/options.ts';
import type { Command, InputAttachment, Invocation } from '../../commands/types.ts';
import { hashId, type Logger } from '../../logger.ts';
import { toPageReply } from './delivery.ts';
import type { PlaygroundEventHub } from './events.ts';

export const PLAYGROUND_PATH = '/playground';
const COOKIE = 'imagegen_playground';
const PAGE_DIR = join(import.meta.dirname, 'page');
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};
const SESSION_ID = /^[0-9a-f-]{36}$/;
/** Comment lines keep idle proxies from closing the event stream. */
const HEARTBEAT_MS = 20_000;

export interface PlaygroundDeps {
  dispatcher: Dispatcher;
  hub: PlaygroundEventHub;
  log: Logger;
  /** Largest accepted upload, per file (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** Mark the cookie Secure (the page is served over https). */
  secureCookie: boolean;
  /** The web role's base URL (links to it are made relative for the page). */
  publicUrl: string;
}

export interface Playground {
  router: express.Router;
  /** Ends every open event stream (before the HTTP server closes, which would wait for them). */
  close(): void;
}

/** The command registry as the page needs it to build its forms. */
export function describeCommands(commands: readonly Command[]) {
  return commands.map((c) => ({
    name: c.name,
    description: c.description,
    options: c.options && !c.subcommands ? describeOptions(c.options) : [],
    subcommands: Object.entries(c.subcommands ?? {}).map(([name, sub]) => ({
      name,
      description: sub.description,
      options: describeOptions(sub.options),
    })),
  }));
}

function sessionOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === COOKIE && value && SESSION_ID.test(value)) return value;
  }
  return undefined;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data: blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

class BadRequest extends Error {}

/** Parses the multipart body with the platform's own parser (undici's `Request.formData`). */
async function readForm(req: Request): Promise<FormData> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data') || !Buffer.isBuffer(req.body)) {
    throw new BadRequest('Send the command as multipart/form-data.');
  }
  try {
    return await new globalThis.Request('http://playground.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: req.body,
    }).formData();
  } catch {
    throw new BadRequest('The form could not be read.');
  }
}

function parseJsonField<T>(form: FormData, name: string): T | undefined {
  const raw = form.get(name);
  if (raw === null) return undefined;
  if (typeof raw !== 'string') throw new BadRequest(`"${name}" must be text.`);
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new BadRequest(`"${name}" must be JSON.`);
  }
}

const text = (form: FormData, name: string): string | undefined => {
  const v = form.get(name);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The neutral invocation for one request from the page. Pure translation. */
export async function toInvocation(form: FormData, sessionId: string, maxUploadBytes: number) {
  const action = parseJsonField<{ command?: unknown; action?: unknown; value?: unknown; values?: unknown }>(
    form,
    'action',
  );
  const command = action ? String(action.command ?? '') : (text(form, 'command') ?? '').replace(/^\//, '');
  if (!command) throw new BadRequest('Which command? Type one, e.g. /imagine.');
  const options: Record<string, unknown> = {
    ...(parseJsonField<Record<string, unknown>>(form, 'options') ?? {}),
  };
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') continue;
    if (value.size === 0) continue;
    const attachment: InputAttachment = {
      // Not fetched: the bytes travel with the attachment.
      url: `playground:upload/${randomUUID()}`,
      filename: value.name,
      contentType: value.type || undefined,
      size: value.size,
      data: Buffer.from(await value.arrayBuffer()),
    };
    options[name] = attachment;
  }
  const subcommand = text(form, 'subcommand');
  const clickedMessageId = text(form, 'messageId');
  const inv: Invocation = {
    actor: {
      platform: 'playground',
      platformUserId: sessionId,
      identityScope: '',
      displayName: 'Playground user',
      isServerAdmin: false,
      canManageMessages: false,
    },
    command,
    ...(subcommand ? { subcommand } : {}),
    options: action ? {} : options,
    replyTarget: {
      platform: 'playground',
      scope: '',
      channelId: 'playground',
      userId: sessionId,
      receivedAt: Date.now(),
      data: { sessionId, messageId: '' },
    },
    platformAttachmentLimit: maxUploadBytes,
    ...(action
      ? {
          action: {
            name: String(action.action ?? ''),
            value: String(action.value ?? ''),
            ...(Array.isArray(action.values) ? { values: action.values.map(String) } : {}),
          },
        }
      : {}),
  };
  return { inv, clickedMessageId };
}

export function createPlayground(deps: PlaygroundDeps): Playground {
  const router = express.Router();
  const streams = new Set<Response>();
  // Room for the multipart framing and the text fields around the files.
  const bodyLimit = deps.maxUploadBytes * 2 + 256 * 1024;

  const cookie = (id: string) =>
    `${COOKIE}=${id}; Path=${PLAYGROUND_PATH}; HttpOnly; SameSite=Strict${deps.secureCookie ? '; Secure' : ''}`;

  router.get(PLAYGROUND_PATH, async (req, res) => {
    if (!sessionOf(req)) res.set('Set-Cookie', cookie(randomUUID()));
    res
      .set(SECURITY_HEADERS)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(await readFile(join(PAGE_DIR, 'index.html')));
  });

  router.get(`${PLAYGROUND_PATH}/:asset`, async (req, res, next) => {
    const type = ASSETS[req.params.asset];
    if (!type) return next();
    res
      .set(SECURITY_HEADERS)
      .set('Cache-Control', 'no-cache')
      .type(type)
      .send(await readFile(join(PAGE_DIR, req.params.asset)));
  });

  /** API routes need the session cookie the page got; anything else is refused. */
  const withSession =
    (handler: (req: Request, res: Response, sessionId: string) => Promise<void> | void) =>
    async (req: Request, res: Response) => {
      const sessionId = sessionOf(req);
      if (!sessionId) {
        res.status(401).json({ error: 'No playground session: reload the page.' });
        return;
      }
      await handler(req, res, sessionId);
    };

  router.get(
    `${PLAYGROUND_PATH}/api/commands`,
    withSession((_req, res) => {
      res.set('Cache-Control', 'no-store').json({ commands: describeCommands(deps.dispatcher.commands) });
    }),
  );

  router.get(
    `${PLAYGROUND_PATH}/api/events`,
    withSession((req, res, sessionId) => {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 2000\n: connected\n\n');
      streams.add(res);
      const unsubscribe = deps.hub.subscribe(sessionId, (event) => {
        res.write(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      });
    }),
  );

  router.post(
    `${PLAYGROUND_PATH}/api/invoke`,
    express.raw({ type: 'multipart/form-data', limit: bodyLimit }),
    withSession(async (req, res, sessionId) => {
      let parsed: Awaited<ReturnType<typeof toInvocation>>;
      try {
        parsed = await toInvocation(await readForm(req), sessionId, deps.maxUploadBytes);
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        res.status(400).json({ error: error.message });
        return;
      }
      const { inv, clickedMessageId } = parsed;
      let mode: AckMode = deps.dispatcher.ackMode(inv) ?? 'ephemeral';
      // Only a click has a message to update.
      if (mode === 'update' && !clickedMessageId) mode = 'reply';
      const messageId = mode === 'update' ? clickedMessageId! : randomUUID();
      inv.replyTarget.data.messageId = messageId;
      deps.log.debug({ command: inv.command, user: hashId(sessionId) }, 'playground invocation');
      const reply = await deps.dispatcher.run(inv);
      res
        .set('Cache-Control', 'no-store')
        .json({ messageId, mode, reply: toPageReply(reply, deps.publicUrl) });
    }),
  );

  // Uploads over the limit, malformed bodies: a short JSON answer the page can show.
  router.use(
    PLAYGROUND_PATH,
    (
      err: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      next: express.NextFunction,
    ) => {
      if (err.type === 'entity.too.large') {
        res.status(413).json({ error: 'That upload is too large.' });
        return;
      }
      if (err.status && err.status < 500) {
        res.status(err.status).json({ error: 'The request could not be read.' });
        return;
      }
      next(err);
    },
  );

  return {
    router,
    close() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
