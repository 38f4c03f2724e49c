/**
 * `/privacy delete`: a confirmation step (a button, or `confirm:DELETE` typed in the command),
 * then a queued erasure whose job answers with exactly what was removed and what is removed when.
 * `requestErasure` is also how the age gate (under 13) and operators (child reports) erase.
 */
import type { Invocation, Reply, ReplyTarget } from '../../commands/types.ts';
import type { DataRequest, User } from '../../generated/prisma/client.ts';
import { t } from '../../i18n/index.ts';
import type { Services } from '../index.ts';
import { sealReplyTarget } from '../reply-targets.ts';
import { recordDataRequest } from './requests.ts';
import { findUserOf, identityOf } from './subjects.ts';

const nothing = (locale: string | undefined): Reply => ({
  text: t(locale, 'privacyRequests.nothingToDelete'),
  ephemeral: true,
  tone: 'info',
});

/** Asks for confirmation, unless the user already typed it. */
export async function askToDelete(
  s: Services,
  inv: Invocation,
  opts: { immediate: boolean; typedConfirmation?: string },
): Promise<Reply> {
  if (opts.typedConfirmation?.trim().toUpperCase() === 'DELETE') return startDeletion(s, inv, opts.immediate);
  const locale = inv.actor.locale;
  const user = await findUserOf(s, identityOf(inv.actor));
  if (!user) return nothing(locale);
  const images = opts.immediate
    ? t(locale, 'privacyRequests.imagesNow')
    : t(locale, 'privacyRequests.imagesKept', { days: s.config.RETENTION_DAYS });
  return {
    title: t(locale, 'privacyRequests.deleteTitle'),
    text: t(locale, 'privacyRequests.deleteText', { images }),
    buttons: [
      {
        command: 'privacy',
        action: 'erase',
        value: opts.immediate ? 'immediate' : 'retain',
        label: t(locale, 'privacyRequests.deleteYes'),
        style: 'danger',
      },
      {
        command: 'privacy',
        action: 'keep',
        value: 'cancel',
        label: t(locale, 'privacyRequests.cancel'),
        style: 'secondary',
      },
    ],
    ephemeral: true,
    tone: 'warning',
  };
}

/** Queues the erasure of the invoking user's data. Harmless when there is nothing left. */
export async function startDeletion(s: Services, inv: Invocation, immediate: boolean): Promise<Reply> {
  const user = await findUserOf(s, identityOf(inv.actor));
  if (!user) return nothing(inv.actor.locale);
  await requestErasure(s, user, { immediate, reason: 'user_request', replyTarget: inv.replyTarget });
  return {
    text: t(inv.actor.locale, 'privacyRequests.deleting'),
    ephemeral: true,
    tone: 'info',
  };
}

/**
 * Records a `delete` request and queues the erasure job (the job answers the user). A request
 * already waiting for this user is reused, so pressing the button twice erases once.
 */
export async function requestErasure(
  s: Services,
  user: User,
  opts: { immediate: boolean; reason: string; replyTarget?: ReplyTarget },
): Promise<DataRequest> {
  const open = await s.db.dataRequest.findFirst({
    where: { userId: user.id, kind: 'delete', status: { in: ['pending', 'processing'] } },
  });
  const request =
    open ??
    (await recordDataRequest(s, s.db, {
      userId: user.id,
      kind: 'delete',
      details: {
        immediate: opts.immediate,
        reason: opts.reason,
        ...(opts.replyTarget ? { replyTarget: sealReplyTarget(s.box, opts.replyTarget) } : {}),
      },
    }));
  await s.privacy.add({ kind: 'erase', requestId: request.id }, `erase-${request.id}`);
  return request;
}
