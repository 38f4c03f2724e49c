/**
 * The generation queue (BullMQ). A job is `{ generationId }` and its id IS the generation id, so
 * adding the same generation twice is a no-op and a job can be found, cancelled or counted by the
 * row's id. Producers fail fast when Redis is down (enableOfflineQueue: false) so the user gets a
 * clear "busy" message; workers wait for Redis (maxRetriesPerRequest: null), as BullMQ requires.
 */
import { type Job, type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { UserFacingError } from '../errors.ts';

export const GENERATION_QUEUE = 'generations';

export const generationJobSchema = z.object({ generationId: z.uuid() });
export type GenerationJob = z.infer<typeof generationJobSchema>;

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  attempts: number;
  backoffMs: number;
}

export interface GenerationQueue {
  readonly queue: Queue<GenerationJob>;
  /** Adds the job (idempotent per generation) and returns its 1-based position among waiting jobs. */
  enqueue(generationId: string, opts?: { priority?: number }): Promise<number>;
  /** Removes a job that has not started. Returns false when it is running or gone. */
  remove(generationId: string): Promise<'removed' | 'active' | 'missing'>;
  close(): Promise<void>;
}

export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  return new Redis(url, {
    // Workers block on Redis and must wait out outages; producers must answer users at once.
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    lazyConnect: false,
  });
}

export function createGenerationQueue(settings: QueueSettings, connection: Redis): GenerationQueue {
  const queue = new Queue<GenerationJob>(GENERATION_QUEUE, { connection, prefix: settings.prefix });
  // The queue emits connection errors; the producer handles them per call, so don't crash on them.
  queue.on('error', () => undefined);
  const defaults: JobsOptions = {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
  return {
    queue,
    async enqueue(generationId, opts = {}) {
      try {
        await queue.add(
          'generate',
          { generationId },
          { ...defaults, jobId: generationId, ...(opts.priority ? { priority: opts.priority } : {}) },
        );
        const counts = await queue.getJobCounts('waiting', 'prioritized');
        return Math.max(1, (counts.waiting ?? 0) + (counts.prioritized ?? 0));
      } catch (e) {
        throw queueUnavailable(e);
      }
    },
    async remove(generationId) {
      const job: Job<GenerationJob> | undefined = await queue.getJob(generationId);
      if (!job) return 'missing';
      const state = await job.getState();
      if (state === 'active') return 'active';
      try {
        await job.remove();
        return 'removed';
      } catch {
        // Removal fails when a worker locked it meanwhile.
        return 'active';
      }
    },
    async close() {
      await queue.close();
    },
  };
}

export function queueUnavailable(cause: unknown): UserFacingError {
  const e = new UserFacingError('queue_unavailable', {}, true);
  (e as Error & { cause?: unknown }).cause = cause;
  return e;
}
