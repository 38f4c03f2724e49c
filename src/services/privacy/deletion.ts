/**
 * `/privacy delete`: a confirmation step (a button, or `confirm:DELETE` typed in the command),
 * then a queued erasure whose job answers with exactly what was removed and what is removed when.
 * `requestErasure` is also how the age gate (under 13) and operators (child reports) erase.
 */
import type { Invocation, Reply, ReplyTarget } from '../../commands/types.ts';
import type { DataRequest, User } from '../../generated/prisma/client.ts';
import type { Services } from '../index.ts';
import { sealReplyTarget } from '../reply-targets.ts';
import { recordDataRequest } from './requests.ts';
import { findUserOf, identityOf } from './subjects.ts';

const NOTHING: Reply = {
  text: 'We hold no data about you, so there is nothing to delete.',
  ephemeral: true,
  tone: 'info',
};

/** Asks for confirmation, unless the user already typed it. */
export async function askToDelete(
  s: Services,
  inv: Invocation,
  opts: { immediate: boolean; typedConfirmation?: string },
): Promise<Reply> {
  if (opts.typedConfirmation?.trim().toUpperCase() === 'DELETE') return startDeletion(s, inv, opts.immediate);
  const user = await findUserOf(s, identityOf(inv.actor));
  if (!user) return NOTHING;
  const images = opts.immediate
    ? 'Your images are deleted at once and purged from the CDN cache.'
    : `Your images are kept ${s.config.RETENTION_DAYS} days, unlinked from you, then deleted (choose \`immediate\` to delete them at once).`;
  return {
    title: 'Delete all your data?',
    text:
      'This erases your profile, linked chat identities, image jobs and prompts, consents and exports, deletes your linked ImageGen login and payment customer, and cancels any subscription. ' +
      `${images} It cannot be undone.`,
    buttons: [
      {
        command: 'privacy',
        action: 'erase',
        value: opts.immediate ? 'immediate' : 'retain',
        label: 'Yes, delete everything',
        style: 'danger',
      },
      { command: 'privacy', action: 'keep', value: 'cancel', label: 'Cancel', style: 'secondary' },
    ],
    ephemeral: true,
    tone: 'warning',
  };
}

/** Queues the erasure of the invoking user's data. Harmless when there is nothing left. */
export async function startDeletion(s: Services, inv: Invocation, immediate: boolean): Promise<Reply> {
  const user = await findUserOf(s, identityOf(inv.actor));
  if (!user) return NOTHING;
  await requestErasure(s, user, { immediate, reason: 'user_request', replyTarget: inv.replyTarget });
  return {
    text: '🗑️ Deleting your data… I will tell you here (or by direct message) exactly what was removed.',
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
