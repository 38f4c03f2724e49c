/**
 * Posting to a Slack `response_url`: at most 5 posts within 30 minutes of the invocation. The uses
 * are counted in Redis (shared by the web role and every worker, surviving restarts), so a
 * delivery knows when to switch to `chat.postMessage` before Slack refuses. Only Slack's own host
 * (or the configured API host, for proxies and tests) is ever posted to.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { hashId, type Logger } from '../../logger.ts';
import type { Clock } from '../../services/ports.ts';
import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './settings.ts';

export type ResponseUrlOutcome = 'sent' | 'unusable';

export interface ResponseUrls {
  /**
   * Posts `body` (a message with `response_type` / `replace_original` / `delete_original`) when the
   * URL still has a use left; 'unusable' when it is expired, used up, or refused by Slack as such.
   * Throws on other failures (network, 5xx) so a job can retry.
   */
  post(url: string, issuedAt: number, body: object): Promise<ResponseUrlOutcome>;
}

export interface ResponseUrlDeps {
  redis: Redis;
  /** Redis key prefix (the queue prefix), so bots sharing a Redis do not share counters. */
  prefix: string;
  clock: Clock;
  /** Origins (`https://hooks.slack.com`) a response URL may have. */
  allowedOrigins: string[];
  log: Logger;
  timeoutMs?: number;
  ttlMs?: number;
  maxUses?: number;
}

const MAX_RETRY_AFTER_S = 30;

export function createResponseUrls(deps: ResponseUrlDeps): ResponseUrls {
  const ttl = deps.ttlMs ?? RESPONSE_URL_TTL_MS;
  const maxUses = deps.maxUses ?? RESPONSE_URL_MAX_USES;
  const keyOf = (url: string) =>
    `${deps.prefix}:slack:response-url:${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;

  /** Takes one use; false when none is left. Redis trouble does not block the answer (Slack still refuses a sixth post). */
  async function takeUse(url: string): Promise<boolean> {
    try {
      const key = keyOf(url);
      const used = await deps.redis.incr(key);
      if (used === 1) await deps.redis.pexpire(key, ttl);
      return used <= maxUses;
    } catch (err) {
      deps.log.warn({ err: { message: (err as Error).message } }, 'could not count a response_url use');
      return true;
    }
  }

  async function markUsedUp(url: string): Promise<void> {
    await deps.redis.set(keyOf(url), String(maxUses), 'PX', ttl).catch(() => undefined);
  }

  function allowed(url: string): boolean {
    try {
      return deps.allowedOrigins.includes(new URL(url).origin);
    } catch {
      return false;
    }
  }

  return {
    async post(url, issuedAt, body) {
      if (!allowed(url)) {
        deps.log.warn('ignoring a response_url on an unexpected host');
        return 'unusable';
      }
      if (deps.clock().getTime() - issuedAt >= ttl) return 'unusable';
      if (!(await takeUse(url))) return 'unusable';
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
          redirect: 'error',
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        });
        const text = await res.text();
        if (res.status === 429 && attempt < 2) {
          const wait = Math.min(Number(res.headers.get('retry-after')) || 1, MAX_RETRY_AFTER_S);
          await new Promise((r) => setTimeout(r, wait * 1000));
          continue;
        }
        // Slack answers "expired_url" / "used_url" (404 or 200 with ok:false) once a URL is done.
        if (/expired_url|used_url|invalid_url/.test(text) || res.status === 404 || res.status === 410) {
          await markUsedUp(url);
          return 'unusable';
        }
        if (res.ok && !/"ok"\s*:\s*false/.test(text)) return 'sent';
        deps.log.warn({ status: res.status, url: hashId(url) }, 'response_url refused the message');
        throw new Error(`response_url answered HTTP ${res.status}: ${text.slice(0, 100)}`);
      }
    },
  };
}
