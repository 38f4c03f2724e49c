/**
 * A worker process killed with SIGKILL in the middle of a job (while the model call is running):
 * the job is not lost — once its lock expires (JOB_LOCK_MS, short here), another worker picks it
 * up and it completes, and the user gets exactly one result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGenerationWorker } from '../../src/services/generation-worker.ts';
import { createRedis } from '../../src/services/queue.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction, TEST_APP_ID } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';
import { type AppProcess, spawnApp } from '../support/processes.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';

const LOCK_MS = 2000;

describe('GIVEN a job running in a worker process', () => {
  let t: TestBot;
  let worker: AppProcess;

  beforeAll(async () => {
    // Intake in this process (no worker role); the worker runs in a child process.
    t = await startTestBot({ roles: 'discord' });
    worker = spawnApp('worker', {
      ROLES: 'worker',
      DATABASE_URL: t.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: TEST_APP_ID,
      DISCORD_API_URL: `${t.discord.url}/api`,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${t.openai.url}/v1`,
      OPENAI_TIMEOUT_MS: '120000',
      IMAGEKIT_PRIVATE_KEY: t.imagekit.privateKey,
      IMAGEKIT_URL_ENDPOINT: t.imagekit.urlEndpoint,
      IMAGEKIT_BASE_URL: t.imagekit.url,
      JOB_LOCK_MS: String(LOCK_MS),
      WORKER_CONCURRENCY: '1',
    });
    await worker.waitForLog((l) => l.msg === 'worker role started');
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await t?.stop();
  });

  it('WHEN the worker is killed with SIGKILL mid-job THEN the job completes once, after its lock expires, elsewhere', async () => {
    // The first model call hangs, so the worker is surely inside the job when it dies.
    t.openai.http.failNext(
      'POST',
      '/v1/images/edits',
      {
        status: 200,
        delayMs: 60_000,
        body: { created: 1, data: [{ b64_json: t.openai.resultImage.toString('base64') }] },
      },
      1,
    );
    const bytes = await makeJpeg({ width: 200, height: 200 });
    const url = t.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
    const raw = chatInputInteraction({
      command: 'imagine',
      options: { style: 'noir' },
      attachments: { image: { url, filename: 'p.jpg', contentType: 'image/jpeg', size: bytes.length } },
    });
    await t.interact(raw);
    await expect
      .poll(() => t.openai.http.received('POST', '/v1/images/edits').length, { timeout: 20_000 })
      .toBe(1);
    const running = await t.waitForGeneration((g) => g.status === 'processing');

    worker.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');

    // A replacement worker (here in this process) finds the stalled job once the lock has expired.
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const replacement = createGenerationWorker(t.app.services, {
      connection,
      concurrency: 1,
      lockDurationMs: LOCK_MS,
    });
    try {
      const done = await t.waitForGeneration((g) => g.id === running.id && g.deliveredAt !== null, 30_000);
      expect(done.status).toBe('succeeded');
      // Started twice (the killed run and the recovery), the model answered once.
      expect(done.attempts).toBe(2);
      expect(t.openai.http.received('POST', '/v1/images/edits')).toHaveLength(2);
      const results = t.discord
        .callsTo('webhookEdit')
        .filter(
          (c) => c.path.includes(raw.token) && JSON.stringify(c.payload).includes(t.imagekit.urlEndpoint),
        );
      expect(results).toHaveLength(1);
      const job = await t.app.services.queue.queue.getJob(running.id);
      expect(await job?.getState()).toBe('completed');
    } finally {
      await replacement.close();
      connection.disconnect();
    }
  }, 90_000);
});
