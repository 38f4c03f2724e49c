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
import { createDiscordClient, startDiscordGateway } from './bots/discord/client.ts';
import { createDiscordDelivery } from './bots/discord/delivery.ts';
import { createDispatcher, type Dispatcher } from './commands/dispatch.ts';
import { commands as defaultCommands } from './commands/index.ts';
import type { Command } from './commands/types.ts';
import { type Config, describeFeatures } from './config.ts';
import { filesRouter } from './http/files.ts';
import { createHttpApp, listen } from './http/server.ts';
import type { Logger } from './logger.ts';
import { createErrorReporter, flushSentry, initSentry } from './observability.ts';
import { createGenerationWorker } from './services/generation-worker.ts';
import { closeServices, createServices, type ServiceOverrides, type Services } from './services/index.ts';
import { applyMigrations } from './services/migrations.ts';
import { createRedis } from './services/queue.ts';
import type { createLocalStorage } from './services/storage/local.ts';

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
  worker?: Worker;
  discord?: Client;
  discordAdapter?: DiscordAdapter;
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
  const dispatcher = createDispatcher(opts.commands ?? defaultCommands, { services }, report);

  if (config.DISCORD_TOKEN && !services.deliveries.discord) {
    // Delivery is REST only, so a worker process can post results without a gateway connection.
    const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
    services.deliveries.discord = createDiscordDelivery({ rest, log, clock: services.clock });
  }

  const app: RunningApp = { services, dispatcher, stop: async () => undefined };
  const stops: Array<() => Promise<void>> = [];

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
  }

  if (roles.has('discord')) {
    if (!config.DISCORD_TOKEN) {
      log.warn('discord role is off: DISCORD_TOKEN is not set (slash commands will not be answered)');
    } else {
      app.discord = createDiscordClient({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN });
      app.discordAdapter = attachDiscordAdapter(app.discord, dispatcher, { log, report });
      if (opts.discordGateway !== false) await startDiscordGateway(app.discord, config.DISCORD_TOKEN, log);
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
    const server = await listen(createHttpApp(services, mounts), config.PORT, opts.host);
    app.http = server;
    const address = server.address();
    app.port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ port: app.port }, 'web role listening');
    stops.unshift(async () => {
      // Stop taking new requests first.
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
