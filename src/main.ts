/**
 * Entry point: `npm start`. Parses the config (naming every bad variable), applies migrations,
 * starts the roles in ROLES (default: all) and shuts down gracefully on SIGTERM/SIGINT.
 */
import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`${e.message}\nSee .env.example for every variable and its meaning.`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL);
  log.info({ roles: config.ROLES, env: config.NODE_ENV }, 'starting imagegen bot');
  const app = await startApp(config, log);

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down: no new work, finishing in-flight jobs');
    const hardStop = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5000);
    hardStop.unref();
    app
      .stop()
      .then(() => {
        log.info('stopped cleanly');
        process.exit(0);
      })
      .catch((err) => {
        log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}

main().catch((err) => {
  console.error('imagegen failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
