/**
 * Stripe webhook throughput: signed events per second through the real web role
 * (POST /webhooks/stripe → signature check → StripeEvent row → claim → handler → ledger row and
 * balance in Postgres), over HTTP on loopback. The events are paid credit-pack checkouts, which
 * need no Stripe API call, so the figure is our own path; one delivery in ten is a redelivery of
 * an earlier event (answered from the StripeEvent row). The result is checked before it is
 * reported: every distinct event granted its credits exactly once.
 *
 *   npx tsx bench/webhooks.ts            (or through `npm run bench`)
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import Stripe from 'stripe';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { dropDatabase, testDatabaseUrl, uniqueDatabaseName } from '../test/support/postgres.ts';

export interface WebhookBenchOptions {
  /** Deliveries to send (default 2000). */
  n?: number;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** Distinct users the events are spread over (default 50). */
  users?: number;
}

const WEBHOOK_SECRET = 'whsec_bench_only';
const CREDITS_PER_PACK = 10;

export async function benchStripeWebhooks(
  opts: WebhookBenchOptions = {},
): Promise<{ eventsPerSecond: number; n: number }> {
  const n = opts.n ?? 2000;
  const concurrency = opts.concurrency ?? 16;
  const userCount = opts.users ?? 50;
  const database = uniqueDatabaseName('bench_webhooks');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ROLES: 'web',
    PORT: '0',
    DATABASE_URL: testDatabaseUrl(database),
    QUEUE_PREFIX: `bench-webhooks-${randomUUID()}`,
    STRIPE_SECRET_KEY: 'sk_test_bench_only',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // Nothing in this bench calls Stripe; should anything try, it stays on loopback.
    STRIPE_API_URL: 'http://127.0.0.1:9',
  });
  const app = await startApp(config, pino({ level: 'silent' }), { host: '127.0.0.1' });
  try {
    const db = app.services.db;
    const users = await Promise.all(
      Array.from({ length: userCount }, (_, i) =>
        db.user.create({ data: { stripeCustomerId: `cus_bench_${i}` } }),
      ),
    );
    const signer = new Stripe('sk_test_signer');
    const distinct = Math.ceil(n * 0.9);
    const deliveries = Array.from({ length: n }, (_, i) => {
      const k = i < distinct ? i : Math.floor(((i - distinct) * 7919) % distinct);
      const user = users[k % userCount]!;
      const payload = JSON.stringify({
        id: `evt_bench_${k}`,
        object: 'event',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'checkout.session.completed',
        data: {
          object: {
            id: `cs_bench_${k}`,
            object: 'checkout.session',
            mode: 'payment',
            status: 'complete',
            payment_status: 'paid',
            customer: user.stripeCustomerId,
            client_reference_id: user.id,
            metadata: { userId: user.id, product: 'credits', credits: String(CREDITS_PER_PACK) },
          },
        },
      });
      return {
        payload,
        header: signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
      };
    });

    const url = `http://127.0.0.1:${app.port}/webhooks/stripe`;
    let next = 0;
    const failures: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < deliveries.length) {
          const d = deliveries[next++]!;
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': d.header },
            body: d.payload,
          });
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(res.status);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    if (failures.length) throw new Error(`${failures.length} deliveries failed (e.g. HTTP ${failures[0]})`);
    const granted = await db.creditLedger.aggregate({ _sum: { delta: true }, _count: true });
    const balances = await db.user.aggregate({ _sum: { credits: true } });
    if (granted._count !== distinct || granted._sum.delta !== distinct * CREDITS_PER_PACK) {
      throw new Error(`expected ${distinct} grants, found ${granted._count} (sum ${granted._sum.delta})`);
    }
    if (balances._sum.credits !== granted._sum.delta) throw new Error('balances disagree with the ledger');
    return { eventsPerSecond: Math.round(n / seconds), n };
  } finally {
    await app.stop();
    await dropDatabase(database);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchStripeWebhooks();
  console.log(`stripe webhooks: ${result.eventsPerSecond} signed events/s (n=${result.n}, 10% redeliveries)`);
}
