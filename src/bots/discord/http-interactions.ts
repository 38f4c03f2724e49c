/**
 * Discord interactions over HTTP (`POST /discord/interactions`, the app's "Interactions Endpoint
 * URL"), for hosting without a gateway connection. Every request is verified first: an Ed25519
 * signature by the application's public key over `timestamp + raw body`, with a timestamp no older
 * than five minutes; anything else is answered 401 before the body is even parsed. PING is
 * answered with PONG. Every other interaction goes to the same adapter as the gateway path
 * (discord.js builds the same interaction objects), which acknowledges it through the callback
 * endpoint; as Discord asks of HTTP apps that respond that way, the request itself is then
 * answered `202 Accepted` with no body.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { InteractionResponseType, InteractionType } from 'discord.js';
import express from 'express';
import type { Logger } from '../../logger.ts';
import type { Clock } from '../../services/ports.ts';
import type { DiscordAdapter } from './adapter.ts';

export const INTERACTIONS_PATH = '/discord/interactions';
/** Signed requests older (or further in the future) than this are refused as replays. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;
/**
 * How long the request is held while the adapter acknowledges (Discord allows 3 s in all). Holding
 * it until the callback is sent keeps a serverless host from freezing the process before that.
 */
export const ACK_WAIT_MS = 2500;
const MAX_BODY = '1mb';

export interface DiscordInteractionsRouteDeps {
  /** The application's public key, 64 hex characters. */
  publicKey: string;
  adapter: Pick<DiscordAdapter, 'receive'>;
  log: Logger;
  clock: Clock;
  ackWaitMs?: number;
}

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/** The public key as Node wants it (raw 32-byte Ed25519 key → JWK). */
export function importDiscordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('the Discord public key must be 64 hex characters');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

/** True when `req` is signed by `key` and fresh. Never throws. */
export function verifyDiscordSignature(key: KeyObject, req: SignedRequest, now: Date): boolean {
  const { signature, timestamp, body } = req;
  if (!signature || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) {
    return false;
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    return false;
  }
}

export function discordInteractionsRouter(deps: DiscordInteractionsRouteDeps): express.Router {
  const key = importDiscordPublicKey(deps.publicKey);
  const ackWaitMs = deps.ackWaitMs ?? ACK_WAIT_MS;
  const router = express.Router();
  const header = (req: express.Request, name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };

  // The signature covers the exact bytes: read the body raw, whatever the content type says.
  router.post(INTERACTIONS_PATH, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signed = {
      signature: header(req, 'x-signature-ed25519'),
      timestamp: header(req, 'x-signature-timestamp'),
      body,
    };
    if (!verifyDiscordSignature(key, signed, deps.clock())) {
      deps.log.warn(
        { hasSignature: Boolean(signed.signature), hasTimestamp: Boolean(signed.timestamp) },
        'refused a discord interaction with a missing, forged or stale signature',
      );
      res.status(401).type('text/plain').send('invalid request signature\n');
      return;
    }
    let raw: { id?: unknown; type?: unknown };
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      res.status(400).type('text/plain').send('body is not JSON\n');
      return;
    }
    if (raw?.type === InteractionType.Ping) {
      res.json({ type: InteractionResponseType.Pong });
      return;
    }
    if (typeof raw?.id !== 'string' || typeof raw.type !== 'number') {
      res.status(400).type('text/plain').send('not an interaction\n');
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deps.adapter.receive(raw as { id: string }),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, ackWaitMs);
        }),
      ]);
    } catch (error) {
      // discord.js could not build an interaction from a payload Discord signed: nothing to answer.
      deps.log.error({ err: error }, 'could not hand a discord interaction to the adapter');
      res.status(400).type('text/plain').send('unsupported interaction\n');
      return;
    } finally {
      clearTimeout(timer);
    }
    res.status(202).end();
  });
  return router;
}
