/** A user's own generations: list, cancel a queued one, delete a result. Ownership is always checked. */
import type { Actor } from '../commands/types.ts';
import { UserFacingError } from '../errors.ts';
import type { Generation } from '../generated/prisma/client.ts';
import { t } from '../i18n/index.ts';
import { releaseCredit } from './credits.ts';
import type { Services } from './index.ts';
import { openReplyTarget } from './reply-targets.ts';
import { resolveUser } from './users.ts';

export async function listRecentGenerations(s: Services, actor: Actor, take = 10): Promise<Generation[]> {
  const user = await resolveUser(s.db, actor);
  return s.db.generation.findMany({
    where: { userId: user.id, status: { not: 'intake' } },
    orderBy: { createdAt: 'desc' },
    take,
  });
}

/** Loads a generation by an id taken from a button and checks that `actor` may act on it. */
export async function findOwnedGeneration(
  s: Services,
  actor: Actor,
  id: string,
  opts: { allowModerators?: boolean } = {},
): Promise<Generation> {
  const notFound = () => new UserFacingError('job_not_found');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const gen = await s.db.generation.findUnique({ where: { id } });
  if (!gen) throw notFound();
  const user = await resolveUser(s.db, actor);
  if (gen.userId !== user.id && !(opts.allowModerators && actor.canManageMessages)) {
    throw new UserFacingError('not_your_job');
  }
  return gen;
}

/** Cancels a job that has not started. Cancelled jobs are never charged. */
export async function cancelGeneration(s: Services, actor: Actor, id: string): Promise<Generation> {
  const gen = await findOwnedGeneration(s, actor, id);
  if (gen.status !== 'queued') {
    throw new UserFacingError(
      'not_cancellable',
      gen.status === 'processing' ? { context: 'processing' } : {},
    );
  }
  const outcome = await s.queue.remove(gen.id);
  if (outcome === 'active') {
    throw new UserFacingError('not_cancellable', { context: 'processing' });
  }
  const updated = await s.db.generation.update({
    where: { id: gen.id },
    data: { status: 'cancelled', finishedAt: s.clock(), errorCode: 'cancelled' },
  });
  await releaseCredit(s.db, gen.id, 'cancelled');
  const target = openReplyTarget(s.box, gen.replyTarget);
  await s.deliveries[target.platform]
    ?.update(target, { text: t(target.locale, 'jobs.cancelled'), tone: 'info' })
    .catch((err) => s.log.warn({ err, generationId: gen.id }, 'could not update the cancelled reply'));
  return updated;
}

/** Deletes a stored result (and the source when no other job uses it). */
export async function deleteGenerationImages(s: Services, actor: Actor, id: string): Promise<void> {
  const gen = await findOwnedGeneration(s, actor, id, { allowModerators: true });
  if (gen.resultKey) await s.storage.delete(gen.resultKey, gen.resultFileId ?? undefined);
  if (gen.sourceKey) {
    // Re-runs share their source with the original job: keep it while another job uses it.
    const sharing = await s.db.generation.count({ where: { sourceKey: gen.sourceKey, id: { not: gen.id } } });
    if (sharing === 0) await s.storage.delete(gen.sourceKey, gen.sourceFileId ?? undefined);
  }
  await s.db.generation.update({
    where: { id: gen.id },
    data: {
      resultKey: null,
      resultUrl: null,
      resultFileId: null,
      sourceKey: null,
      sourceUrl: null,
      sourceFileId: null,
    },
  });
}
