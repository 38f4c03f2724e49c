/**
 * The playground adapter over its HTTP API, as the page uses it: the real web role, the real
 * dispatcher, commands and worker, the offline provider and local storage (no keys at all), and
 * progress and results over server-sent events carried through Redis pub/sub.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { makeGif, makeJpeg } from '../support/images.ts';
import { openPlayground, type PlaygroundClient } from '../support/playground-client.ts';

/** The offline setup a newcomer gets: no OpenAI, no ImageKit, files on local disk. */
const offlineEnv = (dir: string, extra: Record<string, string> = {}) => ({
  PLAYGROUND: 'on',
  OPENAI_API_KEY: '',
  IMAGEKIT_PRIVATE_KEY: '',
  IMAGEKIT_URL_ENDPOINT: '',
  LOCAL_STORAGE_DIR: dir,
  ...extra,
});

describe('GIVEN the playground is on and no keys are configured', () => {
  let t: TestBot;
  let dir: string;
  let base: string;
  const clients: PlaygroundClient[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imagegen-playground-'));
    t = await startTestBot({
      roles: 'web,worker',
      env: offlineEnv(dir, { MAX_UPLOAD_BYTES: String(200 * 1024), USER_MAX_CONCURRENT_JOBS: '5' }),
    });
    base = `http://127.0.0.1:${t.app.port}`;
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const c = await openPlayground(base);
    clients.push(c);
    return c;
  };

  it('THEN serves the page with a session cookie and a strict content security policy', async () => {
    const res = await fetch(`${base}/playground`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('set-cookie')).toMatch(
      /^imagegen_playground=[0-9a-f-]{36}; Path=\/playground; HttpOnly; SameSite=Strict/,
    );
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<script src="/playground/app.js"');
    const script = await fetch(`${base}/playground/app.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('THEN refuses API calls without a session', async () => {
    const res = await fetch(`${base}/playground/api/commands`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toContain('reload the page');
  });

  it('THEN lists the commands of the registry with their options, for the page to build forms', async () => {
    const pg = await open();
    const res = await fetch(`${base}/playground/api/commands`, { headers: { cookie: pg.cookie } });
    const { commands } = (await res.json()) as {
      commands: Array<{ name: string; options: Array<{ name: string; kind: string; choices?: unknown[] }> }>;
    };
    const names = commands.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['imagine', 'jobs']));
    const imagine = commands.find((c) => c.name === 'imagine')!;
    expect(imagine.options.find((o) => o.name === 'image')?.kind).toBe('attachment');
    expect(imagine.options.find((o) => o.name === 'style')?.choices?.length).toBeGreaterThan(3);
  });

  it('THEN /imagine with an upload is queued, then generating, then the result image is delivered and served', async () => {
    const pg = await open();
    const photo = await makeJpeg({ width: 320, height: 240, gps: true });
    const answer = await pg.invoke({
      command: '/imagine',
      options: { style: 'noir', prompt: 'moody' },
      files: { image: { bytes: photo, name: 'photo.jpg', type: 'image/jpeg' } },
    });
    expect(answer.mode).toBe('reply');
    expect(answer.reply.text).toContain('Queued — position');

    const progress = await pg.nextEvent((e) => e.kind === 'update' && e.messageId === answer.messageId);
    expect(progress.reply.text).toContain('Generating');
    const done = await pg.nextEvent((e) => e.kind === 'deliver' && e.messageId === answer.messageId);
    expect(done.reply.tone).toBe('success');
    expect(done.reply.footer).toContain('Trial mode');
    // Local files are linked relative to the page, so they load from the web role that served it.
    const url = done.reply.image!.url;
    expect(url).toMatch(/^\/files\/results\/.+\?exp=\d+&sig=/);
    expect(JSON.stringify(done.reply)).not.toContain('"data"');

    const image = await fetch(`${base}${url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta.width).toBe(320);

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.platform).toBe('playground');
    expect(gen.deliveredVia).toBe('playground');
    expect(gen.provider).toBe('local');
  });

  it('THEN /jobs lists the job and its Re-run button queues a new generation from the stored source', async () => {
    const pg = await open();
    const first = await pg.invoke({
      command: 'imagine',
      options: { style: 'sketch' },
      files: { image: { bytes: await makeJpeg({ width: 200, height: 200 }) } },
    });
    await pg.nextEvent((e) => e.kind === 'deliver' && e.messageId === first.messageId);

    const jobs = await pg.invoke({ command: 'jobs' });
    expect(jobs.mode).toBe('ephemeral');
    expect(jobs.reply.text).toContain('done');
    const rerun = jobs.reply.buttons!.find((b) => b.action === 'rerun')!;
    expect(rerun).toBeDefined();

    const again = await pg.invoke({
      action: { command: rerun.command, action: rerun.action, value: rerun.value },
      messageId: jobs.messageId,
    });
    expect(again.mode).toBe('reply');
    expect(again.messageId).not.toBe(jobs.messageId);
    expect(again.reply.text).toContain('Queued');
    await pg.nextEvent((e) => e.kind === 'deliver' && e.messageId === again.messageId);
    const rerunRow = await t.waitForGeneration((g) => g.rerunOfId === rerun.value && g.deliveredAt !== null);
    expect(rerunRow.status).toBe('succeeded');
  });

  it('THEN a page only receives the events of its own session', async () => {
    const alice = await open();
    const bob = await open();
    const answer = await alice.invoke({
      command: 'imagine',
      options: { style: 'anime' },
      files: { image: { bytes: await makeJpeg({ width: 128, height: 128 }) } },
    });
    await alice.nextEvent((e) => e.kind === 'deliver' && e.messageId === answer.messageId);
    expect(bob.events.some((e) => e.messageId === answer.messageId)).toBe(false);
    // And Bob's /jobs does not show Alice's job.
    const bobsJobs = await bob.invoke({ command: 'jobs' });
    expect(bobsJobs.reply.text).toContain('no jobs yet');
  });

  it('THEN refuses an unsupported file and a file over the size limit with the same messages as other platforms', async () => {
    const pg = await open();
    const gif = await pg.invoke({
      command: 'imagine',
      options: { style: 'noir' },
      files: {
        image: { bytes: await makeGif({ width: 100, height: 100 }), type: 'image/gif', name: 'a.gif' },
      },
    });
    expect(gif.reply.ephemeral).toBe(true);
    expect(gif.reply.text).toContain('PNG, JPEG or WebP');

    const big = await pg.invoke({
      command: 'imagine',
      options: { style: 'noir' },
      files: { image: { bytes: Buffer.alloc(300 * 1024, 1), type: 'image/jpeg' } },
    });
    expect(big.reply.text).toMatch(/the limit is 0\.2 MB/);

    const huge = await pg.invokeRaw({
      command: 'imagine',
      files: { image: { bytes: Buffer.alloc(1024 * 1024, 1), type: 'image/jpeg' } },
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toContain('too large');
  });

  it('THEN answers an unknown command and a malformed request plainly', async () => {
    const pg = await open();
    const unknown = await pg.invoke({ command: 'nope' });
    expect(unknown.reply.text).toContain('not available');
    const bad = await fetch(`${base}/playground/api/invoke`, {
      method: 'POST',
      headers: { cookie: pg.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bad.status).toBe(400);
  });
});

describe('GIVEN the playground setting', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imagegen-playground-off-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('WHEN it is off THEN nothing of the playground is reachable', async () => {
    const t = await startTestBot({ roles: 'web', env: offlineEnv(dir, { PLAYGROUND: 'off' }) });
    try {
      const base = `http://127.0.0.1:${t.app.port}`;
      for (const path of [
        '/playground',
        '/playground/app.js',
        '/playground/api/commands',
        '/playground/api/events',
      ]) {
        expect((await fetch(`${base}${path}`)).status, path).toBe(404);
      }
      expect((await fetch(`${base}/playground/api/invoke`, { method: 'POST' })).status).toBe(404);
    } finally {
      await t.stop();
    }
  });

  it('WHEN it is left on auto outside development THEN it is off', async () => {
    const t = await startTestBot({ roles: 'web', env: offlineEnv(dir, { PLAYGROUND: '' }) });
    try {
      expect(t.app.services.config.NODE_ENV).toBe('test');
      expect((await fetch(`http://127.0.0.1:${t.app.port}/playground`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
