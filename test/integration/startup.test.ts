/**
 * `npm start` on a machine with only PostgreSQL and Redis: the real entry point in a child
 * process creates and migrates its database, starts every role, says which features are off,
 * serves /healthz and /readyz, and stops cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, testDatabaseUrl, uniqueDatabaseName } from '../support/database.ts';
import { cleanupPrefix, createTestRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const dbName = uniqueDatabaseName('startup');
const prefix = uniquePrefix('startup');
let child: ChildProcess | undefined;
let dataDir = '';

afterAll(async () => {
  child?.kill('SIGKILL');
  await dropDatabase(dbName);
  const redis = createTestRedis();
  await cleanupPrefix(redis, prefix);
  redis.disconnect();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('GIVEN no platform keys at all', () => {
  it('THEN the bot starts every role, says what is off, serves health checks and stops on SIGTERM', async () => {
    const port = await freePort();
    dataDir = await mkdtemp(join(tmpdir(), 'imagegen-start-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      DATABASE_URL: testDatabaseUrl(dbName),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOCAL_STORAGE_DIR: join(dataDir, 'storage'),
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));

    await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toContain('web role listening');
    expect(output).toContain('Discord is off: DISCORD_TOKEN is not set');
    expect(output).toContain('images use the offline local filters');
    expect(output).toContain('database migrations applied');
    expect(output).toContain('worker role started');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { dependencies: Array<{ name: string; ok: boolean }> };
    expect(body.dependencies.map((d) => [d.name, d.ok])).toEqual(
      expect.arrayContaining([
        ['postgres', true],
        ['redis', true],
      ]),
    );

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped cleanly');
    child = undefined;
  }, 60_000);

  it('THEN a malformed variable stops start-up with a message naming it', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port', ROLES: 'web,nonsense' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(78);
    expect(output).toContain('PORT');
    expect(output).toContain('ROLES');
    expect(output).toContain('.env.example');
  }, 30_000);
});
