/**
 * `npm run bench`: every speed and memory figure the issues ask for, measured against the real
 * PostgreSQL and Redis with instant local fakes for the outside services (loopback only), printed
 * as one table beside its target and written to bench/results.json so runs can be compared.
 * Never part of `npm test`: figures depend on the machine, tests assert behaviour.
 *
 *   npm run bench                    every stage (a few minutes on 2 cores)
 *   npm run bench -- ack overhead    only the named stages
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchConcurrency } from './concurrency.ts';
import { benchDiscordAck } from './discord-ack.ts';
import { startFakesProcess } from './fakes-process.ts';
import { benchMemoryLargeImages, benchMemorySteady, PRODUCTION_MEMORY_SETTINGS } from './memory.ts';
import { benchOverhead } from './overhead.ts';
import { round } from './support.ts';
import { benchThroughput } from './throughput.ts';

/** The whole run stops here, whatever a stage is doing. */
const RUN_DEADLINE_MS = 12 * 60_000;

interface Row {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  /** e.g. "≤ 50"; empty when the figure has no target. */
  target: string;
  ok: boolean | null;
  note?: string;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};
let failed = false;

function row(
  key: string,
  label: string,
  value: number,
  unit: string,
  target?: { max?: number; min?: number },
) {
  const ok = target ? (target.max !== undefined ? value <= target.max : value >= (target.min ?? 0)) : null;
  const targetText = target ? (target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`) : '';
  rows.push({ key, label, value, unit, target: targetText, ok });
}

function missing(key: string, label: string, note: string, target = '') {
  rows.push({ key, label, value: null, unit: '', target, ok: null, note });
}

/** Runs a stage; a failure is reported in its row and fails the run, the other stages still run. */
async function stage(
  name: string,
  selected: Set<string>,
  run: () => Promise<void>,
  onError: (e: Error) => void,
) {
  if (selected.size > 0 && !selected.has(name)) return;
  const started = performance.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    await run();
    process.stderr.write(` ${round((performance.now() - started) / 1000)} s\n`);
  } catch (e) {
    failed = true;
    process.stderr.write(` failed: ${(e as Error).message}\n`);
    onError(e as Error);
  }
}

/** A bench module another part of the project provides; absent → "not available". */
async function optional<T>(file: string, exportName: string): Promise<T | undefined> {
  const path = join(import.meta.dirname, file);
  if (!existsSync(path)) return undefined;
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  return mod[exportName] as T | undefined;
}

function printTable(): void {
  const cells = rows.map((r) => [
    r.label,
    r.value === null ? (r.note ?? 'n/a') : `${round(r.value, r.value < 10 ? 2 : 1)} ${r.unit}`.trim(),
    r.target ? `${r.target} ${r.unit}`.trim() : '',
    r.ok === null ? '' : r.ok ? 'ok' : 'MISSED',
  ]);
  const header = ['figure', 'measured', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const selected = new Set(process.argv.slice(2));
  const deadline = setTimeout(() => {
    console.error(`bench: the run passed its ${RUN_DEADLINE_MS / 60_000}-minute limit; stopping.`);
    printTable();
    process.exit(1);
  }, RUN_DEADLINE_MS);
  deadline.unref();
  const startedAt = new Date();
  const loadBefore = loadavg();
  const fakes = await startFakesProcess();

  try {
    await stage(
      'ack',
      selected,
      async () => {
        const r = await benchDiscordAck(fakes, { n: 200, perSecond: 10 });
        raw.discordAck = r;
        row('discord_ack_p50', `Discord ack latency p50 (${r.perSecond} /imagine per s)`, r.p50, 'ms');
        row('discord_ack_p99', `Discord ack latency p99 (${r.perSecond} /imagine per s)`, r.p99, 'ms', {
          max: 50,
        });
      },
      (e) => missing('discord_ack_p99', 'Discord ack latency p99', `error: ${e.message}`, '≤ 50'),
    );

    await stage(
      'slack',
      selected,
      async () => {
        const bench = await optional<() => Promise<{ p50: number; p99: number; n: number }>>(
          'slack-ack.ts',
          'benchSlackAck',
        );
        if (!bench) {
          missing(
            'slack_ack_p99',
            'Slack ack latency p99',
            'not available (bench/slack-ack.ts missing)',
            '≤ 50',
          );
          return;
        }
        const r = await bench();
        raw.slackAck = r;
        row('slack_ack_p50', 'Slack ack latency p50', r.p50, 'ms');
        row('slack_ack_p99', 'Slack ack latency p99', r.p99, 'ms', { max: 50 });
      },
      (e) => missing('slack_ack_p99', 'Slack ack latency p99', `error: ${e.message}`, '≤ 50'),
    );

    await stage(
      'overhead',
      selected,
      async () => {
        const r = await benchOverhead(fakes, { n: 40 });
        raw.overhead = r;
        row('overhead_p50', 'Overhead per generation p50 (4 MP JPEG)', r.p50, 'ms');
        row('overhead_p95', 'Overhead per generation p95 (4 MP JPEG)', r.p95, 'ms', { max: 100 });
      },
      (e) => missing('overhead_p95', 'Overhead per generation p95', `error: ${e.message}`, '≤ 100'),
    );

    await stage(
      'throughput',
      selected,
      async () => {
        const r = await benchThroughput({ jobs: 1000, concurrency: 16 });
        raw.throughput = r;
        row('throughput_bot', `Generation throughput (${r.concurrency} slots)`, r.botPerSecond, 'jobs/s');
        row('throughput_bare', 'Bare BullMQ add→process, same Redis', r.barePerSecond, 'jobs/s');
        row('throughput_ratio', 'Throughput ratio bot / bare BullMQ', r.ratio, '', { min: 0.5 });
      },
      (e) =>
        missing('throughput_ratio', 'Throughput ratio bot / bare BullMQ', `error: ${e.message}`, '≥ 0.5'),
    );

    await stage(
      'concurrency',
      selected,
      async () => {
        const r = await benchConcurrency({ slots: 64, modelMs: 2000, waves: 3 });
        raw.concurrency = r;
        row(
          'concurrency_efficiency',
          'Concurrency efficiency, 2 s model, 64 slots',
          r.efficiency * 100,
          '%',
          {
            min: 95,
          },
        );
      },
      (e) => missing('concurrency_efficiency', 'Concurrency efficiency', `error: ${e.message}`, '≥ 95'),
    );

    // The fakes process is not needed any more; free its memory before the memory stages.
    await fakes.stop();

    await stage(
      'rss',
      selected,
      async () => {
        const r = await benchMemorySteady({ jobs: 10_000, concurrency: 16 });
        raw.rssSteady = r;
        row('rss_10k_first_tenth', 'RSS over 10 000 jobs: first tenth (mean)', r.firstTenthMb, 'MB');
        row('rss_10k_last_tenth', 'RSS over 10 000 jobs: last tenth (mean)', r.lastTenthMb, 'MB');
        row('rss_10k_peak', 'RSS over 10 000 jobs: peak', r.peakMb, 'MB', { max: 400 });
      },
      (e) => missing('rss_10k_peak', 'RSS over 10 000 jobs', `error: ${e.message}`, '≤ 400'),
    );

    await stage(
      'rss-large',
      selected,
      async () => {
        const r = await benchMemoryLargeImages({ jobs: 64, modelMs: 2000 });
        raw.rssLarge = r;
        row(
          'rss_64x8mb_peak',
          `RSS, 64 jobs of ${round(r.imageMb, 1)} MB photos in flight: peak`,
          r.peakMb,
          'MB',
          {
            max: 400,
          },
        );
      },
      (e) => missing('rss_64x8mb_peak', 'RSS with 64 jobs of 8 MB images', `error: ${e.message}`, '≤ 400'),
    );

    await stage(
      'webhooks',
      selected,
      async () => {
        const bench = await optional<() => Promise<{ eventsPerSecond: number; n: number }>>(
          'webhooks.ts',
          'benchStripeWebhooks',
        );
        if (!bench) {
          missing('stripe_webhooks', 'Stripe webhooks', 'not available (bench/webhooks.ts missing)');
          return;
        }
        const r = await bench();
        raw.stripeWebhooks = r;
        row('stripe_webhooks', 'Stripe webhooks (signed, 10 % redelivered)', r.eventsPerSecond, 'events/s');
      },
      (e) => missing('stripe_webhooks', 'Stripe webhooks', `error: ${e.message}`),
    );
  } finally {
    await fakes.stop();
    clearTimeout(deadline);
  }

  console.log('');
  printTable();
  const finishedAt = new Date();
  const results = {
    startedAt: startedAt.toISOString(),
    durationSeconds: round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryMb: Math.round(totalmem() / 1024 / 1024),
      loadAverageBefore: loadBefore.map((l) => round(l, 2)),
      loadAverageAfter: loadavg().map((l) => round(l, 2)),
    },
    memorySettings: PRODUCTION_MEMORY_SETTINGS,
    figures: rows,
    raw,
  };
  const file = join(import.meta.dirname, 'results.json');
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nwritten to bench/results.json (machine load average ${results.machine.loadAverageBefore.join(' ')} before the run)`,
  );
  if (failed) process.exitCode = 1;
}

await main();
// Open handles of failed stages must not keep the bench alive.
process.exit(process.exitCode ?? 0);
