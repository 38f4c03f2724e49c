/**
 * The privacy queues (BullMQ). `privacy` runs data requests and housekeeping — exports, erasures,
 * the retention sweep, and the fan-out of policy-change notices and announcements. `privacy-notify`
 * sends the resulting DMs one job per recipient under a queue-wide rate limit (BullMQ's limiter
 * holds across every worker process). Payloads carry ids, never personal data; job ids are derived
 * from what the job is for, so adding the same work twice is a no-op.
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { queueUnavailable } from '../queue.ts';

export const PRIVACY_QUEUE = 'privacy';
export const NOTIFY_QUEUE = 'privacy-notify';
export const RETENTION_SCHEDULER_ID = 'retention-sweep';

export const privacyJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('export'), requestId: z.uuid() }),
  z.object({ kind: z.literal('erase'), requestId: z.uuid() }),
  z.object({ kind: z.literal('retention-sweep') }),
  z.object({ kind: z.literal('policy-notice'), version: z.string().min(1) }),
  z.object({
    kind: z.literal('announcement'),
    announcementId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    /** The operator's text (not personal data), copied into each recipient's job. */
    text: z.string().min(1).max(1500),
  }),
]);
export type PrivacyJob = z.infer<typeof privacyJobSchema>;

export const notifyJobSchema = z.object({
  identityId: z.uuid(),
  topic: z.enum(['policy_update', 'announcement']),
  /** Policy version, or announcement id. */
  ref: z.string().min(1),
  text: z.string().max(1500).optional(),
});
export type NotifyJob = z.infer<typeof notifyJobSchema>;

export interface PrivacyQueues {
  readonly queue: Queue<PrivacyJob>;
  readonly notify: Queue<NotifyJob>;
  /** Adds a privacy job; idempotent per `jobId`. Throws a "busy" UserFacingError when Redis is down. */
  add(job: PrivacyJob, jobId?: string): Promise<void>;
  close(): Promise<void>;
}

export interface PrivacyQueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

export function createPrivacyQueues(connection: Redis, settings: PrivacyQueueSettings): PrivacyQueues {
  const { prefix } = settings;
  const defaults: JobsOptions = {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600, count: 10_000 },
  };
  const queue = new Queue<PrivacyJob>(PRIVACY_QUEUE, { connection, prefix });
  const notify = new Queue<NotifyJob>(NOTIFY_QUEUE, { connection, prefix });
  // Connection errors are answered per call (queueUnavailable); don't crash on the emitter.
  queue.on('error', () => undefined);
  notify.on('error', () => undefined);
  return {
    queue,
    notify,
    async add(job, jobId) {
      try {
        await queue.add(job.kind, privacyJobSchema.parse(job), { ...defaults, ...(jobId ? { jobId } : {}) });
      } catch (e) {
        throw queueUnavailable(e);
      }
    },
    async close() {
      await Promise.all([queue.close(), notify.close()]);
    },
  };
}

/** Retry settings of one notification DM: a closed DM channel is not retried (see the worker). */
export const NOTIFY_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
