/**
 * Prometheus metrics, in one registry served at `/metrics` by the web role. Module-level on
 * purpose: any module (worker, webhooks, adapters) records with one import and no wiring, and
 * `prom-client` refuses the same metric name twice in a registry. Labels are bounded sets (command
 * names, platforms, outcome codes) — never a user, channel or generation id.
 *
 * Each process exposes its own figures (a worker process its generations, the web role its
 * commands); Prometheus sums them across processes.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
// CPU, resident memory, event-loop lag, heap and GC figures of this process.
collectDefaultMetrics({ register: registry });

export const commandsTotal = new Counter({
  name: 'imagegen_commands_total',
  help: 'Commands and button actions answered, by command, platform and outcome (ok, refused, error).',
  labelNames: ['command', 'platform', 'outcome'] as const,
  registers: [registry],
});

export const generationsTotal = new Counter({
  name: 'imagegen_generations_total',
  help: 'Generation attempts finished by the worker, by outcome (succeeded, failed, retried, postponed) and reason code.',
  labelNames: ['outcome', 'reason'] as const,
  registers: [registry],
});

export const queueWaitSeconds = new Histogram({
  name: 'imagegen_queue_wait_seconds',
  help: 'Time a generation waited in the queue, from queued to the first attempt starting.',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  registers: [registry],
});

export const providerSeconds = new Histogram({
  name: 'imagegen_provider_duration_seconds',
  help: 'Duration of image provider calls (OpenAI image edit or the local filters), by provider and outcome.',
  labelNames: ['provider', 'outcome'] as const,
  buckets: [0.05, 0.25, 1, 2.5, 5, 10, 20, 40, 60, 120, 180],
  registers: [registry],
});

export const deliveriesTotal = new Counter({
  name: 'imagegen_deliveries_total',
  help: 'Results delivered, by platform and route (`fallback="true"` when the original reply could not be edited).',
  labelNames: ['platform', 'via', 'fallback'] as const,
  registers: [registry],
});

export const webhooksTotal = new Counter({
  name: 'imagegen_webhooks_total',
  help: 'Incoming webhooks (Stripe, Slack, ...), by source and outcome (processed, duplicate, rejected, failed).',
  labelNames: ['source', 'outcome'] as const,
  registers: [registry],
});

const queueJobs = new Gauge({
  name: 'imagegen_queue_jobs',
  help: 'Jobs in the generation queue by state, read from Redis at scrape time.',
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    await collectQueueDepth(this);
  },
});

/** The part of a BullMQ queue the depth gauge reads. */
export interface CountableQueue {
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;
const trackedQueues = new Set<CountableQueue>();

async function collectQueueDepth(gauge: typeof queueJobs): Promise<void> {
  if (trackedQueues.size === 0) return;
  const totals: Record<string, number> = {};
  try {
    for (const q of trackedQueues) {
      const counts = await q.getJobCounts(...QUEUE_STATES);
      for (const s of QUEUE_STATES) totals[s] = (totals[s] ?? 0) + (counts[s] ?? 0);
    }
  } catch {
    // Redis is down: leave the gauge unset rather than report zeros (readyz says why).
    gauge.reset();
    return;
  }
  for (const s of QUEUE_STATES) gauge.set({ state: s }, totals[s] ?? 0);
}

/** Reports `queue`'s depth on every scrape; returns the function that stops it. */
export function trackQueueDepth(queue: CountableQueue): () => void {
  trackedQueues.add(queue);
  return () => {
    trackedQueues.delete(queue);
  };
}

/** Routes of a `DeliveryResult` that are the normal path; anything else is a fallback. */
const PRIMARY_ROUTES = new Set(['interaction', 'response_url', 'playground']);

export function recordDelivery(platform: string, via: string): void {
  deliveriesTotal.inc({ platform, via, fallback: String(!PRIMARY_ROUTES.has(via)) });
}

/** For webhook routes (Stripe, Slack events): one call per request, after it is decided. */
export function recordWebhook(
  source: string,
  outcome: 'processed' | 'duplicate' | 'ignored' | 'rejected' | 'failed',
): void {
  webhooksTotal.inc({ source, outcome });
}

/** The minimal shape of the command dispatcher this module counts (no import of src/commands). */
interface CountableDispatcher<I, R> {
  readonly commands: readonly { name: string }[];
  run(inv: I): Promise<R>;
}

/**
 * Wraps a dispatcher so each run is counted by command, platform and outcome. The dispatcher
 * never throws; its reply's tone tells a refusal (warning) from an error on our side. Names not
 * in the registry count as "unknown", so a client cannot mint label values.
 */
export function countCommands<
  I extends { command: string; actor: { platform: string } },
  R extends { tone?: string },
  D extends CountableDispatcher<I, R>,
>(dispatcher: D): D {
  const known = new Set(dispatcher.commands.map((c) => c.name));
  return {
    ...dispatcher,
    async run(inv: I): Promise<R> {
      const reply = await dispatcher.run(inv);
      const outcome = reply.tone === 'error' ? 'error' : reply.tone === 'warning' ? 'refused' : 'ok';
      const command = known.has(inv.command) ? inv.command : 'unknown';
      commandsTotal.inc({ command, platform: inv.actor.platform, outcome });
      return reply;
    },
  };
}

/** The exposition text and its content type, for the `/metrics` route. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
