/**
 * Slack acknowledgement latency: a signed slash command sent over real HTTP (loopback) to the real
 * Bolt receiver on the web role's port, timed on the server from the request arriving to the 200
 * being written (`p50`/`p99`; the client-side round trip is reported beside it) — Slack shows
 * "operation_timeout" after 3 s. Every request goes through the whole path: signature
 * and replay check, the workspace's installation read from Postgres and opened (OAuth mode), Bolt's
 * listener, ack. `/imagine` is used: after the ack it opens a modal on the fake Slack, so later
 * requests are measured while earlier ones are still doing work. Target: p99 ≤ 50 ms.
 */
import { startFakeSlack } from '../test/fakes/slack.ts';
import {
  installWorkspace,
  sendSlack,
  slashCommand,
  TEST_SLACK_SIGNING_SECRET,
  TEST_SLACK_STATE_SECRET,
  TEST_SLACK_TEAM,
} from '../test/support/slack-requests.ts';
import { percentile, sleep, startBenchBot, waitUntil } from './support.ts';

export interface SlackAckResult {
  /** Server side: request in → 200 out. */
  p50: number;
  p99: number;
  n: number;
  /** Client side: request sent → response received (adds the HTTP client's own time). */
  roundTripP50: number;
  roundTripP99: number;
}

export async function benchSlackAck(opts: { n?: number; perSecond?: number } = {}): Promise<SlackAckResult> {
  const n = opts.n ?? 300;
  const perSecond = opts.perSecond ?? 25;
  const slack = await startFakeSlack();
  const bot = await startBenchBot('slack_ack', {
    ROLES: 'web,worker',
    SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
    SLACK_CLIENT_ID: slack.clientId,
    SLACK_CLIENT_SECRET: slack.clientSecret,
    SLACK_STATE_SECRET: TEST_SLACK_STATE_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_FILE_HOSTS: '127.0.0.1',
  });
  try {
    const base = `http://127.0.0.1:${bot.app.port}`;
    const installed = await installWorkspace(base, slack.oauthCode(TEST_SLACK_TEAM));
    if (installed.status !== 200) throw new Error(`bench: the OAuth install answered ${installed.status}`);

    const latencies: number[] = [];
    const roundTrips: number[] = [];
    const failures: number[] = [];
    // Server-side timing of every counted Slack request, on the web role's own HTTP server.
    let counting = false;
    bot.app.http!.on('request', (req, res) => {
      if (!counting || req.url !== '/slack/events') return;
      const started = performance.now();
      res.on('finish', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - started);
      });
    });
    const inFlight: Array<Promise<void>> = [];
    const warmup = 20;
    for (let i = 0; i < n + warmup; i++) {
      const request = slashCommand({
        command: '/imagine',
        text: 'watercolor make it autumn',
        userId: `U0BENCH${i % 50}`,
        responseUrl: slack.responseUrl(TEST_SLACK_TEAM),
      });
      // The first few warm up the JIT, the keep-alive connections and the database pool.
      counting = i >= warmup;
      const counted = counting;
      inFlight.push(
        (async () => {
          const started = performance.now();
          const res = await sendSlack(base, request);
          const took = performance.now() - started;
          if (res.status !== 200) failures.push(res.status);
          else if (counted) roundTrips.push(took);
        })(),
      );
      await sleep(1000 / perSecond);
    }
    await Promise.all(inFlight);
    if (failures.length)
      throw new Error(`bench: ${failures.length} Slack requests failed (${failures.slice(0, 5).join(', ')})`);
    await waitUntil(() => slack.callsTo('views.open').length >= n + warmup, 'every modal to open', 60_000);
    await bot.app.slack?.adapter.settled();
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      n: latencies.length,
      roundTripP50: percentile(roundTrips, 50),
      roundTripP99: percentile(roundTrips, 99),
    };
  } finally {
    await bot.stop();
    await slack.stop();
  }
}

// `tsx bench/slack-ack.ts` runs this stage alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchSlackAck()
    .then((r) =>
      console.log(
        `slack ack (server): p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (n=${r.n}); ` +
          `round trip: p50 ${r.roundTripP50.toFixed(1)} ms, p99 ${r.roundTripP99.toFixed(1)} ms`,
      ),
    )
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
