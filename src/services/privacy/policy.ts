/**
 * Privacy policy versions. The operator publishes a version (`npm run policy:publish`, or by
 * setting PRIVACY_POLICY_VERSION and restarting); the newest published one is current. A user
 * whose accepted version is not the current one is asked to accept again before the next image,
 * and users who opted into policy updates get a DM (a `policy-notice` job fans them out).
 */
import { UserFacingError } from '../../errors.ts';
import type { PolicyVersion } from '../../generated/prisma/client.ts';
import type { Services } from '../index.ts';

export interface CurrentPolicy {
  version: string;
  url: string;
  summary: string | null;
  publishedAt: Date | null;
}

/** The newest published version, or the configured one when nothing was published yet. */
export async function currentPolicy(s: Services): Promise<CurrentPolicy> {
  const latest = await s.db.policyVersion.findFirst({
    orderBy: [{ publishedAt: 'desc' }, { version: 'desc' }],
  });
  if (latest) return latest;
  return {
    version: s.config.PRIVACY_POLICY_VERSION,
    url: s.config.privacyPolicyUrl,
    summary: null,
    publishedAt: null,
  };
}

/**
 * Publishes a new version (it becomes current at once) and queues the DMs to users who opted into
 * policy updates. Publishing a version that exists is refused, so a notice is never sent twice.
 */
export async function publishPolicyVersion(
  s: Services,
  input: { version: string; summary?: string; url?: string },
): Promise<PolicyVersion> {
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(input.version)) {
    throw new UserFacingError('bad_version');
  }
  const exists = await s.db.policyVersion.findUnique({ where: { version: input.version } });
  if (exists) throw new UserFacingError('version_exists', { version: input.version });
  const row = await s.db.policyVersion.create({
    data: {
      version: input.version,
      url: input.url ?? s.config.privacyPolicyUrl,
      summary: input.summary?.trim() || null,
      publishedAt: s.clock(),
    },
  });
  await s.privacy.add(
    { kind: 'policy-notice', version: row.version },
    `policy-notice-${safeId(row.version)}`,
  );
  return row;
}

/**
 * Records the configured PRIVACY_POLICY_VERSION as published when it is new (first start, or the
 * operator changed it). When it replaces an earlier version, opted-in users are notified as for
 * `publishPolicyVersion`. Safe to run from several processes at once.
 */
export async function ensureConfiguredPolicy(s: Services): Promise<boolean> {
  const version = s.config.PRIVACY_POLICY_VERSION;
  const earlier = await s.db.policyVersion.count({ where: { version: { not: version } } });
  const { count } = await s.db.policyVersion.createMany({
    data: [{ version, url: s.config.privacyPolicyUrl, publishedAt: s.clock() }],
    skipDuplicates: true,
  });
  if (count === 1 && earlier > 0) {
    await s.privacy.add({ kind: 'policy-notice', version }, `policy-notice-${safeId(version)}`);
  }
  return count === 1;
}

/** BullMQ job ids may not contain ":"; versions are already restricted, this is belt and braces. */
const safeId = (v: string) => v.replace(/[^A-Za-z0-9_-]/g, '_');
