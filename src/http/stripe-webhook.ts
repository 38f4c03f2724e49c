/**
 * POST /webhooks/stripe. Signature verification needs the exact bytes Stripe signed, so this
 * route reads the raw body itself (the web role installs no global body parser).
 */
import express, { Router } from 'express';
import { receiveStripeWebhook } from '../services/billing-webhooks.ts';
import type { Services } from '../services/index.ts';

export function stripeWebhookRouter(s: Services): Router {
  const router = Router();
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receiveStripeWebhook(s, body, req.get('stripe-signature'));
    res.status(answer.status).json(answer.body);
  });
  return router;
}
