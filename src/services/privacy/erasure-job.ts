/**
 * The `erase` job: answers a `delete` DataRequest with `eraseUser`, then tells the person exactly
 * what was removed and what will be removed when. Safe to run twice: a completed request only
 * re-sends its confirmation (same delivery key) until it has been delivered once.
 */
import type { Reply } from '../../commands/types.ts';
import type { Config } from '../../config.ts';
import type { Prisma } from '../../db.ts';
import type { Services } from '../index.ts';
import { alreadyErasedSummary, type ErasureSummary, eraseUser } from './erasure.ts';
import { reachRequester } from './reach.ts';
import { detailsOf } from './requests.ts';

export async function runErasureRequest(s: Services, requestId: string): Promise<void> {
  let request = await s.db.dataRequest.findUnique({ where: { id: requestId } });
  if (request?.kind !== 'delete' || request.status === 'cancelled') return;
  if (request.status !== 'completed') {
    await s.db.dataRequest.update({
      where: { id: request.id },
      data: { status: 'processing', startedAt: request.startedAt ?? s.clock() },
    });
    const details = detailsOf(request);
    if (request.userId) {
      await eraseUser(s, request.userId, { immediate: details.immediate === true, requestId: request.id });
    } else {
      // Erased meanwhile (another request, an operator): nothing left to do.
      const summary = alreadyErasedSummary();
      await s.db.dataRequest.update({
        where: { id: request.id },
        data: {
          status: 'completed',
          completedAt: s.clock(),
          details: { ...details, summary } as unknown as Prisma.InputJsonValue,
        },
      });
    }
    request = await s.db.dataRequest.findUniqueOrThrow({ where: { id: request.id } });
  }
  const { replyTarget, ...rest } = detailsOf(request);
  if (!replyTarget) return;
  const summary = rest.summary as ErasureSummary | undefined;
  if (summary) {
    await reachRequester(
      s,
      { sealedTarget: replyTarget, identities: [] },
      erasureConfirmation(summary, s.config),
      `erase:${request.id}`,
      'reply',
    );
  }
  // The sealed target holds the person's chat ids (encrypted): not kept once it served.
  await s.db.dataRequest.update({
    where: { id: request.id },
    data: { details: rest as Prisma.InputJsonValue },
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The confirmation: what was removed now, what is removed later (and when), what is kept and why. */
export function erasureConfirmation(
  summary: ErasureSummary,
  config: Pick<Config, 'RETENTION_DAYS' | 'PRIVACY_CONTACT'>,
): Reply {
  if (summary.alreadyErased) {
    return {
      title: 'Nothing left to delete',
      text: 'Your data had already been erased, so there was nothing more to remove. Deleting twice is harmless.',
      ephemeral: true,
      tone: 'info',
    };
  }
  const removed = [
    'your profile: name, email, plan, credits, consents and preferences',
    summary.identities.length
      ? `${plural(summary.identities.length, 'linked chat identity', 'linked chat identities')} (${[...new Set(summary.identities)].join(', ')}), now unlinked`
      : undefined,
    `${plural(summary.generations, 'image job')} with their prompts`,
    `${plural(summary.consentEvents, 'consent record')}`,
    summary.exports ? `${plural(summary.exports, 'export archive')}` : undefined,
    summary.subscriptions ? `${plural(summary.subscriptions, 'subscription record')}` : undefined,
    summary.queuedJobsRemoved
      ? `${plural(summary.queuedJobsRemoved, 'queued job')} (cancelled, never run)`
      : undefined,
    summary.identityProviderUserDeleted ? 'your ImageGen account login (Clerk)' : undefined,
    summary.stripeCustomerDeleted
      ? `your Stripe customer record${summary.stripeSubscriptionsCancelled ? `, ${plural(summary.stripeSubscriptionsCancelled, 'subscription')} cancelled` : ''}`
      : undefined,
  ].filter(Boolean);
  const images =
    summary.imagesDeletedNow > 0
      ? `**Images:** ${plural(summary.imagesDeletedNow, 'stored image')} (your uploads and results) deleted now and purged from the CDN cache.`
      : summary.imagesRetained > 0 && summary.imagesDeleteAfter
        ? `**Images:** ${plural(summary.imagesRetained, 'stored image')} (your uploads and results) will be deleted from our image storage on ${summary.imagesDeleteAfter.slice(0, 10)} (UTC), ${config.RETENTION_DAYS} days from now, as our privacy policy says. Nothing links them to you any more.`
        : '**Images:** none were stored.';
  const kept = [
    summary.ledgerRowsAnonymised
      ? `${plural(summary.ledgerRowsAnonymised, 'credit ledger entry', 'credit ledger entries')} (bookkeeping)`
      : undefined,
    summary.dataRequestsKept
      ? `${plural(summary.dataRequestsKept, 'record')} of your privacy requests (proof we answered them)`
      : undefined,
  ].filter(Boolean);
  return {
    title: 'Your data has been deleted',
    text: [
      `**Removed now:**\n${removed.map((r) => `• ${r}`).join('\n')}`,
      images,
      kept.length ? `**Kept without anything that identifies you:** ${kept.join('; ')}.` : undefined,
      `Nothing else about you remains. Using the bot again starts a new, empty account. Questions: ${config.PRIVACY_CONTACT}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    ephemeral: true,
    tone: 'success',
  };
}
