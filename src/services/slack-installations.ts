/**
 * Slack workspace installations (one bot token per workspace or Enterprise Grid org), kept in
 * Postgres with the whole installation sealed by the secret box (AES-256-GCM): the bot token never
 * sits in the database in clear. Only the lookup keys (team / enterprise id) are plain columns.
 * The installation itself is opaque JSON here; `src/bots/slack` gives it Bolt's shape.
 */
import type { Db } from '../db.ts';
import type { SecretBox } from './secret-box.ts';

/** Which installation a request belongs to (Bolt's InstallationQuery, minus the Bolt types). */
export interface InstallationKeys {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** An org-wide install (Enterprise Grid): keyed by the enterprise id. */
  isEnterpriseInstall?: boolean | undefined;
}

export interface SlackInstallationRecord extends InstallationKeys {
  botUserId?: string | undefined;
  /** The installation (tokens included), JSON-serialisable. Sealed before it is written. */
  installation: unknown;
}

export interface SlackInstallationRepository {
  /** Inserts or replaces the installation of the workspace / org. */
  save(record: SlackInstallationRecord): Promise<void>;
  /** The installation serving these keys: the workspace's own, else its org-wide one. */
  find(keys: InstallationKeys): Promise<unknown | undefined>;
  /** Deletes the installation these keys name; returns how many rows went (0 or 1). */
  remove(keys: InstallationKeys): Promise<number>;
}

/** "E…" for an org-wide install, else "T…"; undefined when the keys name neither. */
export function installKeyOf(keys: InstallationKeys): string | undefined {
  if (keys.isEnterpriseInstall && keys.enterpriseId) return keys.enterpriseId;
  return keys.teamId || undefined;
}

export function createSlackInstallationRepository(db: Db, box: SecretBox): SlackInstallationRepository {
  const open = (sealed: string): unknown => JSON.parse(box.open(sealed));

  return {
    async save(record) {
      const installKey = installKeyOf(record);
      if (!installKey) throw new Error('a Slack installation needs a team id or an enterprise id');
      const data = {
        teamId: record.teamId ?? null,
        enterpriseId: record.enterpriseId ?? null,
        isEnterpriseInstall: record.isEnterpriseInstall === true,
        botUserId: record.botUserId ?? null,
        sealedInstallation: box.seal(JSON.stringify(record.installation)),
      };
      await db.slackInstallation.upsert({
        where: { installKey },
        create: { installKey, ...data },
        update: data,
      });
    },

    async find(keys) {
      const own = installKeyOf(keys);
      if (own) {
        const row = await db.slackInstallation.findUnique({ where: { installKey: own } });
        if (row) return open(row.sealedInstallation);
      }
      // A workspace inside an Enterprise Grid org may be served by the org-wide install.
      if (!keys.isEnterpriseInstall && keys.enterpriseId) {
        const org = await db.slackInstallation.findUnique({ where: { installKey: keys.enterpriseId } });
        if (org?.isEnterpriseInstall) return open(org.sealedInstallation);
      }
      return undefined;
    },

    async remove(keys) {
      const installKey = installKeyOf(keys);
      if (!installKey) return 0;
      const { count } = await db.slackInstallation.deleteMany({ where: { installKey } });
      return count;
    },
  };
}

/**
 * Re-seals every installation with the box's current key (after a key rotation, while the old key
 * is still listed as a previous key). Returns how many rows were rewritten.
 */
export async function resealSlackInstallations(db: Db, box: SecretBox): Promise<number> {
  const rows = await db.slackInstallation.findMany({ select: { id: true, sealedInstallation: true } });
  for (const row of rows) {
    await db.slackInstallation.update({
      where: { id: row.id },
      data: { sealedInstallation: box.seal(box.open(row.sealedInstallation)) },
    });
  }
  return rows.length;
}
