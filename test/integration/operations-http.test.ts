/**
 * The operator's HTTP surface: Prometheus `/metrics` (figures recorded by the real adapter,
 * dispatcher and worker), `/readyz`, the bull-board dashboard behind ADMIN_TOKEN, and the
 * metrics-only listener of processes without the web role.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
      if (!m) throw new Error(`unreadable metrics line: ${line}`);
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

const sample = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const TOKEN = 'admin-token-0123456789';

describe('GIVEN the web role', () => {
  it('THEN /metrics exposes commands, generations, queue, provider, delivery and process figures', async () => {
    t = await startTestBot({ roles: 'web,discord,worker' });
    const base = `http://127.0.0.1:${t.app.port}`;
    const bytes = await makeJpeg({ width: 300, height: 200 });
    const url = t.discord.addAttachment('p.jpg', bytes, 'image/jpeg');
    await t.interact(
      chatInputInteraction({
        command: 'imagine',
        options: { style: 'noir' },
        attachments: { image: { url, filename: 'p.jpg', contentType: 'image/jpeg', size: bytes.length } },
      }),
    );
    await t.waitForGeneration((g) => g.deliveredAt !== null);
    // A refusal is counted apart from a success.
    await t.interact(chatInputInteraction({ command: 'imagine', options: { style: 'noir' } }));

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const samples = parseMetrics(await res.text());

    expect(
      sample(samples, 'imagegen_commands_total', { command: 'imagine', platform: 'discord', outcome: 'ok' })
        ?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(samples, 'imagegen_commands_total', {
        command: 'imagine',
        platform: 'discord',
        outcome: 'refused',
      })?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(samples, 'imagegen_generations_total', { outcome: 'succeeded' })?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'imagegen_queue_wait_seconds_count')?.value).toBeGreaterThanOrEqual(1);
    expect(
      sample(samples, 'imagegen_provider_duration_seconds_count', { provider: 'openai', outcome: 'ok' })
        ?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(samples, 'imagegen_deliveries_total', {
        platform: 'discord',
        via: 'interaction',
        fallback: 'false',
      })?.value,
    ).toBeGreaterThanOrEqual(1);
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
      expect(sample(samples, 'imagegen_queue_jobs', { state }), state).toBeDefined();
    }
    expect(sample(samples, 'imagegen_queue_jobs', { state: 'completed' })?.value).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'process_resident_memory_bytes')?.value).toBeGreaterThan(0);
    expect(sample(samples, 'nodejs_eventloop_lag_seconds')).toBeDefined();
    // No user, channel or generation id ever becomes a label value.
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    expect(labelValues.some((v) => v.includes(gen.id) || /\d{17,}/.test(v))).toBe(false);
  });

  it('THEN /readyz reports each dependency', async () => {
    t = await startTestBot({ roles: 'web' });
    const res = await fetch(`http://127.0.0.1:${t.app.port}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { dependencies: Array<{ name: string; ok: boolean }> };
    expect(body.dependencies.map((d) => [d.name, d.ok])).toEqual(
      expect.arrayContaining([
        ['postgres', true],
        ['redis', true],
      ]),
    );
  });

  it('THEN with METRICS_TOKEN set, /metrics needs the Bearer token', async () => {
    t = await startTestBot({ roles: 'web', env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
    const base = `http://127.0.0.1:${t.app.port}`;
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect(
      (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } }))
        .status,
    ).toBe(401);
    const ok = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('imagegen_commands_total');
  });
});

describe('GIVEN incoming webhooks', () => {
  it('THEN each is counted by source and outcome once answered', async () => {
    t = await startTestBot({ roles: 'web', billing: true });
    const base = `http://127.0.0.1:${t.app.port}`;
    const forged = await fetch(`${base}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=forged' },
      body: '{"id":"evt_forged"}',
    });
    expect(forged.status).toBe(400);
    const samples = parseMetrics(await (await fetch(`${base}/metrics`)).text());
    expect(sample(samples, 'imagegen_webhooks_total', { source: 'stripe', outcome: 'rejected' })?.value).toBe(
      1,
    );
  });
});

describe('GIVEN the queue dashboard', () => {
  it('WHEN ADMIN_TOKEN is unset THEN /admin/queues does not exist', async () => {
    t = await startTestBot({ roles: 'web' });
    const base = `http://127.0.0.1:${t.app.port}`;
    expect((await fetch(`${base}/admin/queues`)).status).toBe(404);
    expect(
      (await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(404);
  });

  it('WHEN ADMIN_TOKEN is set THEN it asks for it, refuses a wrong one, and shows the generation queue with it', async () => {
    t = await startTestBot({ roles: 'web', env: { ADMIN_TOKEN: TOKEN } });
    const base = `http://127.0.0.1:${t.app.port}`;
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

    const anonymous = await fetch(`${base}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(
      (await fetch(`${base}/admin/queues`, { headers: { authorization: basic('admin', 'wrong') } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);

    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: basic('anyone', TOKEN) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ImageGen queues');

    await t.app.services.queue.queue.add('generate', {
      generationId: '00000000-0000-4000-8000-000000000001',
    });
    const api = await fetch(`${base}/admin/queues/api/queues?activeQueue=generations`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
    const queue = body.queues.find((q) => q.name === 'generations');
    expect(queue?.counts.waiting).toBe(1);
  });
});

describe('GIVEN a worker process without the web role', () => {
  it('WHEN METRICS_PORT is set THEN it serves its own /metrics and /healthz there, and nothing else', async () => {
    t = await startTestBot({ roles: 'worker', env: { METRICS_PORT: '0' } });
    expect(t.app.http).toBeUndefined();
    const port = t.app.metricsPort;
    expect(port).toBeGreaterThan(0);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_resident_memory_bytes');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/playground`)).status).toBe(404);
  });
});
