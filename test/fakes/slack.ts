/**
 * A fake Slack for the real Bolt / @slack/web-api clients (`slackApiUrl: fake.apiUrl`), with the
 * parts of Slack the bot touches besides the Web API:
 *   POST /api/<method>                 auth.test, views.open, views.update, chat.postMessage,
 *                                      chat.update, chat.delete, chat.postEphemeral, files.info,
 *                                      files.getUploadURLExternal, files.completeUploadExternal,
 *                                      oauth.v2.access, conversations.open, users.info
 *   POST /upload/:fileId               the upload URL files.getUploadURLExternal hands out
 *   POST /hooks/commands/:team/:id     response_url (5 uses; `expireResponseUrl` ends one early)
 *   GET  /files-pri/:team-:file/:name  url_private: the bytes with `Authorization: Bearer <that
 *                                      workspace's bot token>`, else Slack's HTML login page
 * Tokens are checked like Slack does (`invalid_auth` for an unknown one). Every Web API request a
 * method of the 2020 spec covers is checked against `shared/contract-specs/slack_web_openapi_v2.json`
 * (files.*External are newer than that copy), as are the fake's own answers; problems are kept in
 * `contractErrors`.
 *
 *   const slack = await startFakeSlack();
 *   const ws = slack.addWorkspace('T0001');       // → { teamId, token, botUserId }
 *   const file = slack.addFile('T0001', 'cat.png', bytes, 'image/png');
 *   slack.messagesIn('C0001').at(-1)?.blocks
 */
import { randomBytes } from 'node:crypto';
import { vendorContract } from './contract.ts';
import { type FakeResponse, HttpFake, type RecordedRequest } from './http-fake.ts';
import { parseMultipart } from './multipart.ts';

// biome-ignore lint/suspicious/noExplicitAny: request arguments are untyped JSON that tests read freely
type Args = Record<string, any>;

export interface SlackCall {
  method: string;
  args: Args;
  /** The bot token the call carried (Authorization: Bearer …), if any. */
  token?: string;
  at: number;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit as sent
  blocks: any[];
  user: string;
  teamId: string;
  edits: number;
  deleted: boolean;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  thread_ts?: string;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit as sent
  blocks: any[];
}

export interface FakeResponsePost {
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON body as sent
  body: any;
  accepted: boolean;
}

export interface FakeSlackFile {
  id: string;
  teamId: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  bytes: Buffer;
  url_private: string;
  url_private_download: string;
  /** Set by files.completeUploadExternal. */
  shared?: { channel?: string; thread_ts?: string; initial_comment?: string };
  uploadedByBot: boolean;
}

export interface FakeWorkspace {
  teamId: string;
  token: string;
  botUserId: string;
  botId: string;
}

export interface ContractError {
  kind: 'request' | 'response';
  method: string;
  errors: string[];
}

export interface FakeSlack {
  url: string;
  /** For `slackApiUrl` / SLACK_API_URL: `${url}/api/`. */
  apiUrl: string;
  http: HttpFake;
  clientId: string;
  clientSecret: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  messages: FakeSlackMessage[];
  /** Live (not deleted) messages in a channel, oldest first. */
  messagesIn(channel: string): FakeSlackMessage[];
  ephemerals: FakeEphemeral[];
  responsePosts: FakeResponsePost[];
  files: Map<string, FakeSlackFile>;
  /** Downloads of private files: which file, with which Authorization header. */
  downloads: Array<{ fileId: string; authorization?: string; served: boolean }>;
  contractErrors: ContractError[];
  addWorkspace(teamId: string): FakeWorkspace;
  workspaces: Map<string, FakeWorkspace>;
  /** A file in the workspace, as Slack describes it (url_private on this fake). */
  addFile(
    teamId: string,
    name: string,
    bytes: Buffer,
    mimetype: string,
    opts?: { declaredSize?: number },
  ): FakeSlackFile;
  /** A fresh response_url on this fake. */
  responseUrl(teamId: string): string;
  /** The response_url answers 404 expired_url from now on. */
  expireResponseUrl(url: string): void;
  /** An OAuth code that oauth.v2.access exchanges for a new bot token of `teamId`. */
  oauthCode(teamId: string): string;
  /** Posts by the bot there answer `not_in_channel`. */
  denyChannel(channel: string): void;
  /** Revokes a workspace's token (invalid_auth from now on). */
  revoke(teamId: string): void;
  /** users.info says this user is a workspace admin. */
  makeAdmin(userId: string): void;
  stop(): Promise<void>;
}

const API = '/api';
/** Methods newer than the 2020 spec copy: not checked against it. */
const NOT_IN_SPEC = new Set(['files.getUploadURLExternal', 'files.completeUploadExternal']);
const JSON_ARGS = new Set(['blocks', 'view', 'files', 'attachments', 'metadata']);
const HTML_LOGIN =
  '<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>';

export async function startFakeSlack(
  opts: { clientId?: string; clientSecret?: string } = {},
): Promise<FakeSlack> {
  const contract = vendorContract('slack');
  const http = new HttpFake('slack');
  const tokens = new Map<string, FakeWorkspace>();
  const denied = new Set<string>();
  const admins = new Set<string>();
  const codes = new Map<string, string>();
  const responseUses = new Map<string, number>();
  const expired = new Set<string>();
  let tsCounter = 0;
  let idCounter = 0;
  const nextTs = () => {
    tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
  };
  const nextId = (prefix: string) => {
    idCounter += 1;
    return `${prefix}${String(idCounter).padStart(9, '0')}`;
  };

  const fake: FakeSlack = {
    url: '',
    apiUrl: '',
    http,
    clientId: opts.clientId ?? '1111.2222',
    clientSecret: opts.clientSecret ?? 'fake-client-secret',
    calls: [],
    callsTo: (method) => fake.calls.filter((c) => c.method === method),
    messages: [],
    messagesIn: (channel) => fake.messages.filter((m) => m.channel === channel && !m.deleted),
    ephemerals: [],
    responsePosts: [],
    files: new Map(),
    downloads: [],
    contractErrors: [],
    workspaces: new Map(),
    addWorkspace(teamId) {
      const existing = fake.workspaces.get(teamId);
      if (existing) return existing;
      const ws: FakeWorkspace = {
        teamId,
        token: `xoxb-${teamId}-${randomBytes(8).toString('hex')}`,
        botUserId: nextId('UB'),
        botId: nextId('B'),
      };
      fake.workspaces.set(teamId, ws);
      tokens.set(ws.token, ws);
      return ws;
    },
    addFile(teamId, name, bytes, mimetype, o = {}) {
      const id = nextId('F');
      const url = `${fake.url}/files-pri/${teamId}-${id}/${encodeURIComponent(name)}`;
      const file: FakeSlackFile = {
        id,
        teamId,
        name,
        title: name,
        mimetype,
        filetype: name.split('.').pop()?.toLowerCase() ?? 'binary',
        size: o.declaredSize ?? bytes.length,
        bytes,
        url_private: url,
        url_private_download: `${url}?download=1`,
        uploadedByBot: false,
      };
      fake.files.set(id, file);
      return file;
    },
    responseUrl(teamId) {
      return `${fake.url}/hooks/commands/${teamId}/${Date.now()}${idCounter++}/${randomBytes(12).toString('hex')}`;
    },
    expireResponseUrl: (url) => void expired.add(url),
    oauthCode(teamId) {
      const code = `code-${randomBytes(6).toString('hex')}`;
      codes.set(code, teamId);
      return code;
    },
    denyChannel: (channel) => void denied.add(channel),
    revoke(teamId) {
      const ws = fake.workspaces.get(teamId);
      if (ws) tokens.delete(ws.token);
    },
    makeAdmin: (userId) => void admins.add(userId),
    stop: () => http.stop(),
  };

  // ---- helpers --------------------------------------------------------------------------------------

  async function decodeArgs(req: RecordedRequest): Promise<Args> {
    const type = String(req.headers['content-type'] ?? '');
    let args: Args = Object.fromEntries(req.query);
    if (type.startsWith('application/x-www-form-urlencoded')) {
      args = { ...args, ...Object.fromEntries(new URLSearchParams(req.body.toString('utf8'))) };
    } else if (type.includes('json') && req.json && typeof req.json === 'object') {
      args = { ...args, ...(req.json as Args) };
    } else if (type.startsWith('multipart/form-data')) {
      const form = await parseMultipart(req);
      args = { ...args, ...(form?.fields ?? {}) };
    }
    for (const key of JSON_ARGS) {
      if (typeof args[key] === 'string') {
        try {
          args[key] = JSON.parse(args[key]);
        } catch {
          // Left as sent: the method answers invalid_arguments.
        }
      }
    }
    return args;
  }

  function tokenOf(req: RecordedRequest, args: Args): string | undefined {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
    return typeof args.token === 'string' ? args.token : undefined;
  }

  function answer(req: RecordedRequest, method: string, body: Args): FakeResponse {
    if (!NOT_IN_SPEC.has(method)) {
      const errors = contract.validateResponse({ method: req.method, path: req.path, status: 200, body });
      if (errors.length) fake.contractErrors.push({ kind: 'response', method, errors });
    }
    return { status: 200, body };
  }

  const fail = (req: RecordedRequest, method: string, error: string) =>
    answer(req, method, { ok: false, error });

  function checkBlocks(blocks: unknown): string | undefined {
    if (blocks === undefined) return undefined;
    if (!Array.isArray(blocks) || blocks.length > 50) return 'invalid_blocks';
    for (const b of blocks) {
      if (typeof b !== 'object' || !b || typeof (b as { type?: unknown }).type !== 'string')
        return 'invalid_blocks';
      const block = b as Args;
      if (block.type === 'section' && block.text && String(block.text.text ?? '').length > 3000)
        return 'invalid_blocks';
      if (block.type === 'image' && !/^https?:\/\//.test(String(block.image_url ?? '')))
        return 'invalid_blocks';
      if (block.type === 'actions' && (!Array.isArray(block.elements) || block.elements.length > 25))
        return 'invalid_blocks';
      if (block.type === 'actions') {
        const ids = block.elements.map((e: Args) => e.action_id);
        if (new Set(ids).size !== ids.length) return 'invalid_blocks';
      }
    }
    return undefined;
  }

  function publicMessage(m: FakeSlackMessage) {
    return {
      type: 'message',
      text: m.text,
      user: m.user,
      bot_id: fake.workspaces.get(m.teamId)?.botId ?? 'B0',
      ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    };
  }

  type Handler = (ctx: {
    req: RecordedRequest;
    args: Args;
    ws?: FakeWorkspace;
  }) => FakeResponse | Promise<FakeResponse>;
  const methods: Record<string, Handler> = {
    'auth.test': ({ req, ws }) =>
      answer(req, 'auth.test', {
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Fake team',
        user: 'imagegen',
        team_id: ws!.teamId,
        user_id: ws!.botUserId,
        bot_id: ws!.botId,
        is_enterprise_install: false,
      }),

    'views.open': ({ req, args }) => {
      const view = args.view;
      if (!args.trigger_id) return fail(req, 'views.open', 'invalid_trigger_id');
      if (view?.type !== 'modal' || !view.title?.text || view.title.text.length > 24) {
        return fail(req, 'views.open', 'invalid_arguments');
      }
      if (!Array.isArray(view.blocks) || view.blocks.length > 100)
        return fail(req, 'views.open', 'invalid_arguments');
      if (String(view.private_metadata ?? '').length > 3000)
        return fail(req, 'views.open', 'invalid_arguments');
      return answer(req, 'views.open', { ok: true, view: { id: nextId('V'), ...view } });
    },

    'views.update': ({ req, args }) =>
      args.view_id || args.external_id
        ? answer(req, 'views.update', { ok: true, view: { id: args.view_id ?? nextId('V'), ...args.view } })
        : fail(req, 'views.update', 'invalid_arguments'),

    'chat.postMessage': ({ req, args, ws }) => {
      if (!args.channel) return fail(req, 'chat.postMessage', 'channel_not_found');
      if (denied.has(args.channel)) return fail(req, 'chat.postMessage', 'not_in_channel');
      if (!args.text && !args.blocks) return fail(req, 'chat.postMessage', 'no_text');
      const bad = checkBlocks(args.blocks);
      if (bad) return fail(req, 'chat.postMessage', bad);
      const m: FakeSlackMessage = {
        channel: args.channel,
        ts: nextTs(),
        ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
        text: args.text ?? '',
        blocks: args.blocks ?? [],
        user: ws!.botUserId,
        teamId: ws!.teamId,
        edits: 0,
        deleted: false,
      };
      fake.messages.push(m);
      return answer(req, 'chat.postMessage', {
        ok: true,
        channel: m.channel,
        ts: m.ts,
        message: publicMessage(m),
      });
    },

    'chat.update': ({ req, args }) => {
      const m = fake.messages.find((x) => x.channel === args.channel && x.ts === args.ts);
      if (!m || m.deleted) return fail(req, 'chat.update', 'message_not_found');
      if (denied.has(args.channel)) return fail(req, 'chat.update', 'channel_not_found');
      const bad = checkBlocks(args.blocks);
      if (bad) return fail(req, 'chat.update', bad);
      m.text = args.text ?? m.text;
      m.blocks = args.blocks ?? m.blocks;
      m.edits += 1;
      return answer(req, 'chat.update', {
        ok: true,
        channel: m.channel,
        ts: m.ts,
        text: m.text,
        message: { text: m.text, user: m.user, bot_id: 'B0' },
      });
    },

    'chat.delete': ({ req, args }) => {
      const m = fake.messages.find((x) => x.channel === args.channel && x.ts === args.ts);
      if (!m || m.deleted) return fail(req, 'chat.delete', 'message_not_found');
      m.deleted = true;
      return answer(req, 'chat.delete', { ok: true, channel: m.channel, ts: m.ts });
    },

    'chat.postEphemeral': ({ req, args }) => {
      if (!args.channel || !args.user) return fail(req, 'chat.postEphemeral', 'invalid_arguments');
      if (denied.has(args.channel)) return fail(req, 'chat.postEphemeral', 'not_in_channel');
      const bad = checkBlocks(args.blocks);
      if (bad) return fail(req, 'chat.postEphemeral', bad);
      fake.ephemerals.push({
        channel: args.channel,
        user: args.user,
        ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
        text: args.text ?? '',
        blocks: args.blocks ?? [],
      });
      return answer(req, 'chat.postEphemeral', { ok: true, message_ts: nextTs() });
    },

    'users.info': ({ req, args, ws }) =>
      args.user
        ? answer(req, 'users.info', {
            ok: true,
            user: {
              id: args.user,
              team_id: ws!.teamId,
              name: `user-${String(args.user).toLowerCase()}`,
              is_bot: false,
              is_app_user: false,
              updated: Math.floor(Date.now() / 1000),
              is_admin: admins.has(args.user),
              is_owner: false,
              is_primary_owner: false,
              profile: {
                real_name: 'Test User',
                display_name: 'tester',
                avatar_hash: 'g0',
                real_name_normalized: 'Test User',
                display_name_normalized: 'tester',
                title: '',
                phone: '',
                skype: '',
                status_text: '',
                status_emoji: '',
                fields: [],
              },
            },
          })
        : fail(req, 'users.info', 'user_not_found'),

    'conversations.open': ({ req, args }) =>
      args.users
        ? answer(req, 'conversations.open', { ok: true, channel: { id: `D${String(args.users).slice(1)}` } })
        : fail(req, 'conversations.open', 'users_list_not_supplied'),

    'files.info': ({ req, args, ws }) => {
      const f = fake.files.get(String(args.file));
      if (!f || f.teamId !== ws!.teamId) return fail(req, 'files.info', 'file_not_found');
      return answer(req, 'files.info', { ok: true, file: describeFile(f), comments: [] });
    },

    'files.getUploadURLExternal': ({ req, args, ws }) => {
      if (!args.filename || !args.length) return fail(req, 'files.getUploadURLExternal', 'invalid_arguments');
      const id = nextId('F');
      const url = `${fake.url}/files-pri/${ws!.teamId}-${id}/${encodeURIComponent(args.filename)}`;
      fake.files.set(id, {
        id,
        teamId: ws!.teamId,
        name: args.filename,
        title: args.filename,
        mimetype: '',
        filetype: String(args.filename).split('.').pop() ?? '',
        size: Number(args.length),
        bytes: Buffer.alloc(0),
        url_private: url,
        url_private_download: url,
        uploadedByBot: true,
      });
      return answer(req, 'files.getUploadURLExternal', {
        ok: true,
        upload_url: `${fake.url}/upload/${id}`,
        file_id: id,
      });
    },

    'files.completeUploadExternal': ({ req, args }) => {
      const list = Array.isArray(args.files) ? (args.files as Array<{ id: string; title?: string }>) : [];
      if (list.length === 0) return fail(req, 'files.completeUploadExternal', 'invalid_arguments');
      for (const entry of list) {
        const f = fake.files.get(entry.id);
        if (!f || f.bytes.length === 0) return fail(req, 'files.completeUploadExternal', 'file_not_found');
        if (args.channel_id && denied.has(args.channel_id))
          return fail(req, 'files.completeUploadExternal', 'not_in_channel');
        f.title = entry.title ?? f.title;
        f.shared = {
          ...(args.channel_id ? { channel: args.channel_id } : {}),
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          ...(args.initial_comment ? { initial_comment: args.initial_comment } : {}),
        };
      }
      return answer(req, 'files.completeUploadExternal', {
        ok: true,
        files: list.map((e) => ({ id: e.id, title: e.title ?? fake.files.get(e.id)?.title })),
      });
    },

    'oauth.v2.access': ({ req, args }) => {
      let clientId = args.client_id;
      let clientSecret = args.client_secret;
      const basic = req.headers.authorization;
      if (typeof basic === 'string' && basic.startsWith('Basic ')) {
        [clientId, clientSecret] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
      }
      if (clientId !== fake.clientId || clientSecret !== fake.clientSecret) {
        return fail(req, 'oauth.v2.access', 'invalid_client_id');
      }
      const teamId = codes.get(String(args.code));
      if (!teamId) return fail(req, 'oauth.v2.access', 'invalid_code');
      codes.delete(String(args.code));
      fake.workspaces.delete(teamId);
      const ws = fake.addWorkspace(teamId);
      return answer(req, 'oauth.v2.access', {
        ok: true,
        app_id: 'A0FAKEAPP',
        authed_user: { id: 'UINSTALLER' },
        scope: 'commands,chat:write,files:read,files:write,app_mentions:read,im:history,im:write',
        token_type: 'bot',
        access_token: ws.token,
        bot_user_id: ws.botUserId,
        team: { id: teamId, name: `Team ${teamId}` },
        enterprise: null,
        is_enterprise_install: false,
      });
    },
  };

  function describeFile(f: FakeSlackFile) {
    return {
      id: f.id,
      name: f.name,
      title: f.title,
      mimetype: f.mimetype,
      filetype: f.filetype,
      size: f.size,
      url_private: f.url_private,
      url_private_download: f.url_private_download,
      created: Math.floor(Date.now() / 1000),
      timestamp: Math.floor(Date.now() / 1000),
      user: 'U0FILEOWNER',
      editable: false,
      mode: 'hosted',
      is_external: false,
      external_type: '',
      is_public: false,
      public_url_shared: false,
      display_as_bot: false,
      username: '',
      pretty_type: f.filetype.toUpperCase(),
      comments_count: 0,
      channels: [],
      groups: [],
      ims: [],
      is_starred: false,
    };
  }

  // ---- routes ---------------------------------------------------------------------------------------

  http.route('*', `${API}/:method`, async (req, params) => {
    const method = params.method ?? '';
    const args = await decodeArgs(req);
    const token = tokenOf(req, args);
    fake.calls.push({ method, args, ...(token ? { token } : {}), at: req.at });
    if (!NOT_IN_SPEC.has(method)) {
      // The 2020 spec lists `token` as an argument of some methods; today's clients send it as
      // `Authorization: Bearer`, which Slack reads as the same argument.
      const query = new URLSearchParams(req.query);
      if (token && !query.has('token') && !/(^|&)token=/.test(req.body.toString('utf8')))
        query.set('token', token);
      const errors = contract.validateRequest({
        method: req.method,
        path: req.path,
        query,
        headers: req.headers,
        body: req.body.length ? req.body : undefined,
      });
      if (errors.length) {
        fake.contractErrors.push({ kind: 'request', method, errors });
        return { status: 200, body: { ok: false, error: 'invalid_arguments', contract: errors } };
      }
    }
    const handler = methods[method];
    if (!handler) return { status: 404, body: { ok: false, error: 'unknown_method' } };
    if (method === 'oauth.v2.access') return handler({ req, args });
    const ws = token ? tokens.get(token) : undefined;
    if (!token) return fail(req, method, 'not_authed');
    if (!ws) return fail(req, method, 'invalid_auth');
    return handler({ req, args, ws });
  });

  http.route('POST', '/upload/:fileId', async (req, params) => {
    const f = fake.files.get(params.fileId ?? '');
    if (!f) return { status: 404, body: 'not found' };
    const form = await parseMultipart(req);
    f.bytes = form?.files[0]?.bytes ?? req.body;
    f.size = f.bytes.length;
    return { status: 200, body: `OK - ${f.bytes.length}` };
  });

  http.route('POST', '/hooks/commands/:team/:id/:secret', (req) => {
    const url = `${fake.url}${req.path}`;
    const uses = (responseUses.get(url) ?? 0) + 1;
    responseUses.set(url, uses);
    const body = req.json;
    if (expired.has(url)) {
      fake.responsePosts.push({ url, body, accepted: false });
      return { status: 404, body: 'expired_url' };
    }
    if (uses > 5) {
      fake.responsePosts.push({ url, body, accepted: false });
      return { status: 404, body: 'used_url' };
    }
    const b = (body ?? {}) as Args;
    const bad = checkBlocks(b.blocks);
    const ok = body !== undefined && !bad && (b.text || b.blocks || b.delete_original);
    fake.responsePosts.push({ url, body, accepted: Boolean(ok) });
    return ok ? { status: 200, body: 'ok' } : { status: 400, body: bad ?? 'no_text' };
  });

  http.route('GET', '/files-pri/:ref/:name', (req, params) => {
    const [teamId = '', fileId = ''] = (params.ref ?? '').split('-');
    const f = fake.files.get(fileId);
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const ws = fake.workspaces.get(teamId);
    const served = Boolean(f && ws && auth === `Bearer ${ws.token}` && tokens.has(ws.token));
    fake.downloads.push({ fileId, ...(auth ? { authorization: auth } : {}), served });
    // Like Slack: without the workspace's token a private URL answers a login page, not the file.
    if (!served || !f) return { status: 200, headers: { 'content-type': 'text/html' }, body: HTML_LOGIN };
    return {
      status: 200,
      headers: { 'content-type': f.mimetype || 'application/octet-stream' },
      body: f.bytes,
    };
  });

  await http.start();
  fake.url = http.url;
  fake.apiUrl = `${http.url}${API}/`;
  return fake;
}
