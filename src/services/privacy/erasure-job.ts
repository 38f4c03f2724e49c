/**
 * The `erase` job: answers a `delete` DataRequest with `eraseUser`, then tells the person exactly
 * what was removed and what will be removed when. Safe to run twice: a completed request only
 * re-sends its confirmation (same delivery key) until it has been delivered once.
 */
import type { Reply } from '../../commands/types.ts';
import type { Config } from '../../config.ts';
import type { Prisma } from '../../db.ts';
import { t } from '../../i18n/index.ts';
import type { Services } from '../index.ts';
import { alreadyErasedSummary, type ErasureSummary, eraseUser } from './erasure.ts';
import { reachRequester, requesterLocale } from './reach.ts';
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
      erasureConfirmation(summary, s.config, requesterLocale(s, replyTarget)),
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

/** The confirmation: what was removed now, what is removed later (and when), what is kept and why. */
export function erasureConfirmation(
  summary: ErasureSummary,
  config: Pick<Config, 'RETENTION_DAYS' | 'PRIVACY_CONTACT'>,
  locale?: string,
): Reply {
  if (summary.alreadyErased) {
    return {
      title: t(locale, 'erasure.alreadyTitle'),
      text: t(locale, 'erasure.already'),
      ephemeral: true,
      tone: 'info',
    };
  }
  const removed = [
    t(locale, 'erasure.profile'),
    summary.identities.length
      ? t(locale, 'erasure.identities', {
          count: summary.identities.length,
          list: [...new Set(summary.identities)].join(', '),
        })
      : undefined,
    t(locale, 'erasure.generations', { count: summary.generations }),
    t(locale, 'erasure.consentRecords', { count: summary.consentEvents }),
    summary.exports ? t(locale, 'erasure.exports', { count: summary.exports }) : undefined,
    summary.subscriptions ? t(locale, 'erasure.subscriptions', { count: summary.subscriptions }) : undefined,
    summary.queuedJobsRemoved ? t(locale, 'erasure.queued', { count: summary.queuedJobsRemoved }) : undefined,
    summary.identityProviderUserDeleted ? t(locale, 'erasure.clerk') : undefined,
    summary.stripeCustomerDeleted
      ? summary.stripeSubscriptionsCancelled
        ? t(locale, 'erasure.stripeCancelled', { count: summary.stripeSubscriptionsCancelled })
        : t(locale, 'erasure.stripe')
      : undefined,
  ].filter(Boolean);
  const images =
    summary.imagesDeletedNow > 0
      ? t(locale, 'erasure.imagesNow', { count: summary.imagesDeletedNow })
      : summary.imagesRetained > 0 && summary.imagesDeleteAfter
        ? t(locale, 'erasure.imagesLater', {
            count: summary.imagesRetained,
            date: summary.imagesDeleteAfter.slice(0, 10),
            days: config.RETENTION_DAYS,
          })
        : t(locale, 'erasure.imagesNone');
  const kept = [
    summary.ledgerRowsAnonymised
      ? t(locale, 'erasure.ledger', { count: summary.ledgerRowsAnonymised })
      : undefined,
    summary.dataRequestsKept ? t(locale, 'erasure.requests', { count: summary.dataRequestsKept }) : undefined,
  ].filter(Boolean);
  return {
    title: t(locale, 'erasure.title'),
    text: [
      `${t(locale, 'erasure.removedHeading')}\n${removed.map((r) => `• ${r}`).join('\n')}`,
      images,
      kept.length ? t(locale, 'erasure.kept', { list: kept.join('; ') }) : undefined,
      t(locale, 'erasure.end', { contact: config.PRIVACY_CONTACT }),
    ]
      .filter(Boolean)
      .join('\n\n'),
    ephemeral: true,
    tone: 'success',
  };
}
