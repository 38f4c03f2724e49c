/**
 * The worker side of a generation. BullMQ delivers jobs at least once, so every step records its
 * outcome on the row before the next one and skips work already done: a job run twice calls the
 * model at most once after the result is stored, and posts once (the delivery edits the same
 * message or de-duplicates by a key).
 */
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Reply, ReplyTarget } from '../commands/types.ts';
import { isUserFacing } from '../errors.ts';
import type { Generation } from '../generated/prisma/client.ts';
import { safeError } from '../observability.ts';
import { releaseCredit } from './credits.ts';
import { stripMetadata } from './image-processing.ts';
import type { Services } from './index.ts';
import type { Delivery } from './ports.ts';
import { ProviderConfigError } from './providers/openai.ts';
import { GENERATION_QUEUE, type GenerationJob, generationJobSchema } from './queue.ts';
import { openReplyTarget } from './reply-targets.ts';
import { buildPrompt, getStyle } from './styles.ts';

export interface WorkerOptions {
  connection: Redis;
  concurrency: number;
  lockDurationMs: number;
  /** How often stalled jobs are looked for (defaults to lockDuration / 2). */
  stalledIntervalMs?: number;
}

const styleLabel = (name: string) => getStyle(name)?.label ?? name;

export function offlineFooter(s: Services): string | undefined {
  const parts: string[] = [];
  if (s.provider.offline) parts.push('offline image filter (no OpenAI key)');
  if (s.storage.offline) parts.push('local storage (no ImageKit keys)');
  return parts.length ? `Trial mode: ${parts.join(', ')} — not the production service.` : undefined;
}

export function createGenerationWorker(s: Services, opts: WorkerOptions): Worker<GenerationJob> {
  const worker = new Worker<GenerationJob>(
    GENERATION_QUEUE,
    async (job) => {
      const { generationId } = generationJobSchema.parse(job.data);
      const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await processGeneration(s, generationId, { isFinalAttempt, job });
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
    const reply = await resultReply(s, gen);
    const result = await delivery.deliver(target, reply, `result:${gen.id}`);
    await s.db.generation.update({
      where: { id: gen.id },
      data: { deliveredAt: s.clock(), deliveredVia: result.via, deliveryMessageId: result.messageId ?? null },
    });
    log.info({ via: result.via }, 'generation delivered');
  } catch (error) {
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
      throw error;
    }
    await failGeneration(s, gen, target, delivery, error);
    throw new UnrecoverableError(isUserFacing(error) ? error.code : 'generation_failed');
  }
}

async function generate(
  s: Services,
  gen: Generation,
  target: ReplyTarget,
  delivery: Delivery,
): Promise<Generation> {
  await s.db.generation.update({
    where: { id: gen.id },
    data: { status: 'processing', startedAt: gen.startedAt ?? s.clock(), attempts: { increment: 1 } },
  });
  await delivery
    .update(target, { text: `🎨 Generating your **${styleLabel(gen.style)}** image…`, tone: 'info' })
    .catch((err) => s.log.warn({ err, generationId: gen.id }, 'progress update failed'));
  if (!gen.sourceKey) throw new UnrecoverableError('generation has no stored source');
  const source = await s.storage.get(gen.sourceKey);
  const mimeType = gen.sourceKey.endsWith('.jpg')
    ? 'image/jpeg'
    : gen.sourceKey.endsWith('.webp')
      ? 'image/webp'
      : 'image/png';
  const started = performance.now();
  const edited = await s.provider.edit({
    image: source,
    mimeType,
    prompt: buildPrompt(gen.style, gen.prompt),
    style: gen.style,
    size: s.config.OPENAI_IMAGE_SIZE,
    requestId: gen.id,
  });
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
}

export async function resultReply(s: Services, gen: Generation): Promise<Reply> {
  const seconds =
    gen.finishedAt && gen.createdAt ? (gen.finishedAt.getTime() - gen.createdAt.getTime()) / 1000 : undefined;
  const ext = gen.resultKey?.split('.').pop() ?? 'png';
  return {
    title: `${styleLabel(gen.style)} restyle`,
    text: [
      gen.prompt ? `> ${gen.prompt.slice(0, 300)}` : undefined,
      seconds ? `Done in ${seconds.toFixed(1)} s.` : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    image: {
      url: gen.resultUrl ?? s.storage.url(gen.resultKey!),
      alt: `${styleLabel(gen.style)} version of your image`,
      ...(s.storage.offline
        ? { data: await s.storage.get(gen.resultKey!), filename: `imagegen-${gen.id.slice(0, 8)}.${ext}` }
        : {}),
    },
    tone: 'success',
    footer: offlineFooter(s),
    buttons: [
      {
        command: 'imagine',
        action: 'rerun',
        value: gen.id,
        label: 'Re-run',
        emoji: '🔁',
        style: 'secondary',
      },
      { command: 'imagine', action: 'delete', value: gen.id, label: 'Delete', emoji: '🗑️', style: 'danger' },
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
  let message: string;
  let code: string;
  if (isUserFacing(error)) {
    message = error.userMessage;
    code = error.code;
    s.log.info({ generationId: gen.id, code }, 'generation refused');
  } else {
    code = error instanceof ProviderConfigError ? 'provider_config' : 'internal';
    const eventId = s.report(error, { generationId: gen.id, stage: 'worker' }, [
      gen.prompt,
      buildPrompt(gen.style, gen.prompt),
    ]);
    message = `Sorry, the generation failed on our side and you have not been charged.${eventId ? ` Error id: \`${eventId}\`.` : ''} Please try again later.`;
  }
  await s.db.generation.update({
    where: { id: gen.id },
    data: { status: 'failed', errorCode: code, errorMessage: message, finishedAt: s.clock() },
  });
  await releaseCredit(s.db, gen.id, code);
  await delivery
    .deliver(target, { text: `❌ ${message}`, tone: 'error' }, `result:${gen.id}`)
    .catch((err) => s.log.warn({ err, generationId: gen.id }, 'could not deliver the failure message'));
}
