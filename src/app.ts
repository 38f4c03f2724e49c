/**
 * Starts the roles this process runs (web, discord, worker) on one set of services, and stops them
 * in order. `main.ts` calls it with the environment; tests and the bench call it with a config
 * pointed at local fakes, so they exercise the same wiring as production.
 */
import type { Server } from 'node:http';
import type { Worker } from 'bullmq';
import type { Client } from 'discord.js';
import { REST } from 'discord.js';
import { attachDiscordAdapter, type DiscordAdapter } from './bots/discord/adapter.ts';
import { createRedisAnswerLog } from './bots/discord/answer-log.ts';
import { createDiscordClient, startDiscordGateway } from './bots/discord/client.ts';
import { createDiscordDelivery } from './bots/discord/delivery.ts';
import { discordInteractionsRouter, INTERACTIONS_PATH } from './bots/discord/http-interactions.ts';
import { createRedisPendingStore } from './bots/discord/message-actions.ts';
import { discordShardOptions } from './bots/discord/sharding.ts';
import { createPlaygroundDelivery } from './bots/playground/delivery.ts';
import { createPlaygroundEventHub } from './bots/playground/events.ts';
import { createPlayground, PLAYGROUND_PATH } from './bots/playground/router.ts';
import { createSlackApp, createSlackRuntime, type SlackApp } from './bots/slack/app.ts';
import { createDispatcher, type Dispatcher } from './commands/dispatch.ts';
import { commands as defaultCommands, messageActions } from './commands/index.ts';
import type { Command } from './commands/types.ts';
import { type Config, describeFeatures } from './config.ts';
import { accountPagesRouter } from './http/account-pages.ts';
import { ADMIN_QUEUES_PATH, adminQueuesRouter } from './http/admin-queues.ts';
import { filesRouter } from './http/files.ts';
import { metricsRouter, webhookOutcomes } from './http/metrics.ts';
import { privacyRouter } from './http/privacy.ts';
import { createHttpApp, listen } from './http/server.ts';
import { stripeWebhookRouter } from './http/stripe-webhook.ts';
import type { Logger } from './logger.ts';
import { createErrorReporter, flushSentry, initSentry } from './observability.ts';
import { createGenerationWorker } from './services/generation-worker.ts';
import { closeServices, createServices, type ServiceOverrides, type Services } from './services/index.ts';
import { countCommands, trackQueueDepth } from './services/metrics.ts';
import { applyMigrations } from './services/migrations.ts';
import { ensureConfiguredPolicy } from './services/privacy/policy.ts';
import { type PrivacyWorkers, startPrivacyWorkers } from './services/privacy/worker.ts';
import { createRedis } from './services/queue.ts';
import type { createLocalStorage } from './services/storage/local.ts';

/** @discordjs/rest needs some global cap; Discord sets none on interaction webhooks (per-token buckets apply). */
const INTERACTION_WEBHOOKS_PER_SECOND = 1000;

export interface AppOptions {
  overrides?: ServiceOverrides;
  /** Connect the Discord gateway (false in tests: interactions are fed to the client directly). */
  discordGateway?: boolean;
  /** Apply pending migrations before starting (default true). */
  migrate?: boolean;
  commands?: readonly Command[];
  /** Listen address for the web role (default all interfaces). */
  host?: string;
}

export interface RunningApp {
  services: Services;
  dispatcher: Dispatcher;
  http?: Server;
  /** Bound port of the web role (useful with PORT=0). */
  port?: number;
  /** Bound port of the metrics-only listener (METRICS_PORT, processes without the web role). */
  metricsPort?: number;
  worker?: Worker;
  /** Privacy jobs (exports, erasures, retention sweep) and notification DMs. */
  privacyWorkers?: PrivacyWorkers;
  discord?: Client;
  discordAdapter?: DiscordAdapter;
  /** The Slack app (web role, when Slack is configured). */
  slack?: SlackApp;
  stop(): Promise<void>;
}

export async function startApp(config: Config, log: Logger, opts: AppOptions = {}): Promise<RunningApp> {
  const roles = new Set(config.ROLES);
  for (const note of describeFeatures(config)) log.warn(note);

  if (opts.migrate !== false) {
    const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, log: (m) => log.info(m) });
    if (applied.length) log.info({ applied }, 'database migrations applied');
  }

  const sentry = initSentry(config);
  const report = createErrorReporter(log, sentry);
  const services = createServices(config, log, report, opts.overrides);
  // Counted here, once for every adapter (Prometheus: commands by name and platform).
  const dispatcher = countCommands(createDispatcher(opts.commands ?? defaultCommands, { services }, report));

  const discordAnswers = createRedisAnswerLog(services.redis, config.QUEUE_PREFIX);
  if (config.DISCORD_TOKEN && !services.deliveries.discord) {
    // Delivery is REST only, so a worker process can post results without a gateway connection.
    const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
    services.deliveries.discord = createDiscordDelivery({
      rest,
      // Interaction webhooks are outside Discord's global rate limit: their own client, not capped by it.
      webhookRest: new REST({
        api: config.DISCORD_API_URL,
        globalRequestsPerSecond: INTERACTION_WEBHOOKS_PER_SECOND,
      }),
      log,
      clock: services.clock,
      answers: discordAnswers,
      componentsV2: config.DISCORD_COMPONENTS_V2,
    });
  }

  // Playground results may be finished by any worker process: deliveries go through Redis pub/sub.
  services.deliveries.playground ??= createPlaygroundDelivery({
    redis: services.redis,
    prefix: config.QUEUE_PREFIX,
    publicUrl: config.PUBLIC_URL,
    log,
  });

  // Slack delivery works in every role: a worker posts results with the workspace's bot token.
  const slack = createSlackRuntime(config, services);
  if (slack) services.deliveries.slack ??= slack.delivery;

  const app: RunningApp = { services, dispatcher, stop: async () => undefined };
  const stops: Array<() => Promise<void>> = [];
  // A PRIVACY_POLICY_VERSION not seen before is published now (users accept it on next use).
  await ensureConfiguredPolicy(services).catch((err) =>
    log.warn(
      { err: { message: (err as Error).message } },
      'could not record the configured privacy policy version',
    ),
  );

  if (roles.has('worker')) {
    const connection = createRedis(config.REDIS_URL, 'worker');
    app.worker = createGenerationWorker(services, {
      connection,
      concurrency: config.WORKER_CONCURRENCY,
      lockDurationMs: config.JOB_LOCK_MS,
    });
    stops.push(async () => {
      // Take no new jobs and let in-flight ones finish; past the deadline, force-close: their locks
      // lapse and another worker retries them (a plain close() would wait for them, and a later
      // close(true) only returns that same promise, so pausing comes first).
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), config.SHUTDOWN_TIMEOUT_MS);
      });
      const drained = await Promise.race([app.worker!.pause().then(() => 'drained' as const), deadline]);
      clearTimeout(timer);
      if (drained === 'timeout') log.warn('in-flight jobs did not finish in time; releasing them for retry');
      await app.worker!.close(drained === 'timeout');
      connection.disconnect();
    });
    log.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker role started');

    const privacyConnection = createRedis(config.REDIS_URL, 'worker');
    const privacyWorkers = await startPrivacyWorkers(services, { connection: privacyConnection });
    app.privacyWorkers = privacyWorkers;
    stops.push(async () => {
      // Exports and erasures are idempotent: past the deadline they are released and retried.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), config.SHUTDOWN_TIMEOUT_MS);
      });
      const closed = await Promise.race([privacyWorkers.close().then(() => 'closed' as const), deadline]);
      clearTimeout(timer);
      if (closed === 'timeout') await privacyWorkers.close(true);
      privacyConnection.disconnect();
    });
  }

  // Discord interactions arrive over the gateway (discord role) and/or the HTTP endpoint (web role).
  const discordHttp = roles.has('web') && config.DISCORD_MODE !== 'gateway' && !!config.DISCORD_PUBLIC_KEY;
  if (roles.has('discord') || discordHttp) {
    if (!config.DISCORD_TOKEN) {
      log.warn('discord role is off: DISCORD_TOKEN is not set (slash commands will not be answered)');
    } else {
      app.discord = createDiscordClient({
        apiUrl: config.DISCORD_API_URL,
        token: config.DISCORD_TOKEN,
        sharding: discordShardOptions(config),
      });
      app.discordAdapter = attachDiscordAdapter(app.discord, dispatcher, {
        log,
        report,
        messageActions: messageActions.filter((a) => dispatcher.commands.some((c) => c.name === a.command)),
        allowedImageHosts: services.fetchPolicy.allowedHosts,
        componentsV2: config.DISCORD_COMPONENTS_V2,
        answers: discordAnswers,
        pendingActions: createRedisPendingStore({
          redis: services.redis,
          prefix: config.QUEUE_PREFIX,
          seal: (plain) => services.box.seal(plain),
          open: (sealed) => services.box.open(sealed),
        }),
      });
      const gateway = roles.has('discord') && config.DISCORD_MODE !== 'http';
      if (gateway && opts.discordGateway !== false)
        await startDiscordGateway(app.discord, config.DISCORD_TOKEN, log);
      stops.unshift(async () => {
        // Stop taking interactions, answer the ones in hand, then disconnect.
        app.discordAdapter!.detach();
        await app.discordAdapter!.settled();
        await app.discord!.destroy();
      });
    }
  }

  if (roles.has('web')) {
    const mounts = [];
    if (services.storage.name === 'local') {
      const local = services.storage as ReturnType<typeof createLocalStorage>;
      mounts.push((a: import('express').Express) => a.use(filesRouter(local)));
    }
    // Account linking pages, checkout result pages, and (with billing on) the Stripe webhook.
    mounts.push((a: import('express').Express) => a.use(accountPagesRouter(services)));
    // The privacy policy, export downloads and the exports page of a linked account.
    mounts.push((a: import('express').Express) => a.use(privacyRouter(services)));
    // Webhook outcomes for Prometheus, counted by answer status; mounted before the webhook routes.
    mounts.push((a: import('express').Express) =>
      a.use(
        webhookOutcomes({
          '/webhooks/stripe': 'stripe',
          '/slack/events': 'slack',
          [INTERACTIONS_PATH]: 'discord',
        }),
      ),
    );
    if (config.billingEnabled)
      mounts.push((a: import('express').Express) => a.use(stripeWebhookRouter(services)));
    if (discordHttp && app.discordAdapter) {
      const router = discordInteractionsRouter({
        publicKey: config.DISCORD_PUBLIC_KEY!,
        adapter: app.discordAdapter,
        log,
        clock: services.clock,
      });
      mounts.push((a: import('express').Express) => a.use(router));
    }
    if (slack) {
      // Bolt's receiver shares this server and port: /slack/events, /slack/install, /slack/oauth_redirect.
      const slackApp = createSlackApp({
        runtime: slack,
        services,
        dispatcher,
        report,
        messageActions: messageActions.filter((a) => dispatcher.commands.some((c) => c.name === a.command)),
      });
      await slackApp.init();
      app.slack = slackApp;
      mounts.push((a: import('express').Express) =>
        a.use((req, res, next) => slackApp.handle(req, res, next)),
      );
      // Runs after the server stopped taking requests: answer what is in hand.
      stops.unshift(() => slackApp.adapter.settled());
    }
    // Operations: Prometheus metrics, the queue dashboard (ADMIN_TOKEN) and the playground (PLAYGROUND).
    mounts.push((a: import('express').Express) => a.use(metricsRouter({ token: config.METRICS_TOKEN })));
    if (config.ADMIN_TOKEN) {
      const admin = adminQueuesRouter({
        token: config.ADMIN_TOKEN,
        queues: [services.queue.queue, services.privacy.queue, services.privacy.notify],
      });
      mounts.push((a: import('express').Express) => a.use(admin));
    }
    const hub = config.playgroundEnabled
      ? createPlaygroundEventHub({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, log })
      : undefined;
    const playground = hub
      ? createPlayground({
          dispatcher,
          hub,
          log,
          maxUploadBytes: config.MAX_UPLOAD_BYTES,
          secureCookie: config.PUBLIC_URL.startsWith('https:'),
          publicUrl: config.PUBLIC_URL,
        })
      : undefined;
    if (playground) mounts.push((a: import('express').Express) => a.use(playground.router));
    const untrackQueue = trackQueueDepth(services.queue.queue);
    const server = await listen(createHttpApp(services, mounts), config.PORT, opts.host);
    app.http = server;
    const address = server.address();
    app.port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ port: app.port }, 'web role listening');
    if (playground) log.info(`playground on: ${config.PUBLIC_URL.replace(/\/+$/, '')}${PLAYGROUND_PATH}`);
    if (config.ADMIN_TOKEN) log.info(`queue dashboard on: ${ADMIN_QUEUES_PATH} (ADMIN_TOKEN)`);
    stops.unshift(async () => {
      untrackQueue();
      // Open event streams would keep the server from closing.
      playground?.close();
      await hub?.close();
    });
    stops.unshift(async () => {
      // Stop taking new requests first.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Long-lived playground event streams end now; they reconnect to another web process.
      playground?.close();
      await closed;
      server.closeAllConnections();
    });
  }

  if (!roles.has('web') && config.METRICS_PORT !== undefined) {
    // Workers and gateway processes record their own figures: serve them for scraping.
    const metricsOnly = createHttpApp(services, [
      (a: import('express').Express) => a.use(metricsRouter({ token: config.METRICS_TOKEN })),
    ]);
    const server = await listen(metricsOnly, config.METRICS_PORT, opts.host);
    const address = server.address();
    app.metricsPort = typeof address === 'object' && address ? address.port : config.METRICS_PORT;
    log.info({ port: app.metricsPort }, 'metrics listening');
    stops.unshift(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    });
  }

  let stopped = false;
  app.stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const stop of stops) await stop().catch((err) => log.warn({ err }, 'error while stopping'));
    await closeServices(services);
    await flushSentry().catch(() => undefined);
  };
  return app;
}
