/**
 * `GET /metrics`: the Prometheus exposition of this process (src/services/metrics.ts). Behind a
 * Bearer token when METRICS_TOKEN is set; otherwise open, for scrapers on a private network.
 */
import express from 'express';
import { recordWebhook, renderMetrics } from '../services/metrics.ts';
import { requireAccessToken } from './access-token.ts';

export function metricsRouter(opts: { token?: string } = {}): express.Router {
  const router = express.Router();
  if (opts.token)
    router.use('/metrics', requireAccessToken(opts.token, { realm: 'metrics', allowBasic: false }));
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await renderMetrics();
    res.set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
  });
  return router;
}

/** How a webhook request ended, from the status it was answered with. */
export function webhookOutcome(status: number): 'processed' | 'rejected' | 'failed' {
  if (status < 300) return 'processed';
  return status >= 500 ? 'failed' : 'rejected';
}

/**
 * Counts incoming webhooks (`imagegen_webhooks_total`) by source and outcome, for the POST paths
 * given (path → source), once each is answered. Mount it before the webhook routes themselves.
 */
export function webhookOutcomes(paths: Record<string, string>): express.RequestHandler {
  return (req, res, next) => {
    const source = req.method === 'POST' ? paths[req.path] : undefined;
    if (source) res.once('finish', () => recordWebhook(source, webhookOutcome(res.statusCode)));
    next();
  };
}
