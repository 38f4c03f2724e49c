/**
 * At-least-once safety: a worker process killed after the model call and before delivery. The job
 * is retried after its lock expires; the retry reuses the stored result (no second model call)
 * and the user sees exactly one result.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createGenerationWorker } from '../../src/services/generation-worker.ts';
import { createRedis } from '../../src/services/queue.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

function runCrashingWorker(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crashing-worker.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crashing worker did not exit: ${output}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('GIVEN a worker that dies after the model call and before delivery', () => {
  it('THEN the retried job posts the result exactly once and calls the model once', async () => {
    t = await startTestBot({ roles: 'discord', env: { JOB_LOCK_MS: '2000' } });
    const bytes = await makeJpeg({ width: 640, height: 480 });
    const url = t.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
    const raw = chatInputInteraction({
      command: 'imagine',
      options: { style: 'noir' },
      attachments: { image: { url, contentType: 'image/jpeg', size: bytes.length } },
    });
    await t.interact(raw);
    const queued = await t.waitForGeneration((g) => g.status === 'queued');

    const cfg = t.app.services.config;
    const crash = await runCrashingWorker({
      NODE_ENV: 'test',
      DATABASE_URL: cfg.DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: cfg.QUEUE_PREFIX,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: cfg.OPENAI_BASE_URL,
      IMAGEKIT_PRIVATE_KEY: cfg.IMAGEKIT_PRIVATE_KEY!,
      IMAGEKIT_URL_ENDPOINT: cfg.IMAGEKIT_URL_ENDPOINT!,
      IMAGEKIT_BASE_URL: cfg.IMAGEKIT_BASE_URL,
      JOB_LOCK_MS: '2000',
    });
    expect(crash.code).toBe(1);
    expect(crash.output).toContain('crashing before delivery');
    const afterCrash = await t.database.db.generation.findUniqueOrThrow({ where: { id: queued.id } });
    expect(afterCrash.resultKey).not.toBeNull();
    expect(afterCrash.deliveredAt).toBeNull();
    expect(t.openai.edits).toHaveLength(1);

    // A healthy worker picks the stalled job up once its lock has expired.
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const worker = createGenerationWorker(t.app.services, {
      connection,
      concurrency: 1,
      lockDurationMs: 2000,
      stalledIntervalMs: 500,
    });
    try {
      const done = await t.waitForGeneration((g) => g.id === queued.id && g.deliveredAt !== null, 30_000);
      expect(done.status).toBe('succeeded');
    } finally {
      await worker.close();
      connection.disconnect();
    }
    expect(t.openai.edits).toHaveLength(1);
    const resultPosts = t.discord
      .callsTo('webhookEdit')
      .filter((c) => c.path.includes(raw.token) && c.payload.embeds?.[0]?.image);
    expect(resultPosts).toHaveLength(1);
    expect(t.discord.channelMessages).toHaveLength(0);
  });
});
