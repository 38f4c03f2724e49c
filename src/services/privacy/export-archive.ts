/**
 * The export archive (GDPR Art. 15 and 20): a ZIP with `export.json`, every record we hold about
 * the user in a documented, machine-readable shape (docs/export-format.md), the source and
 * result images, and a short README. Rows are exported whole except for secrets that are ours,
 * not the user's (sealed reply targets, token hashes) and expiring signed URLs; a column added to
 * the schema later appears in the export without a change here.
 */
import yazl from 'yazl';
import type { Services } from '../index.ts';
import type { NotifyIdentity } from '../ports.ts';
import { openReplyTarget } from '../reply-targets.ts';
import { StorageError } from '../storage/storage-error.ts';
import { currentPolicy } from './policy.ts';

export const EXPORT_FORMAT = 'imagegen-personal-data-export';
export const EXPORT_FORMAT_VERSION = 1;

const README = `ImageGen — your personal data export

export.json   every record we hold about you (format "${EXPORT_FORMAT}", version ${EXPORT_FORMAT_VERSION})
images/       the images you sent (…-source.*) and the results we made (…-result.*)

The format is documented at docs/export-format.md in the bot's source code. Times are UTC (ISO 8601).
`;

type Row = Record<string, unknown>;

/** A row as JSON-ready data without the named fields (dates as ISO strings). */
function plain(row: object, omit: readonly string[] = []): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (omit.includes(k)) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

const extOf = (key: string) => key.slice(key.lastIndexOf('.') + 1) || 'bin';

/** Builds the archive for `userId` in memory (images included) and returns the ZIP bytes. */
export async function buildExportArchive(s: Services, userId: string, requestId: string): Promise<Buffer> {
  const user = await s.db.user.findUniqueOrThrow({
    where: { id: userId },
    include: {
      identities: { include: { linkTokens: true }, orderBy: { createdAt: 'asc' } },
      generations: { orderBy: { createdAt: 'asc' } },
      ledger: { orderBy: { createdAt: 'asc' } },
      subscriptions: { orderBy: { createdAt: 'asc' } },
      consentEvents: { orderBy: { createdAt: 'asc' } },
      dataRequests: { orderBy: { requestedAt: 'asc' } },
      exports: { orderBy: { createdAt: 'asc' } },
    },
  });
  const identities: NotifyIdentity[] = user.identities.map((i) => ({
    platform: i.platform as NotifyIdentity['platform'],
    scope: i.scope,
    platformUserId: i.platformUserId,
  }));
  const childReports = identities.length
    ? await s.db.childReport.findMany({ where: { OR: identities }, orderBy: { createdAt: 'asc' } })
    : [];
  const policy = await currentPolicy(s);
  const now = s.clock();

  // Images first: the document names the file each generation's images are in.
  const files = new Map<string, { path: string; data: Buffer }>();
  const missing: string[] = [];
  const fileFor = async (key: string | null, generationId: string, role: 'source' | 'result') => {
    if (!key) return null;
    const known = files.get(key);
    if (known) return known.path;
    try {
      const data = await s.storage.get(key);
      const path = `images/${generationId}-${role}.${extOf(key)}`;
      files.set(key, { path, data });
      return path;
    } catch (e) {
      if (e instanceof StorageError && e.code === 'not_found') {
        missing.push(`${generationId}-${role}`);
        return null;
      }
      throw e;
    }
  };
  const generations: Row[] = [];
  for (const g of user.generations) {
    generations.push({
      ...plain(g, ['replyTarget', 'sourceUrl', 'resultUrl']),
      channelId: channelOf(s, g.replyTarget),
      images: {
        source: await fileFor(g.sourceKey, g.id, 'source'),
        result: await fileFor(g.resultKey, g.id, 'result'),
      },
    });
  }

  const document = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    requestId,
    privacyPolicy: { acceptedVersion: user.policyVersion, currentVersion: policy.version, url: policy.url },
    profile: plain(user, [
      'identities',
      'generations',
      'ledger',
      'subscriptions',
      'consentEvents',
      'dataRequests',
      'exports',
    ]),
    identities: user.identities.map((i) => ({
      ...plain(i, ['linkTokens']),
      linkTokens: i.linkTokens.map((t) => plain(t, ['tokenHash'])),
    })),
    generations,
    creditLedger: user.ledger.map((r) => plain(r)),
    subscriptions: user.subscriptions.map((r) => plain(r)),
    consentEvents: user.consentEvents.map((r) => plain(r)),
    dataRequests: user.dataRequests.map((r) => {
      const { replyTarget: _sealed, ...details } = (r.details ?? {}) as Row;
      return { ...plain(r, ['details']), details };
    }),
    exports: user.exports.map((r) => plain(r, ['tokenHash'])),
    childReportsAboutYou: childReports.map((r) => plain(r, ['reporterHash', 'details'])),
    missingImages: missing,
  };

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(document, null, 2)}\n`), 'export.json', { mtime: now });
  zip.addBuffer(Buffer.from(README), 'README.txt', { mtime: now });
  // Images are compressed already: store them as they are.
  for (const { path, data } of files.values()) zip.addBuffer(data, path, { mtime: now, compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Where the job was asked from (the channel id), from the sealed reply target; tokens stay out. */
function channelOf(s: Services, sealed: string): string | null {
  try {
    return openReplyTarget(s.box, sealed).channelId || null;
  } catch {
    return null;
  }
}
