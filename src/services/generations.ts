/**
 * Generation intake: everything between "the user asked" and "the job is queued". It validates
 * before anything is paid for (limits, declared type and size, then the real bytes), stores the
 * cleaned source, moderates, and enqueues. On any failure nothing is left behind: the row and the
 * stored source are removed, and the user gets a message that says what to do.
 */
import type { InputAttachment, Invocation } from '../commands/types.ts';
import { UserFacingError } from '../errors.ts';
import type { Generation } from '../generated/prisma/client.ts';
import { hashId } from '../logger.ts';
import { releaseCredit, reserveCredit } from './credits.ts';
import { assertMayGenerate } from './eligibility.ts';
import { type NormalisedImage, normaliseImage } from './image-processing.ts';
import { withImageSlot } from './image-slots.ts';
import type { Services } from './index.ts';
import { assertWithinLimits } from './limits.ts';
import { queuePriorityFor } from './plans.ts';
import { sealReplyTarget } from './reply-targets.ts';
import { safeFetch } from './safe-fetch.ts';
import { buildPrompt, getStyle } from './styles.ts';
import { resolveUser } from './users.ts';

const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/jpg', 'image/webp'];
const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export interface GenerationRequest {
  image: InputAttachment;
  style: string;
  prompt?: string;
}

export interface Queued {
  generation: Generation;
  position: number;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Cheap checks on what the platform told us about the file, before downloading it. */
export function checkDeclaredAttachment(a: InputAttachment, maxBytes: number, maxPixels: number): void {
  const type = a.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type && !ACCEPTED_TYPES.includes(type)) {
    throw new UserFacingError('image_unsupported_type');
  }
  if (a.size !== undefined && a.size > maxBytes) {
    throw new UserFacingError('image_too_large', { size: mb(a.size), limit: mb(maxBytes) });
  }
  if (a.width && a.height && a.width * a.height > maxPixels) {
    throw new UserFacingError('image_too_many_pixels', {
      mp: Math.round((a.width * a.height) / 1e6),
      limit: Math.round(maxPixels / 1e6),
    });
  }
}

/** `/imagine`: validate, fetch, clean, moderate, store and queue a new generation. */
export async function requestGeneration(
  s: Services,
  inv: Invocation,
  req: GenerationRequest,
): Promise<Queued> {
  const maxBytes = Math.min(
    s.config.MAX_UPLOAD_BYTES,
    inv.platformAttachmentLimit ?? Number.POSITIVE_INFINITY,
  );
  const carried = req.image.data;
  checkDeclaredAttachment(
    carried ? { ...req.image, size: carried.length } : req.image,
    maxBytes,
    s.config.MAX_INPUT_PIXELS,
  );
  getStyle(req.style) ?? invalidStyle();
  return intake(s, inv, req, async () => {
    // An adapter that received the upload itself (the playground) hands over the bytes: nothing
    // to fetch, so no exemption from the fetch policy is ever needed. Same checks from here on.
    const data =
      carried ??
      (await safeFetch(req.image.url, { ...s.fetchPolicy, maxBytes }, { headers: req.image.headers })).data;
    return normaliseImage(data, {
      maxPixels: s.config.MAX_INPUT_PIXELS,
      minSide: s.config.MIN_INPUT_SIDE,
    });
  });
}

/** Re-run / another style: a new generation from a stored source (no second download). */
export async function requestGenerationFromSource(
  s: Services,
  inv: Invocation,
  from: Generation,
  style: string,
  prompt: string | undefined,
): Promise<Queued> {
  getStyle(style) ?? invalidStyle();
  if (!from.sourceKey) {
    throw new UserFacingError('source_gone');
  }
  const sourceKey = from.sourceKey;
  return intake(
    s,
    inv,
    { image: { url: '' }, style, prompt },
    async () => {
      const data = await s.storage.get(sourceKey);
      return normaliseImage(data, { maxPixels: s.config.MAX_INPUT_PIXELS, minSide: s.config.MIN_INPUT_SIDE });
    },
    from,
  );
}

function invalidStyle(): never {
  throw new UserFacingError('unknown_style');
}

async function intake(
  s: Services,
  inv: Invocation,
  req: GenerationRequest,
  loadSource: () => Promise<NormalisedImage>,
  rerunOf?: Generation,
): Promise<Queued> {
  const now = s.clock();
  const prompt = (req.prompt ?? '').trim();
  const user = await resolveUser(s.db, inv.actor);
  await assertMayGenerate(s, user, inv);
  // Reserve the slot first (limits + row in one locked transaction), then do the slow work.
  const generation = await s.db.$transaction(async (tx) => {
    await assertWithinLimits(tx, user.id, s.config, now, {
      platform: inv.actor.platform,
      scope: inv.replyTarget.scope,
    });
    const created = await tx.generation.create({
      data: {
        userId: user.id,
        platform: inv.actor.platform,
        scope: inv.replyTarget.scope,
        status: 'intake',
        style: req.style,
        prompt,
        provider: s.provider.name,
        replyTarget: sealReplyTarget(s.box, inv.replyTarget),
        rerunOfId: rerunOf?.id ?? null,
        createdAt: now,
      },
    });
    await reserveCredit(tx, user, created.id);
    return created;
  });
  const log = s.log.child({ generationId: generation.id, user: hashId(user.id) });

  let storedKey: string | undefined;
  try {
    // Downloads and decodes are memory-heavy: a few at a time per process (image-slots.ts).
    const image = await withImageSlot(loadSource);
    const verdict = await s.moderator.check({
      text: buildPrompt(req.style, prompt),
      image: { data: image.data, mimeType: image.mimeType },
    });
    if (verdict.flagged) {
      log.info({ categories: verdict.categories }, 'moderation refused a request');
      throw new UserFacingError('moderation_flagged');
    }
    let sourceKey = rerunOf?.sourceKey ?? undefined;
    let sourceUrl = rerunOf?.sourceUrl ?? undefined;
    let sourceFileId = rerunOf?.sourceFileId ?? undefined;
    if (!rerunOf) {
      storedKey = `sources/${generation.id}.${EXT[image.mimeType] ?? 'png'}`;
      const stored = await s.storage.put(storedKey, image.data, image.mimeType).catch((e) => {
        throw storageUnavailable(e);
      });
      sourceKey = stored.key;
      sourceUrl = stored.url;
      sourceFileId = stored.fileId;
    }
    await s.db.generation.update({
      where: { id: generation.id },
      data: {
        status: 'queued',
        sourceKey,
        sourceUrl,
        sourceFileId,
        sourceWidth: image.width,
        sourceHeight: image.height,
        queuedAt: s.clock(),
      },
    });
    const position = await s.queue.enqueue(generation.id, { priority: queuePriorityFor(user) });
    log.info({ position, style: req.style }, 'generation queued');
    return { generation: { ...generation, status: 'queued' }, position };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause)
      log.warn({ err: cause, code: (error as UserFacingError).code }, 'intake failed on a dependency');
    // Leave nothing half-written: drop the reservation, the stored source and any queued job.
    await s.queue.remove(generation.id).catch(() => undefined);
    await releaseCredit(s.db, generation.id, 'intake_failed').catch((err) =>
      log.error({ err }, 'credit release failed'),
    );
    await s.db.generation.delete({ where: { id: generation.id } }).catch(() => undefined);
    if (storedKey) await s.storage.delete(storedKey).catch(() => undefined);
    throw error;
  }
}

function storageUnavailable(cause: unknown): UserFacingError {
  const e = new UserFacingError('storage_unavailable', {}, true);
  (e as Error & { cause?: unknown }).cause = cause;
  return e;
}
