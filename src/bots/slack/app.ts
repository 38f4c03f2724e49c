/**
 * Wires Slack into the process. `createSlackRuntime` builds what every role needs (the bot-token
 * lookup and the delivery: a worker posts results without any HTTP server); `createSlackApp` adds
 * the Bolt app (HTTP mode) whose receiver is mounted on the web role's own server and port:
 *
 *   POST /slack/events          slash commands, interactivity, events (one request URL)
 *   GET  /slack/install         "Add to Slack" (OAuth mode)
 *   GET  /slack/oauth_redirect  OAuth v2 callback: stores the installation, token sealed
 *
 * Every POST is verified before Bolt sees it: the `v0=` HMAC of `v0:{timestamp}:{raw body}` must
 * match, the timestamp must be within 5 minutes, and the same signed request is accepted once
 * (a replay within the window gets 401 like a forgery). Bolt then verifies again, as it always does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, type InstallationStore, isValidSlackRequest } from '@slack/bolt';
import type { Dispatcher } from '../../commands/dispatch.ts';
import { messageActions as defaultMessageActions } from '../../commands/index.ts';
import type { MessageAction } from '../../commands/types.ts';
import type { Config } from '../../config.ts';
import type { ErrorReporter } from '../../observability.ts';
import type { Services } from '../../services/index.ts';
import { createSlackInstallationRepository } from '../../services/slack-installations.ts';
import { attachSlackAdapter, type SlackAdapter } from './adapter.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { createSlackClients, SLACK_RETRY_CONFIG } from './clients.ts';
import { createSlackDelivery, type SlackDelivery } from './delivery.ts';
import {
  type BotTokens,
  createInstallationStore,
  installedTokens,
  singleWorkspaceTokens,
} from './installation-store.ts';
import { createResponseUrls } from './response-urls.ts';
import {
  responseUrlOrigins,
  SLACK_BOT_SCOPES,
  SLACK_EVENTS_PATH,
  SLACK_INSTALL_PATH,
  SLACK_REDIRECT_PATH,
  type SlackMode,
  slackModeOf,
} from './settings.ts';

export interface SlackRuntime {
  mode: Exclude<SlackMode, 'off'>;
  tokens: BotTokens;
  /** OAuth mode: where installations live (sealed in Postgres). */
  installationStore?: InstallationStore;
  delivery: SlackDelivery;
}

/** Undefined when Slack is off (no signing secret, or neither a bot token nor OAuth keys). */
export function createSlackRuntime(config: Config, services: Services): SlackRuntime | undefined {
  const mode = slackModeOf(config);
  if (mode === 'off') return undefined;
  const log = services.log.child({ platform: 'slack' });
  const installationStore =
    mode === 'oauth'
      ? createInstallationStore(createSlackInstallationRepository(services.db, services.box))
      : undefined;
  const tokens = installationStore
    ? installedTokens(installationStore)
    : singleWorkspaceTokens(config.SLACK_BOT_TOKEN!);
  const delivery = createSlackDelivery({
    clients: createSlackClients({ apiUrl: config.SLACK_API_URL, logger: createBoltLogger(log) }),
    tokens,
    responseUrls: createResponseUrls({
      redis: services.redis,
      prefix: config.QUEUE_PREFIX,
      clock: services.clock,
      allowedOrigins: responseUrlOrigins(config),
      log,
    }),
    redis: services.redis,
    prefix: config.QUEUE_PREFIX,
    log,
  });
  return { mode, tokens, ...(installationStore ? { installationStore } : {}), delivery };
}

export interface SlackAppOptions {
  runtime: SlackRuntime;
  services: Services;
  dispatcher: Dispatcher;
  report: ErrorReporter;
  messageActions?: readonly MessageAction[];
}

export interface SlackApp {
  /** Express/connect middleware for `/slack/*`; anything else goes to `next`. */
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** Checks the single-workspace token with auth.test (fails fast on a bad SLACK_BOT_TOKEN). */
  init(): Promise<void>;
  adapter: SlackAdapter;
  bolt: App;
  runtime: SlackRuntime;
}

const BODY_LIMIT = 1024 * 1024;
const SIGNATURE_WINDOW_S = 5 * 60;

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { runtime, services } = opts;
  const config = services.config;
  const log = services.log.child({ platform: 'slack' });
  const logger = createBoltLogger(log);
  const signingSecret = config.SLACK_SIGNING_SECRET!;
  const base = config.PUBLIC_URL.replace(/\/+$/, '');

  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    logger,
    ...(runtime.mode === 'oauth'
      ? {
          clientId: config.SLACK_CLIENT_ID!,
          clientSecret: config.SLACK_CLIENT_SECRET!,
          stateSecret: config.SLACK_STATE_SECRET!,
          scopes: [...SLACK_BOT_SCOPES],
          installationStore: runtime.installationStore!,
          redirectUri: `${base}${SLACK_REDIRECT_PATH}`,
          installerOptions: {
            installPath: SLACK_INSTALL_PATH,
            redirectUriPath: SLACK_REDIRECT_PATH,
            directInstall: true,
            clientOptions: { slackApiUrl: config.SLACK_API_URL, retryConfig: SLACK_RETRY_CONFIG },
          },
        }
      : {}),
  });

  const bolt = new App({
    receiver,
    logger,
    ...(runtime.mode === 'single' ? { token: config.SLACK_BOT_TOKEN!, deferInitialization: true } : {}),
    clientOptions: { slackApiUrl: config.SLACK_API_URL, retryConfig: SLACK_RETRY_CONFIG, timeout: 15_000 },
    extendedErrorHandler: true,
    convoStore: false,
  });

  const adapter = attachSlackAdapter(bolt, {
    dispatcher: opts.dispatcher,
    delivery: runtime.delivery,
    messageActions: opts.messageActions ?? defaultMessageActions,
    log,
    report: opts.report,
    clock: services.clock,
    redis: services.redis,
    prefix: config.QUEUE_PREFIX,
    forgetWorkspace: async (keys) => {
      if (runtime.installationStore) {
        await runtime.installationStore.deleteInstallation?.({
          teamId: keys.teamId,
          enterpriseId: keys.enterpriseId,
          isEnterpriseInstall: keys.isEnterpriseInstall === true,
        });
      } else {
        log.warn('the Slack app was removed from the workspace; SLACK_BOT_TOKEN no longer works');
      }
    },
    ...(runtime.mode === 'oauth' ? { installUrl: `${base}${SLACK_INSTALL_PATH}` } : {}),
    attachmentLimits: { maxBytes: config.MAX_UPLOAD_BYTES, maxPixels: config.MAX_INPUT_PIXELS },
  });

  function forward(req: IncomingMessage, res: ServerResponse, next: () => void) {
    try {
      receiver.requestListener(req, res);
    } catch {
      // HTTPReceiverDeferredRequestError: not a path Bolt serves (e.g. /slack/install without OAuth).
      next();
    }
  }

  async function verified(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
    const refuse = (status: number) => {
      res.writeHead(status).end();
      return undefined;
    };
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > BODY_LIMIT) return refuse(413);
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    // Slack's reachability probe carries no signature; Bolt strips anything smuggled beside it.
    if (/^ssl_check=1(&|$)/.test(text)) return raw;
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return refuse(401);
    // Bolt refuses only old timestamps; one from the future is as suspicious.
    if (Math.abs(Date.now() / 1000 - timestamp) > SIGNATURE_WINDOW_S) return refuse(401);
    if (
      !isValidSlackRequest({
        signingSecret,
        body: text,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      })
    ) {
      return refuse(401);
    }
    // A captured request replayed inside the window is refused like a forgery. Redis trouble
    // must not take Slack down: the signature check above still holds.
    const fresh = await services.redis
      .set(`${config.QUEUE_PREFIX}:slack:signature:${signature}`, '1', 'EX', SIGNATURE_WINDOW_S * 2, 'NX')
      .catch(() => 'OK');
    if (fresh !== 'OK') return refuse(401);
    return raw;
  }

  return {
    bolt,
    adapter,
    runtime,
    async init() {
      if (runtime.mode === 'single') await bolt.init();
    },
    handle(req, res, next) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (!path.startsWith('/slack/')) return next();
      if (path !== SLACK_EVENTS_PATH || req.method !== 'POST') return forward(req, res, next);
      verified(req, res)
        .then((raw) => {
          if (!raw) return;
          // Bolt reuses a body that was already read (BufferedIncomingMessage).
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
          forward(req, res, next);
        })
        .catch((err) => {
          log.warn({ err: { message: (err as Error).message } }, 'could not read a slack request');
          if (!res.headersSent) res.writeHead(400).end();
        });
    },
  };
}
