/**
 * The worker side of privacy: one BullMQ worker for data requests and housekeeping (exports,
 * erasures, the retention sweep, notice fan-outs) and one, rate-limited, for notification DMs.
 * Starting it also (re)registers the retention sweep's job scheduler, so every worker process
 * agrees on one schedule and BullMQ runs each tick once.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Services } from '../index.ts';
import { runErasureRequest } from './erasure-job.ts';
import { runExportRequest } from './export.ts';
import { fanOutNotices, sendNotice } from './notifications.ts';
import {
  NOTIFY_QUEUE,
  type NotifyJob,
  notifyJobSchema,
  PRIVACY_QUEUE,
  type PrivacyJob,
  privacyJobSchema,
  RETENTION_SCHEDULER_ID,
} from './queue.ts';
import { sweepRetention } from './retention.ts';
import { personalStringsOf } from './subjects.ts';

export interface PrivacyWorkers {
  workers: Worker[];
  close(force?: boolean): Promise<void>;
}

export async function startPrivacyWorkers(s: Services, opts: { connection: Redis }): Promise<PrivacyWorkers> {
  const main = new Worker<PrivacyJob>(
    PRIVACY_QUEUE,
    async (job) => {
      const data = privacyJobSchema.parse(job.data);
      const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      switch (data.kind) {
        case 'export':
          return runExportRequest(s, data.requestId, { isFinalAttempt });
        case 'erase':
          return runErasure(s, data.requestId, isFinalAttempt);
        case 'retention-sweep':
          await sweepRetention(s);
          return;
        case 'policy-notice':
          await fanOutNotices(s, 'policy_update', data.version);
          return;
        case 'announcement':
          await fanOutNotices(s, 'announcement', data.announcementId, data.text);
          return;
      }
    },
    { connection: opts.connection, prefix: s.config.QUEUE_PREFIX, concurrency: 2 },
  );
  const notify = new Worker<NotifyJob>(
    NOTIFY_QUEUE,
    async (job) => {
      await sendNotice(s, notifyJobSchema.parse(job.data));
    },
    {
      connection: opts.connection,
      prefix: s.config.QUEUE_PREFIX,
      concurrency: 1,
      limiter: { max: s.config.ANNOUNCEMENT_DMS_PER_MINUTE, duration: 60_000 },
    },
  );
  for (const w of [main, notify]) {
    w.on('error', (err) =>
      s.log.warn({ err: { message: err.message } }, 'privacy worker connection problem'),
    );
  }
  await s.privacy.queue.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { every: s.config.RETENTION_SWEEP_MINUTES * 60_000 },
    {
      name: 'retention-sweep',
      data: { kind: 'retention-sweep' },
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    },
  );
  return {
    workers: [main, notify],
    async close(force = false) {
      await Promise.all([main.close(force), notify.close(force)]);
    },
  };
}

/** An erasure that keeps failing is recorded and reported: operators see it in the request list. */
async function runErasure(s: Services, requestId: string, isFinalAttempt: boolean): Promise<void> {
  try {
    await runErasureRequest(s, requestId);
  } catch (error) {
    if (!isFinalAttempt) throw error;
    const request = await s.db.dataRequest.findUnique({ where: { id: requestId } });
    const personal = request?.userId ? await personalStringsOf(s, request.userId) : [];
    const eventId = s.report(error, { requestId, stage: 'privacy-erase' }, personal);
    if (request && request.status !== 'completed') {
      await s.db.dataRequest.update({
        where: { id: requestId },
        data: { status: 'failed', error: `erasure failed${eventId ? ` (event ${eventId})` : ''}` },
      });
    }
    throw new UnrecoverableError('erasure_failed');
  }
}
