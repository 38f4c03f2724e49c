/**
 * Which interactions have had their first answer sent. The worker may finish (or start) a job
 * before the adapter's "Queued" reply has landed; both edit the same @original message, so a
 * late "Queued" could overwrite "Generating…" or even the result. The adapter marks an
 * interaction once its answer is sent, and the delivery waits (briefly, bounded) for the mark
 * before its first edit. Redis-backed, so the gateway and the worker may be separate processes.
 */
import type { Redis } from 'ioredis';

export interface AnswerLog {
  markAnswered(interactionId: string): Promise<void>;
  isAnswered(interactionId: string): Promise<boolean>;
}

/** Interaction tokens live 15 minutes; the mark need not outlive them. */
const TTL_S = 15 * 60;

export function createRedisAnswerLog(redis: Redis, prefix: string): AnswerLog {
  const key = (id: string) => `${prefix}:discord:answered:${id}`;
  return {
    async markAnswered(id) {
      await redis.set(key(id), '1', 'EX', TTL_S);
    },
    async isAnswered(id) {
      return (await redis.exists(key(id))) === 1;
    },
  };
}

/** Waits until `id` is marked, at most `maxMs`; a Redis problem or timeout lets the caller go on. */
export async function waitForAnswer(log: AnswerLog, id: string, maxMs: number, stepMs = 25): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (await log.isAnswered(id).catch(() => true)) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
