/**
 * Reports that a user may be under 13 (`/privacy report-child`, or an email to PRIVACY_CONTACT).
 * The operator reviews them (`npm run privacy:child-reports`) and either erases the reported
 * person — immediately, images included, and marks the identity as not to be served — or
 * dismisses the report. Either way the report stops naming the person once it is resolved.
 */
import type { Actor, Reply } from '../../commands/types.ts';
import { UserFacingError } from '../../errors.ts';
import type { ChildReport } from '../../generated/prisma/client.ts';
import { t } from '../../i18n/index.ts';
import type { Services } from '../index.ts';
import type { NotifyIdentity } from '../ports.ts';
import { requestErasure } from './deletion.ts';
import { hashIdentity } from './hashes.ts';
import { findUserOf, identityOf, recordRefusal } from './subjects.ts';

/** A user given as a mention (`<@123>`, `<@!123>`, Slack `<@U123|name>`) or a bare id. */
export function parseReportedUser(input: string): string | null {
  const m =
    /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(input.trim()) ?? /^@?([A-Za-z0-9]{2,40})$/.exec(input.trim());
  return m?.[1] ?? null;
}

export async function reportChild(
  s: Services,
  actor: Actor,
  input: { user: string; details?: string },
): Promise<Reply> {
  const platformUserId = parseReportedUser(input.user);
  if (!platformUserId) {
    throw new UserFacingError('bad_user');
  }
  await s.db.childReport.create({
    data: {
      platform: actor.platform,
      scope: actor.identityScope,
      platformUserId,
      reporterHash: hashIdentity(s.config.encryptionKey, identityOf(actor)),
      details: input.details?.trim().slice(0, 1000) || null,
      createdAt: s.clock(),
    },
  });
  return {
    text: t(actor.locale, 'privacyCorrect.childReported', { contact: s.config.PRIVACY_CONTACT }),
    ephemeral: true,
    tone: 'success',
  };
}

export async function listChildReports(s: Services, status = 'open'): Promise<ChildReport[]> {
  return s.db.childReport.findMany({ where: { status }, orderBy: { createdAt: 'asc' } });
}

/**
 * Acts on a report: the identity is marked "under 13" (never served again) and, when we hold an
 * account for it, an immediate erasure is queued (its job closes the report and clears the id
 * from it). With no account the report is closed at once.
 */
export async function eraseReportedChild(
  s: Services,
  reportId: string,
): Promise<'erasure_queued' | 'nothing_held'> {
  const report = await s.db.childReport.findUnique({ where: { id: reportId } });
  if (!report || report.platformUserId === '[erased]') {
    throw new UserFacingError('no_report');
  }
  const identity: NotifyIdentity = {
    platform: report.platform as NotifyIdentity['platform'],
    scope: report.scope,
    platformUserId: report.platformUserId,
  };
  await recordRefusal(s, identity, 'reported_under_13');
  const user = await findUserOf(s, identity);
  if (user) {
    await requestErasure(s, user, { immediate: true, reason: 'child_report' });
    return 'erasure_queued';
  }
  await s.db.childReport.updateMany({
    where: { platform: report.platform, scope: report.scope, platformUserId: report.platformUserId },
    data: { status: 'erased', resolvedAt: s.clock(), platformUserId: '[erased]', details: null },
  });
  return 'nothing_held';
}

export async function dismissChildReport(s: Services, reportId: string): Promise<void> {
  const { count } = await s.db.childReport.updateMany({
    where: { id: reportId, status: 'open' },
    data: { status: 'dismissed', resolvedAt: s.clock(), platformUserId: '[dismissed]', details: null },
  });
  if (count === 0) throw new UserFacingError('no_report');
}
