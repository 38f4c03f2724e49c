/**
 * The worker side of a generation. BullMQ delivers jobs at least once, so every step records its
 * outcome on the row before the next one and skips work already done: a job run twice calls the
 * model at most once after the result is stored, and posts once (the delivery edits the same
 * message or de-duplicates by a key).
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Reply, ReplyTarget } from '../commands/types.ts';
import { isUserFacing } from '../errors.ts';
import type { Generation } from '../generated/prisma/client.ts';
import { styleDescription, styleLabel, t } from '../i18n/index.ts';
import { safeError } from '../observability.ts';
import { releaseCredit } from './credits.ts';
import { unavailableDependency } from './dependency-errors.ts';
import { stripMetadata } from './image-processing.ts';
import type { Services } from './index.ts';
import { generationsTotal, providerSeconds, queueWaitSeconds, recordDelivery } from './metrics.ts';
import type { Delivery } from './ports.ts';
import { ProviderConfigError } from './providers/openai.ts';
import { GENERATION_QUEUE, type GenerationJob, generationJobSchema } from './queue.ts';
import { openReplyTarget } from './reply-targets.ts';
import { buildPrompt, STYLE_PRESETS } from './styles.ts';

export interface WorkerOptions {
  connection: Redis;
  concurrency: number;
  lockDurationMs: number;
  /** How often stalled jobs are looked for (defaults to lockDuration / 2). */
  stalledIntervalMs?: number;
  /** Delay before a job that met a database/Redis outage runs again (default 2 s); no attempt is used. */
  postponeMs?: number;
}

export function offlineFooter(s: Services, locale?: string): string | undefined {
  const parts: string[] = [];
  if (s.provider.offline) parts.push(t(locale, 'worker.trialOfflineFilter'));
  if (s.storage.offline) parts.push(t(locale, 'worker.trialLocalStorage'));
  return parts.length ? t(locale, 'worker.trialMode', { parts: parts.join(', ') }) : undefined;
}

export function createGenerationWorker(s: Services, opts: WorkerOptions): Worker<GenerationJob> {
  const worker = new Worker<GenerationJob>(
    GENERATION_QUEUE,
    async (job, token) => {
      const { generationId } = generationJobSchema.parse(job.data);
      const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      try {
        await processGeneration(s, generationId, { isFinalAttempt, job });
      } catch (error) {
        const down = unavailableDependency(error);
        if (!down || !token) throw error;
        // An outage is not the job's fault: run it again later without using up an attempt, so
        // an accepted job survives a database or Redis restart of any length.
        s.log.warn({ generationId, dependency: down }, 'dependency unavailable; job postponed');
        generationsTotal.inc({ outcome: 'postponed', reason: down });
        await job.moveToDelayed(Date.now() + (opts.postponeMs ?? 2000), token);
        throw new DelayedError();
      }
    },
    {
      connection: opts.connection,
      prefix: s.config.QUEUE_PREFIX,
      concurrency: opts.concurrency,
      lockDuration: opts.lockDurationMs,
      stalledInterval: opts.stalledIntervalMs ?? Math.max(1000, Math.floor(opts.lockDurationMs / 2)),
      maxStalledCount: 1,
      autorun: true,
    },
  );
  worker.on('error', (err) => s.log.warn({ err: { message: err.message } }, 'worker connection problem'));
  return worker;
}

function deliveryFor(s: Services, target: ReplyTarget): Delivery {
  const d = s.deliveries[target.platform];
  if (!d) throw new Error(`no delivery configured for platform ${target.platform}`);
  return d;
}

/** Runs one generation to the end. Throws to let the queue retry; UnrecoverableError when it must not. */
export async function processGeneration(
  s: Services,
  generationId: string,
  attempt: { isFinalAttempt: boolean; job?: Job },
): Promise<void> {
  const log = s.log.child({ generationId });
  let gen = await s.db.generation.findUnique({ where: { id: generationId } });
  if (!gen) return log.info('generation no longer exists (cancelled or erased); skipping');
  if (gen.status === 'cancelled' || gen.status === 'failed')
    return log.info({ status: gen.status }, 'skipping');
  if (gen.deliveredAt) return log.info('already delivered; skipping duplicate run');
  const target = openReplyTarget(s.box, gen.replyTarget);
  const delivery = deliveryFor(s, target);

  try {
    if (!gen.resultKey) gen = await generate(s, gen, target, delivery);
    const reply = await resultReply(s, gen, target.locale);
    const result = await delivery.deliver(target, reply, `result:${gen.id}`);
    await s.db.generation.update({
      where: { id: gen.id },
      data: { deliveredAt: s.clock(), deliveredVia: result.via, deliveryMessageId: result.messageId ?? null },
    });
    recordDelivery(target.platform, result.via);
    generationsTotal.inc({ outcome: 'succeeded', reason: '' });
    log.info({ via: result.via }, 'generation delivered');
  } catch (error) {
    // The row cannot be updated during an outage: leave it to the queue (see the processor).
    if (unavailableDependency(error)) throw error;
    // Errors say whether a retry can help (UserFacingError, StorageError, provider errors).
    const permanent =
      (error as { retryable?: boolean })?.retryable === false ||
      error instanceof ProviderConfigError ||
      error instanceof UnrecoverableError;
    if (!permanent && !attempt.isFinalAttempt) {
      const redact = [gen.prompt, buildPrompt(gen.style, gen.prompt)];
      log.warn(
        { err: safeError(error, redact), attempt: attempt.job?.attemptsMade },
        'generation attempt failed; will retry',
      );
      generationsTotal.inc({ outcome: 'retried', reason: isUserFacing(error) ? error.code : 'error' });
      throw error;
    }
    await failGeneration(s, gen, target, delivery, error);
    generationsTotal.inc({
      outcome: 'failed',
      reason: isUserFacing(error) ? error.code : 'generation_failed',
    });
    throw new UnrecoverableError(isUserFacing(error) ? error.code : 'generation_failed');
  }
}

async function generate(
  s: Services,
  gen: Generation,
  target: ReplyTarget,
  delivery: Delivery,
): Promise<Generation> {
  const startedAt = gen.startedAt ?? s.clock();
  await s.db.generation.update({
    where: { id: gen.id },
    data: { status: 'processing', startedAt, attempts: { increment: 1 } },
  });
  if (!gen.startedAt && gen.queuedAt) {
    queueWaitSeconds.observe(Math.max(0, startedAt.getTime() - gen.queuedAt.getTime()) / 1000);
  }
  // The progress edit runs beside the download and the model call (a platform round trip saved on
  // every job); it is awaited before this returns or throws, so it never lands after the result.
  const progress = delivery
    .update(target, {
      text: t(target.locale, 'worker.generating', { style: styleLabel(target.locale, gen.style) }),
      tone: 'info',
    })
    .catch((err) => s.log.warn({ err, generationId: gen.id }, 'progress update failed'));
  try {
    if (!gen.sourceKey) throw new UnrecoverableError('generation has no stored source');
    const source = await s.storage.get(gen.sourceKey);
    const mimeType = gen.sourceKey.endsWith('.jpg')
      ? 'image/jpeg'
      : gen.sourceKey.endsWith('.webp')
        ? 'image/webp'
        : 'image/png';
    const started = performance.now();
    const observeProvider = (outcome: 'ok' | 'error') =>
      providerSeconds.observe({ provider: s.provider.name, outcome }, (performance.now() - started) / 1000);
    const edited = await s.provider
      .edit({
        image: source,
        mimeType,
        prompt: buildPrompt(gen.style, gen.prompt),
        style: gen.style,
        size: s.config.OPENAI_IMAGE_SIZE,
        requestId: gen.id,
      })
      .catch((error: unknown) => {
        observeProvider('error');
        throw error;
      });
    observeProvider('ok');
    const providerMs = Math.round(performance.now() - started);
    const clean = await stripMetadata(edited.image);
    const ext = edited.mimeType === 'image/jpeg' ? 'jpg' : edited.mimeType === 'image/webp' ? 'webp' : 'png';
    const stored = await s.storage.put(`results/${gen.id}.${ext}`, clean, edited.mimeType);
    // Recorded before delivery: a re-run of this job after a crash reuses the stored result.
    return s.db.generation.update({
      where: { id: gen.id },
      data: {
        status: 'succeeded',
        resultKey: stored.key,
        resultUrl: stored.url,
        resultFileId: stored.fileId ?? null,
        model: edited.model,
        providerMs,
        finishedAt: s.clock(),
      },
    });
  } finally {
    await progress;
  }
}

export async function resultReply(s: Services, gen: Generation, locale?: string): Promise<Reply> {
  const style = styleLabel(locale, gen.style);
  const seconds =
    gen.finishedAt && gen.createdAt ? (gen.finishedAt.getTime() - gen.createdAt.getTime()) / 1000 : undefined;
  const ext = gen.resultKey?.split('.').pop() ?? 'png';
  return {
    title: t(locale, 'worker.resultTitle', { style }),
    text: [
      gen.prompt ? `> ${gen.prompt.slice(0, 300)}` : undefined,
      seconds ? t(locale, 'worker.doneIn', { seconds: seconds.toFixed(1) }) : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    image: {
      url: gen.resultUrl ?? s.storage.url(gen.resultKey!),
      alt: t(locale, 'worker.resultAlt', { style }),
      ...(s.storage.offline
        ? { data: await s.storage.get(gen.resultKey!), filename: `imagegen-${gen.id.slice(0, 8)}.${ext}` }
        : {}),
    },
    // Shown beside the result (before → after) where the platform can; same storage as the result.
    ...(gen.sourceKey
      ? {
          sourceImage: {
            url: gen.sourceUrl ?? s.storage.url(gen.sourceKey),
            alt: t(locale, 'worker.sourceAlt'),
            ...(s.storage.offline
              ? {
                  data: await s.storage.get(gen.sourceKey),
                  filename: `source-${gen.id.slice(0, 8)}.${gen.sourceKey.split('.').pop() ?? 'png'}`,
                }
              : {}),
          },
          select: {
            command: 'imagine',
            action: 'restyle',
            value: gen.id,
            placeholder: t(locale, 'worker.tryAnotherStyle'),
            options: STYLE_PRESETS.filter((p) => p.name !== gen.style).map((p) => ({
              label: styleLabel(locale, p.name),
              value: p.name,
              description: styleDescription(locale, p.name),
            })),
          },
        }
      : {}),
    tone: 'success',
    footer: offlineFooter(s, locale),
    buttons: [
      {
        command: 'imagine',
        action: 'rerun',
        value: gen.id,
        label: t(locale, 'worker.rerun'),
        emoji: '🔁',
        style: 'secondary',
      },
      {
        command: 'imagine',
        action: 'delete',
        value: gen.id,
        label: t(locale, 'worker.delete'),
        emoji: '🗑️',
        style: 'danger',
      },
    ],
  };
}

async function failGeneration(
  s: Services,
  gen: Generation,
  target: ReplyTarget,
  delivery: Delivery,
  error: unknown,
): Promise<void> {
  // The stored errorMessage stays English (operators read it); the user reads their language.
  let message: string;
  let shown: string;
  let code: string;
  if (isUserFacing(error)) {
    message = error.userMessage;
    shown = error.messageIn(target.locale);
    code = error.code;
    s.log.info({ generationId: gen.id, code }, 'generation refused');
  } else {
    code = error instanceof ProviderConfigError ? 'provider_config' : 'internal';
    const eventId = s.report(error, { generationId: gen.id, stage: 'worker' }, [
      gen.prompt,
      buildPrompt(gen.style, gen.prompt),
    ]);
    message = eventId
      ? t('en', 'worker.internalFailureWithId', { eventId })
      : t('en', 'worker.internalFailure');
    shown = eventId
      ? t(target.locale, 'worker.internalFailureWithId', { eventId })
      : t(target.locale, 'worker.internalFailure');
  }
  await s.db.generation.update({
    where: { id: gen.id },
    data: { status: 'failed', errorCode: code, errorMessage: message, finishedAt: s.clock() },
  });
  await releaseCredit(s.db, gen.id, code);
  await delivery
    .deliver(
      target,
      { text: t(target.locale, 'worker.failed', { message: shown }), tone: 'error' },
      `result:${gen.id}`,
    )
    .catch((err) => s.log.warn({ err, generationId: gen.id }, 'could not deliver the failure message'));
}
