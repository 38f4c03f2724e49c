/**
 * The web role's HTTP server (Express). Routes are mounted by feature: health here; local files,
 * and later Slack, webhooks and pages, from their own modules. Express is only the router: Slack's
 * Bolt receiver and the Stripe webhook read raw bodies, so no global body parser is installed.
 */
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import type { Services } from '../services/index.ts';

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DependencyCheck {
  name: string;
  check: () => Promise<unknown>;
}

/** Readiness: each dependency probed with a short timeout; 503 when any is down. */
export async function checkReadiness(checks: DependencyCheck[]) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), 2000);
        return { name, ok: true, ms: Math.round(performance.now() - started) };
      } catch (e) {
        return { name, ok: false, error: (e as Error).message.slice(0, 200) };
      }
    }),
  );
  return { ok: results.every((r) => r.ok), dependencies: results };
}

export function createHttpApp(s: Services, mount: Array<(app: Express) => void> = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const checks: DependencyCheck[] = [
    { name: 'postgres', check: () => s.db.$queryRaw`SELECT 1` },
    { name: 'redis', check: () => s.redis.ping() },
  ];
  app.get('/readyz', async (_req, res) => {
    const result = await checkReadiness(checks);
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'unavailable', ...result });
  });
  for (const m of mount) m(app);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  return app;
}

export async function listen(app: Express, port: number, host?: string): Promise<Server> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
