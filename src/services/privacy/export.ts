/**
 * `/privacy export`: the request is recorded and queued; the `export` job builds the archive,
 * stores it under `exports/<requestId>.zip`, and sends the person a download link
 * `${PUBLIC_URL}/exports/<exportId>.<secret>` by DM (or in the command's ephemeral reply).
 *
 * The secret is 256 random bits; only its SHA-256 is stored, so the database cannot produce a
 * working link. A link works until EXPORT_LINK_TTL_HOURS after it was made, and only for the
 * export it was made for: an id paired with another export's secret, a changed character or an
 * expired link all get the same 403 page. Possession of the link is access (docs/export-format.md).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { Invocation, Reply } from '../../commands/types.ts';
import type { Prisma } from '../../db.ts';
import type { DataExport } from '../../generated/prisma/client.ts';
import { t } from '../../i18n/index.ts';
import { hashId } from '../../logger.ts';
import type { Services } from '../index.ts';
import type { NotifyIdentity } from '../ports.ts';
import { sealReplyTarget } from '../reply-targets.ts';
import { buildExportArchive } from './export-archive.ts';
import { reachRequester, requesterLocale } from './reach.ts';
import { detailsOf, recordDataRequest } from './requests.ts';
import { findUserOf, identityOf, isBlocked, personalStringsOf } from './subjects.ts';

const TOKEN_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function exportKey(requestId: string): string {
  return `exports/${requestId}.zip`;
}

/** Records the request and queues the job; answers at once. */
export async function requestExport(s: Services, inv: Invocation): Promise<Reply> {
  const identity = identityOf(inv.actor);
  const user = await findUserOf(s, identity);
  if (!user || (await isBlocked(s, identity))) {
    return {
      text: t(inv.actor.locale, 'privacyRequests.nothingToExport'),
      ephemeral: true,
      tone: 'info',
    };
  }
  const open = await s.db.dataRequest.findFirst({
    where: { userId: user.id, kind: 'export', status: { in: ['pending', 'processing'] } },
  });
  if (open) {
    return {
      text: t(inv.actor.locale, 'privacyRequests.exportPending'),
      ephemeral: true,
      tone: 'info',
    };
  }
  const request = await recordDataRequest(s, s.db, {
    userId: user.id,
    kind: 'export',
    details: { replyTarget: sealReplyTarget(s.box, inv.replyTarget) },
  });
  await s.privacy.add({ kind: 'export', requestId: request.id }, `export-${request.id}`);
  return {
    title: t(inv.actor.locale, 'privacyRequests.exportTitle'),
    text: t(inv.actor.locale, 'privacyRequests.exportText', { hours: s.config.EXPORT_LINK_TTL_HOURS }),
    ephemeral: true,
    tone: 'info',
  };
}

/**
 * The `export` job. Retries are cheap: an archive already stored is not built again; a new link
 * secret is made each time a link is sent (only its hash is kept, so an old one cannot be resent).
 */
export async function runExportRequest(
  s: Services,
  requestId: string,
  attempt: { isFinalAttempt: boolean },
): Promise<void> {
  const request = await s.db.dataRequest.findUnique({ where: { id: requestId } });
  if (request?.kind !== 'export' || request.status === 'completed' || request.status === 'cancelled') return;
  if (!request.userId) {
    await s.db.dataRequest.update({
      where: { id: request.id },
      data: { status: 'cancelled', completedAt: s.clock(), error: 'account erased', details: {} },
    });
    return;
  }
  const userId = request.userId;
  const log = s.log.child({ requestId, user: hashId(userId) });
  await s.db.dataRequest.update({
    where: { id: request.id },
    data: { status: 'processing', startedAt: request.startedAt ?? s.clock(), error: null },
  });
  try {
    let stored = await s.db.dataExport.findUnique({ where: { requestId } });
    const secret = randomBytes(32).toString('base64url');
    const madeAt = s.clock();
    const expiresAt = new Date(madeAt.getTime() + s.config.EXPORT_LINK_TTL_HOURS * 3600_000);
    if (!stored) {
      const archive = await buildExportArchive(s, userId, requestId);
      await s.storage.put(exportKey(requestId), archive, 'application/zip');
      stored = await s.db.dataExport.create({
        data: {
          userId,
          requestId,
          storageKey: exportKey(requestId),
          tokenHash: sha256(secret),
          expiresAt,
          createdAt: madeAt,
        },
      });
    } else {
      stored = await s.db.dataExport.update({
        where: { id: stored.id },
        data: { tokenHash: sha256(secret), expiresAt },
      });
    }
    const link = exportLink(s, stored.id, secret);
    const identities = await s.db.platformIdentity.findMany({ where: { userId } });
    const { replyTarget, ...rest } = detailsOf(request);
    const reached = await reachRequester(
      s,
      { sealedTarget: replyTarget, identities: identities.map(toIdentity) },
      exportReadyReply(link, expiresAt, requesterLocale(s, replyTarget)),
      `export:${request.id}`,
      'dm',
    );
    await s.db.dataRequest.update({
      where: { id: request.id },
      data: {
        status: 'completed',
        completedAt: s.clock(),
        details: { ...rest, delivered: reached } as Prisma.InputJsonValue,
      },
    });
    log.info({ reached }, 'export ready');
  } catch (error) {
    if (!attempt.isFinalAttempt) {
      log.warn(
        { err: { type: (error as Error)?.name, code: (error as { code?: string })?.code } },
        'export attempt failed; will retry',
      );
      throw error;
    }
    await failExport(s, request.id, userId, error);
    throw new UnrecoverableError('export_failed');
  }
}

/** Final failure: reported (scrubbed of everything personal we know about), recorded, and told. */
async function failExport(s: Services, requestId: string, userId: string, error: unknown): Promise<void> {
  const personal = await personalStringsOf(s, userId);
  const eventId = s.report(error, { requestId, stage: 'privacy-export' }, personal);
  const request = await s.db.dataRequest.update({
    where: { id: requestId },
    data: { status: 'failed', error: `export failed${eventId ? ` (event ${eventId})` : ''}` },
  });
  const identities = await s.db.platformIdentity.findMany({ where: { userId } });
  const { replyTarget } = detailsOf(request);
  const locale = requesterLocale(s, replyTarget);
  await reachRequester(
    s,
    { sealedTarget: replyTarget, identities: identities.map(toIdentity) },
    {
      text: eventId
        ? t(locale, 'privacyExport.failedWithId', { eventId, contact: s.config.PRIVACY_CONTACT })
        : t(locale, 'privacyExport.failed', { contact: s.config.PRIVACY_CONTACT }),
      ephemeral: true,
      tone: 'error',
    },
    `export-failed:${requestId}`,
    'dm',
  );
}

function exportReadyReply(link: string, expiresAt: Date, locale: string | undefined): Reply {
  return {
    title: t(locale, 'privacyExport.readyTitle'),
    text: t(locale, 'privacyExport.ready', {
      link,
      until: expiresAt.toISOString().replace('T', ' ').slice(0, 16),
    }),
    ephemeral: true,
    tone: 'success',
  };
}

const toIdentity = (i: { platform: string; scope: string; platformUserId: string }): NotifyIdentity => ({
  platform: i.platform as NotifyIdentity['platform'],
  scope: i.scope,
  platformUserId: i.platformUserId,
});

/**
 * The export a download token unlocks, or null for anything else (malformed, unknown id, a
 * secret that is not this export's, expired). Callers answer every null the same way (403).
 */
export async function resolveExportDownload(s: Services, token: string): Promise<DataExport | null> {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return null;
  const [, id, secret] = m as unknown as [string, string, string];
  const row = await s.db.dataExport.findUnique({ where: { id } });
  if (!row) return null;
  const given = Buffer.from(sha256(secret));
  const expected = Buffer.from(row.tokenHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (row.expiresAt.getTime() <= s.clock().getTime()) return null;
  return row;
}

/** The user's exports that can still be downloaded (for the account page). */
export async function listLiveExports(s: Services, userId: string): Promise<DataExport[]> {
  return s.db.dataExport.findMany({
    where: { userId, expiresAt: { gt: s.clock() } },
    orderBy: { createdAt: 'desc' },
  });
}

/**
 * A fresh link for one of `userId`'s live exports (the account page, where the person is signed
 * in): the secret is rotated, so an earlier link stops working. Null when the export is not
 * theirs or has expired.
 */
export async function reissueExportLink(
  s: Services,
  userId: string,
  exportId: string,
): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/.test(exportId)) return null;
  const row = await s.db.dataExport.findUnique({ where: { id: exportId } });
  if (!row || row.userId !== userId || row.expiresAt.getTime() <= s.clock().getTime()) return null;
  const secret = randomBytes(32).toString('base64url');
  await s.db.dataExport.update({ where: { id: row.id }, data: { tokenHash: sha256(secret) } });
  return exportLink(s, row.id, secret);
}

function exportLink(s: Services, exportId: string, secret: string): string {
  return `${s.config.PUBLIC_URL.replace(/\/+$/, '')}/exports/${exportId}.${secret}`;
}
