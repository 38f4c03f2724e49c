/**
 * Runs the bot as separate OS processes, as production does with ROLES: `node --import tsx
 * src/main.ts` (the process IS the app, so a signal reaches it directly — `npx` would put a
 * wrapper in between). Logs are pino JSON lines, kept for assertions.
 *
 *   const worker = spawnApp('worker-a', { ROLES: 'worker', DATABASE_URL, ... });
 *   await worker.waitForLog((l) => l.msg === 'worker role started');
 *   worker.kill('SIGKILL');
 *   await worker.exited;
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface AppProcess {
  name: string;
  child: ChildProcess;
  logs: LogLine[];
  /** Non-JSON output (stack traces, config errors). */
  rawOutput: string[];
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
  waitForLog(pred: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<number | string>;
}

/** Variables of the parent that would leak into the child's config. */
const CONFIG_LIKE =
  /^(ROLES|PORT|PUBLIC_URL|DATABASE_URL|REDIS_URL|QUEUE_PREFIX|DISCORD_|OPENAI_|IMAGEKIT_|STRIPE_|CLERK_|SLACK_|SENTRY_|SHARD_|PLAYGROUND|ADMIN_TOKEN|METRICS_)/;

export function spawnApp(name: string, env: Record<string, string>): AppProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_LIKE.test(k)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const rawOutput: string[] = [];
  const waiters = new Set<() => void>();
  const onData = (stream: NodeJS.ReadableStream) => {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl = buffer.indexOf('\n');
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          logs.push(JSON.parse(line) as LogLine);
        } catch {
          if (line.trim()) rawOutput.push(line);
        }
        nl = buffer.indexOf('\n');
      }
      for (const w of waiters) w();
    });
  };
  onData(child.stdout!);
  onData(child.stderr!);
  const exited = new Promise<number | string>((resolveExit) => {
    child.on('exit', (code, signal) => {
      resolveExit(code ?? signal ?? 'unknown');
      for (const w of waiters) w();
    });
  });

  return {
    name,
    child,
    logs,
    rawOutput,
    exited,
    waitForLog(pred, timeoutMs = 60_000) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const hit = logs.find(pred);
          if (hit) {
            finish();
            resolveLine(hit);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish();
            reject(
              new Error(
                `${name} exited (${child.exitCode ?? child.signalCode}) before the expected log line.\n${describe()}`,
              ),
            );
          }
        };
        const finish = () => {
          waiters.delete(check);
          clearTimeout(timer);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${name}: timed out waiting for a log line.\n${describe()}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    kill(signal = 'SIGTERM') {
      child.kill(signal);
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };

  function describe(): string {
    const tail = logs
      .slice(-15)
      .map((l) => `  ${l.msg}${l.err ? ` ${JSON.stringify(l.err).slice(0, 300)}` : ''}`);
    return [...tail, ...rawOutput.slice(-15).map((l) => `  ${l}`)].join('\n');
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
