/**
 * Policy-change notices and announcements by DM. A fan-out job picks the users who opted in
 * (policyUpdatesOptIn / marketingOptIn) and adds one `privacy-notify` job per person; the notify
 * worker sends them under a queue-wide rate limit (ANNOUNCEMENT_DMS_PER_MINUTE) and checks the
 * opt-in again right before sending, so someone who opted out meanwhile gets nothing.
 */
import { randomBytes } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { isUserFacing, UserFacingError } from '../../errors.ts';
import { hashId } from '../../logger.ts';
import type { Services } from '../index.ts';
import type { NotifyIdentity } from '../ports.ts';
import { announcementDm, policyUpdateDm } from './messages.ts';
import { currentPolicy } from './policy.ts';
import { NOTIFY_JOB_OPTIONS, type NotifyJob } from './queue.ts';

type Topic = NotifyJob['topic'];

const OPT_IN_FIELD = { policy_update: 'policyUpdatesOptIn', announcement: 'marketingOptIn' } as const;
const safe = (v: string) => v.replace(/[^A-Za-z0-9_-]/g, '_');

/** Queues an announcement to every user who opted into marketing messages. Returns its id. */
export async function queueAnnouncement(s: Services, text: string): Promise<string> {
  const body = text.trim();
  if (!body) throw new UserFacingError('empty_announcement');
  if (body.length > 1500) throw new UserFacingError('long_announcement');
  const announcementId = `${s.clock().getTime()}-${randomBytes(4).toString('hex')}`;
  await s.privacy.add({ kind: 'announcement', announcementId, text: body }, `announcement-${announcementId}`);
  return announcementId;
}

/** Adds one notify job per opted-in user (idempotent per topic, reference and identity). */
export async function fanOutNotices(s: Services, topic: Topic, ref: string, text?: string): Promise<number> {
  let queued = 0;
  let cursor: string | undefined;
  for (;;) {
    const users = await s.db.user.findMany({
      where: { [OPT_IN_FIELD[topic]]: true },
      include: { identities: { orderBy: { createdAt: 'asc' } } },
      orderBy: { id: 'asc' },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (users.length === 0) break;
    cursor = users.at(-1)?.id;
    const jobs = users.flatMap((u) => {
      // One DM per person: the first identity on a platform that can send DMs.
      const identity = u.identities.find(
        (i) => s.deliveries[i.platform as NotifyIdentity['platform']]?.notify,
      );
      if (!identity) return [];
      return [
        {
          name: topic,
          data: { identityId: identity.id, topic, ref, ...(text ? { text } : {}) },
          opts: { ...NOTIFY_JOB_OPTIONS, jobId: `${topic}-${safe(ref)}-${identity.id}` },
        },
      ];
    });
    if (jobs.length) await s.privacy.notify.addBulk(jobs);
    queued += jobs.length;
  }
  s.log.info({ topic, queued }, 'notices queued');
  return queued;
}

/** Sends one notice. Skips people who opted out since; a closed DM channel is not retried. */
export async function sendNotice(s: Services, job: NotifyJob): Promise<'sent' | 'skipped'> {
  const identity = await s.db.platformIdentity.findUnique({
    where: { id: job.identityId },
    include: { user: true },
  });
  if (!identity?.user[OPT_IN_FIELD[job.topic]]) return 'skipped';
  const delivery = s.deliveries[identity.platform as NotifyIdentity['platform']];
  if (!delivery?.notify) return 'skipped';
  const reply =
    job.topic === 'policy_update'
      ? policyUpdateDm(await policyFor(s, job.ref))
      : announcementDm(job.text ?? '');
  try {
    await delivery.notify(
      {
        platform: identity.platform as NotifyIdentity['platform'],
        scope: identity.scope,
        platformUserId: identity.platformUserId,
      },
      reply,
      `${job.topic}:${job.ref}:${identity.id}`,
    );
    return 'sent';
  } catch (error) {
    if (isUserFacing(error)) {
      s.log.info({ user: hashId(identity.platformUserId), code: error.code }, 'notice not deliverable');
      throw new UnrecoverableError(error.code);
    }
    throw error;
  }
}

async function policyFor(s: Services, version: string) {
  const row = await s.db.policyVersion.findUnique({ where: { version } });
  return row ?? (await currentPolicy(s));
}
