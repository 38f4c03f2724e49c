/**
 * A fake Discord REST API for the real discord.js / @discordjs/rest clients
 * (`new Client({ rest: { api: fake.apiUrl } })`, `new REST({ api: fake.apiUrl })`):
 *   POST   /api/v10/interactions/:id/:token/callback          204 (200 with `with_response=true`);
 *                                                             types 4/5 create @original, 9 (modal) only records
 *   PATCH  /api/v10/webhooks/:appId/:token/messages/:id       edit (`@original` included), 200 message
 *   DELETE /api/v10/webhooks/:appId/:token/messages/:id       204
 *   POST   /api/v10/webhooks/:appId/:token                    follow-up, 200 message
 *   POST   /api/v10/channels/:channelId/messages              bot message; nonce + enforce_nonce dedupe
 *   POST   /api/v10/users/@me/channels                        open a DM channel
 *   PUT    /api/v10/applications/:appId/commands              (and the guild variant) bulk overwrite
 *   GET    /cdn/attachments/*                                 bytes registered with `addAttachment`
 * Every JSON or multipart (`payload_json` + `files[n]`) request is checked against Discord's own
 * OpenAPI description (`shared/contract-specs/discord.openapi.json`); a request that breaks it is
 * answered like Discord does (400, code 50035 Invalid Form Body) and listed in `contractErrors`,
 * and the fake's own answers are checked too (listed with `kind: 'response'`).
 *
 *   const fake = await startFakeDiscord();
 *   fake.expireToken(token);          // webhook calls with it answer 401 { code: 50027 }
 *   fake.denyChannel(channelId);      // bot posts there answer 403 { code: 50001 }
 *   fake.blockDirectMessages(userId); // DMs to the user answer 403 { code: 50007 }
 *   fake.deleteOriginal(token);       // the user dismissed the reply: edits answer 404 { code: 10008 }
 *   fake.callsTo('webhookEdit')[0].payload.embeds
 */
import { randomUUID } from 'node:crypto';
import { SnowflakeUtil } from 'discord.js';
import { vendorContract } from './contract.ts';
import { type FakeResponse, HttpFake, type RecordedRequest } from './http-fake.ts';
import { type MultipartFile, parseMultipart } from './multipart.ts';

export type DiscordRoute =
  | 'interactionCallback'
  | 'webhookEdit'
  | 'webhookDelete'
  | 'followUp'
  | 'channelMessage'
  | 'dmChannel'
  | 'registerCommands';

/** One API request the fake accepted for checking (refused ones included), decoded. */
export interface DiscordCall {
  route: DiscordRoute;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, or the `payload_json` part of a multipart body. */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON that tests read freely
  payload: any;
  files: MultipartFile[];
  /** The Authorization header as sent (undefined when the request carried none). */
  authorization?: string;
  at: number;
}

/** A message as the fake stores and returns it (Discord's message object, the fields that matter here). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  // biome-ignore lint/suspicious/noExplicitAny: embeds/components are whatever the bot sent
  embeds: any[];
  // biome-ignore lint/suspicious/noExplicitAny: see above
  components: any[];
  attachments: Array<{
    id: string;
    filename: string;
    size: number;
    url: string;
    proxy_url: string;
    content_type?: string;
  }>;
  flags: number;
  nonce?: string | number;
  [key: string]: unknown;
}

export interface ContractError {
  kind: 'request' | 'response';
  method: string;
  path: string;
  errors: string[];
}

export interface FakeDiscord {
  /** Server root, e.g. http://127.0.0.1:PORT. */
  url: string;
  /** REST base for discord.js: `${url}/api`. */
  apiUrl: string;
  http: HttpFake;
  /** The bot's user id (author of channel messages). */
  botUserId: string;
  calls: DiscordCall[];
  callsTo(route: DiscordRoute): DiscordCall[];
  /** Messages created in channels (and DMs) by `POST /channels/:id/messages`, deduplicated by nonce. */
  channelMessages: FakeMessage[];
  /** Current interaction-webhook messages by `${token}/${messageId}` (`@original` kept under that name). */
  webhookMessages: Map<string, FakeMessage>;
  followUps: FakeMessage[];
  /** DM channel id per user id. */
  dmChannels: Map<string, string>;
  /** Last bulk overwrite per scope: 'global' or the guild id. */
  registeredCommands: Map<string, unknown[]>;
  contractErrors: ContractError[];
  /** Webhook calls with this token answer 401 Invalid Webhook Token, callbacks 404 Unknown interaction. */
  expireToken(token: string): void;
  /** Bot posts in this channel answer 403 (50001 Missing Access, or 50013 Missing Permissions). */
  denyChannel(channelId: string, code?: 50001 | 50013): void;
  /** DMs to this user answer 403 50007 Cannot send messages to this user. */
  blockDirectMessages(userId: string): void;
  /** The user deleted (dismissed) the interaction's original reply: edits answer 404 Unknown Message. */
  deleteOriginal(token: string): void;
  /** Serves `bytes` at a CDN URL on this fake and returns the URL. */
  addAttachment(name: string, bytes: Buffer, contentType: string): string;
  stop(): Promise<void>;
}

export interface FakeDiscordOptions {
  botUserId?: string;
  /** How long a nonce with `enforce_nonce` returns the first message (Discord: a few minutes). */
  nonceWindowMs?: number;
}

const API = '/api/v10';

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const contract = vendorContract('discord');
  const http = new HttpFake('discord');
  const nonceWindowMs = opts.nonceWindowMs ?? 5 * 60_000;
  const expired = new Set<string>();
  const denied = new Map<string, number>();
  const dmBlocked = new Set<string>();
  const acknowledged = new Set<string>();
  const nonces = new Map<string, { message: FakeMessage; at: number }>();
  const cdn = new Map<string, { bytes: Buffer; contentType: string }>();

  const fake: FakeDiscord = {
    url: '',
    apiUrl: '',
    http,
    botUserId: opts.botUserId ?? '199999999999999999',
    calls: [],
    callsTo: (route) => fake.calls.filter((c) => c.route === route),
    channelMessages: [],
    webhookMessages: new Map(),
    followUps: [],
    dmChannels: new Map(),
    registeredCommands: new Map(),
    contractErrors: [],
    expireToken: (token) => void expired.add(token),
    denyChannel: (channelId, code = 50001) => void denied.set(channelId, code),
    blockDirectMessages: (userId) => void dmBlocked.add(userId),
    deleteOriginal(token) {
      const key = `${token}/@original`;
      fake.webhookMessages.set(key, {
        ...(fake.webhookMessages.get(key) ?? makeMessage('0', {}, [])),
        deleted: true,
      });
    },
    addAttachment(name, bytes, contentType) {
      const key = `${SnowflakeUtil.generate()}/${encodeURIComponent(name)}`;
      cdn.set(key, { bytes, contentType });
      return `${fake.url}/cdn/attachments/${key}`;
    },
    stop: () => http.stop(),
  };

  // ---- helpers ------------------------------------------------------------------------------------

  /** Decodes and records a request; returns the refusal to send when it breaks the spec. */
  async function accept(
    route: DiscordRoute,
    req: RecordedRequest,
    params: Record<string, string>,
  ): Promise<{ call: DiscordCall; refusal?: FakeResponse }> {
    const form = await parseMultipart(req);
    let payload: unknown = req.json;
    if (form) {
      try {
        payload = form.fields.payload_json ? JSON.parse(form.fields.payload_json) : {};
      } catch {
        payload = undefined;
      }
    }
    const call: DiscordCall = {
      route,
      method: req.method,
      path: req.path,
      params,
      query: req.query,
      payload,
      files: form?.files ?? [],
      ...(typeof req.headers.authorization === 'string' ? { authorization: req.headers.authorization } : {}),
      at: req.at,
    };
    fake.calls.push(call);
    const errors = contract.validateRequest({
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body.length ? req.body : undefined,
    });
    if (errors.length === 0) return { call };
    fake.contractErrors.push({ kind: 'request', method: req.method, path: req.path, errors });
    return {
      call,
      refusal: discordError(400, 50035, 'Invalid Form Body', {
        errors: { _errors: errors.map((message) => ({ code: 'CONTRACT_VIOLATION', message })) },
      }),
    };
  }

  /** Answers `body` with `status`, after checking the answer against the spec. */
  function answer(req: RecordedRequest, status: number, body?: unknown): FakeResponse {
    const errors = contract.validateResponse({
      method: req.method,
      path: req.path,
      status,
      ...(body === undefined ? {} : { contentType: 'application/json', body }),
    });
    if (errors.length)
      fake.contractErrors.push({ kind: 'response', method: req.method, path: req.path, errors });
    return body === undefined ? { status } : { status, body };
  }

  const botAuthMissing = (call: DiscordCall): FakeResponse | undefined =>
    call.authorization?.startsWith('Bot ') ? undefined : discordError(401, 0, '401: Unauthorized');

  function makeMessage(
    channelId: string,
    // biome-ignore lint/suspicious/noExplicitAny: request payloads are untyped JSON
    payload: any,
    files: MultipartFile[],
    extra: Partial<FakeMessage> = {},
  ): FakeMessage {
    return {
      id: SnowflakeUtil.generate().toString(),
      type: 0,
      channel_id: channelId,
      content: payload?.content ?? '',
      embeds: (payload?.embeds ?? []).map((e: object) => ({ type: 'rich', ...e })),
      components: numberComponents(payload?.components ?? []),
      attachments: attachmentsFor(payload, files),
      author: {
        id: fake.botUserId,
        username: 'ImageGen',
        discriminator: '0000',
        avatar: null,
        global_name: null,
        public_flags: 0,
        flags: 0,
        bot: true,
        primary_guild: null,
      },
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: payload?.flags ?? 0,
      ...extra,
    };
  }

  // biome-ignore lint/suspicious/noExplicitAny: request payloads are untyped JSON
  function attachmentsFor(payload: any, files: MultipartFile[]): FakeMessage['attachments'] {
    return files.map((f, i) => {
      const url = fake.addAttachment(f.filename, f.bytes, f.type);
      const meta = (payload?.attachments ?? []).find((a: { id: string }) => String(a.id) === String(i));
      return {
        id: SnowflakeUtil.generate().toString(),
        filename: meta?.filename ?? f.filename,
        size: f.bytes.length,
        url,
        proxy_url: url,
        ...(f.type ? { content_type: f.type } : {}),
        ...(meta?.description ? { description: meta.description } : {}),
      };
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: request payloads are untyped JSON
  function applyEdit(message: FakeMessage, payload: any, files: MultipartFile[]): FakeMessage {
    const next: FakeMessage = { ...message, edited_timestamp: new Date().toISOString() };
    if (payload && 'content' in payload) next.content = payload.content ?? '';
    if (payload && 'embeds' in payload)
      next.embeds = (payload.embeds ?? []).map((e: object) => ({ type: 'rich', ...e }));
    if (payload && 'components' in payload) next.components = numberComponents(payload.components ?? []);
    if (payload && 'attachments' in payload) {
      // v10: the list names every attachment that stays (by id) and the new uploads (by index).
      const kept = message.attachments.filter((a) =>
        (payload.attachments ?? []).some((p: { id: string }) => String(p.id) === a.id),
      );
      next.attachments = [...kept, ...attachmentsFor(payload, files)];
    } else if (files.length) {
      next.attachments = [...message.attachments, ...attachmentsFor(payload, files)];
    }
    return next;
  }

  // ---- routes ---------------------------------------------------------------------------------------

  http.route('POST', `${API}/interactions/:interactionId/:token/callback`, async (req, params) => {
    const { call, refusal } = await accept('interactionCallback', req, params);
    if (refusal) return refusal;
    const token = params.token ?? '';
    if (expired.has(token)) return discordError(404, 10062, 'Unknown interaction');
    if (acknowledged.has(token))
      return discordError(400, 40060, 'Interaction has already been acknowledged.');
    acknowledged.add(token);
    const type = call.payload?.type as number;
    // 4 = message, 5 = deferred message: both create the @original reply (6/7 reuse the clicked message).
    if (type === 4 || type === 5) {
      const flags = call.payload?.data?.flags ?? 0;
      const message = makeMessage('0', type === 4 ? call.payload.data : {}, call.files, { flags });
      fake.webhookMessages.set(`${token}/@original`, message);
    }
    if (req.query.get('with_response') === 'true') {
      return answer(req, 200, {
        interaction: {
          id: params.interactionId,
          type: 2,
          response_message_loading: type === 5,
          response_message_ephemeral: Boolean((call.payload?.data?.flags ?? 0) & 64),
        },
      });
    }
    return answer(req, 204);
  });

  http.route('PATCH', `${API}/webhooks/:appId/:token/messages/:messageId`, async (req, params) => {
    const { call, refusal } = await accept('webhookEdit', req, params);
    if (refusal) return refusal;
    if (expired.has(params.token ?? '')) return discordError(401, 50027, 'Invalid Webhook Token');
    const key = `${params.token}/${params.messageId}`;
    // An edit of @original the fake has not seen created (a deferred update of a clicked
    // message, or a delivery test without a callback) starts from an empty message.
    const current = fake.webhookMessages.get(key) ?? makeMessage('0', {}, []);
    if (current.deleted) return discordError(404, 10008, 'Unknown Message');
    const next = applyEdit(current, call.payload, call.files);
    fake.webhookMessages.set(key, next);
    return answer(req, 200, publicMessage(next));
  });

  http.route('DELETE', `${API}/webhooks/:appId/:token/messages/:messageId`, async (req, params) => {
    const { refusal } = await accept('webhookDelete', req, params);
    if (refusal) return refusal;
    if (expired.has(params.token ?? '')) return discordError(401, 50027, 'Invalid Webhook Token');
    const key = `${params.token}/${params.messageId}`;
    const current = fake.webhookMessages.get(key);
    if (current?.deleted) return discordError(404, 10008, 'Unknown Message');
    fake.webhookMessages.set(key, { ...(current ?? makeMessage('0', {}, [])), deleted: true });
    return answer(req, 204);
  });

  http.route('POST', `${API}/webhooks/:appId/:token`, async (req, params) => {
    const { call, refusal } = await accept('followUp', req, params);
    if (refusal) return refusal;
    if (expired.has(params.token ?? '')) return discordError(401, 50027, 'Invalid Webhook Token');
    const message = makeMessage('0', call.payload, call.files, { webhook_id: params.appId });
    fake.followUps.push(message);
    fake.webhookMessages.set(`${params.token}/${message.id}`, message);
    return answer(req, 200, publicMessage(message));
  });

  http.route('POST', `${API}/channels/:channelId/messages`, async (req, params) => {
    const { call, refusal } = await accept('channelMessage', req, params);
    if (refusal) return refusal;
    const unauthorised = botAuthMissing(call);
    if (unauthorised) return unauthorised;
    const channelId = params.channelId ?? '';
    const deniedCode = denied.get(channelId);
    if (deniedCode)
      return discordError(403, deniedCode, deniedCode === 50013 ? 'Missing Permissions' : 'Missing Access');
    const dmUser = [...fake.dmChannels].find(([, id]) => id === channelId)?.[0];
    if (dmUser && dmBlocked.has(dmUser)) return discordError(403, 50007, 'Cannot send messages to this user');
    const nonce = call.payload?.nonce as string | number | undefined;
    const nonceKey = nonce !== undefined && call.payload?.enforce_nonce ? `${channelId}/${nonce}` : undefined;
    const seen = nonceKey ? nonces.get(nonceKey) : undefined;
    if (seen && Date.now() - seen.at < nonceWindowMs) return answer(req, 200, publicMessage(seen.message));
    const message = makeMessage(channelId, call.payload, call.files, nonce !== undefined ? { nonce } : {});
    fake.channelMessages.push(message);
    if (nonceKey) nonces.set(nonceKey, { message, at: Date.now() });
    return answer(req, 200, publicMessage(message));
  });

  http.route('POST', `${API}/users/@me/channels`, async (req, params) => {
    const { call, refusal } = await accept('dmChannel', req, params);
    if (refusal) return refusal;
    const unauthorised = botAuthMissing(call);
    if (unauthorised) return unauthorised;
    const userId = String(call.payload?.recipient_id ?? '');
    let channelId = fake.dmChannels.get(userId);
    if (!channelId) {
      channelId = SnowflakeUtil.generate().toString();
      fake.dmChannels.set(userId, channelId);
    }
    return answer(req, 200, {
      id: channelId,
      type: 1,
      flags: 0,
      last_message_id: null,
      recipients: [
        {
          id: userId,
          username: `user${userId.slice(-4)}`,
          discriminator: '0',
          avatar: null,
          global_name: null,
          public_flags: 0,
          flags: 0,
          primary_guild: null,
        },
      ],
    });
  });

  const registerCommands = async (req: RecordedRequest, params: Record<string, string>) => {
    const { call, refusal } = await accept('registerCommands', req, params);
    if (refusal) return refusal;
    const unauthorised = botAuthMissing(call);
    if (unauthorised) return unauthorised;
    const body = (call.payload ?? []) as Array<Record<string, unknown>>;
    fake.registeredCommands.set(params.guildId ?? 'global', body);
    return answer(
      req,
      200,
      body.map((c) => ({
        id: SnowflakeUtil.generate().toString(),
        application_id: params.appId,
        version: SnowflakeUtil.generate().toString(),
        default_member_permissions: null,
        type: 1,
        description: '',
        ...(params.guildId ? { guild_id: params.guildId } : {}),
        ...c,
      })),
    );
  };
  http.route('PUT', `${API}/applications/:appId/commands`, registerCommands);
  http.route('PUT', `${API}/applications/:appId/guilds/:guildId/commands`, registerCommands);

  http.route('GET', '/cdn/attachments/*', (_req, params) => {
    const file = cdn.get(params.rest ?? '');
    if (!file) return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
    return { status: 200, body: file.bytes, headers: { 'content-type': file.contentType } };
  });

  fake.url = await http.start();
  fake.apiUrl = `${fake.url}/api`;
  return fake;
}

/**
 * Components as Discord stores and returns them: every component gets a numeric id (depth-first,
 * from 1), and the fields Discord fills in (select bounds, container accent and spoiler, unfurled
 * media) are present, so the fake's answers match the spec's response schemas.
 */
// biome-ignore lint/suspicious/noExplicitAny: components are whatever the bot sent
function numberComponents(components: any[]): any[] {
  let next = 1;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const walk = (c: any): any => {
    const id = c.id ?? next++;
    const children = Array.isArray(c.components) ? { components: c.components.map(walk) } : {};
    switch (c.type) {
      case 3: // string select
        return { min_values: 1, max_values: 1, ...c, id };
      case 12: // media gallery
        return {
          ...c,
          id,
          // biome-ignore lint/suspicious/noExplicitAny: see above
          items: (c.items ?? []).map((item: any) => ({
            description: null,
            spoiler: false,
            ...item,
            media: {
              id: SnowflakeUtil.generate().toString(),
              url: item.media?.url,
              proxy_url: item.media?.url,
            },
          })),
        };
      case 17: // container
        return { accent_color: null, spoiler: false, ...c, id, ...children };
      default:
        return { ...c, id, ...children };
    }
  };
  return components.map(walk);
}

function discordError(status: number, code: number, message: string, extra: object = {}): FakeResponse {
  return { status, body: { code, message, ...extra } };
}

/** The message as the API returns it (without the fake's bookkeeping). */
function publicMessage(message: FakeMessage): FakeMessage {
  const { deleted: _deleted, ...rest } = message;
  return rest as FakeMessage;
}

/** A fresh, unique interaction token (Discord's are long opaque strings). */
export function fakeInteractionToken(): string {
  return `aW50ZXJhY3Rpb246${randomUUID().replaceAll('-', '')}`;
}
