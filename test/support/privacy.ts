/**
 * The first-use age gate (src/services/eligibility.ts) asks every new chat user to confirm their
 * age and accept the privacy policy before their first image. Tests of other features do not
 * want to click through it, so `startTestBot` makes every User row created in its database start
 * out as having done so (column defaults on the test database only; production has none). Tests
 * of the gate itself pass `privacyGate: 'real'`.
 */
import { configSchema } from '../../src/config.ts';
import type { Db } from '../../src/db.ts';

export const DEFAULT_POLICY_VERSION: string = configSchema.shape.PRIVACY_POLICY_VERSION.parse(undefined);

/** New Users in `db` are created with age confirmed and `version` of the policy accepted. */
export async function preAcceptPrivacyPolicy(db: Db, version = DEFAULT_POLICY_VERSION): Promise<void> {
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(version)) throw new Error(`not a policy version: ${version}`);
  await db.$executeRawUnsafe(
    `ALTER TABLE "User" ALTER COLUMN "ageConfirmedAt" SET DEFAULT now(), ALTER COLUMN "policyAcceptedAt" SET DEFAULT now(), ALTER COLUMN "policyVersion" SET DEFAULT '${version}'`,
  );
}

/** Every row of every table (but the migrations log) as JSON text, by table name. */
export async function snapshotTables(db: Db): Promise<Map<string, string[]>> {
  const tables = await db.$queryRaw<Array<{ table_name: string }>>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const out = new Map<string, string[]>();
  for (const { table_name } of tables) {
    const rows = await db.$queryRawUnsafe<Array<{ j: string }>>(
      `SELECT row_to_json(t)::text AS j FROM "${table_name.replace(/"/g, '""')}" t`,
    );
    out.set(
      table_name,
      rows.map((r) => r.j),
    );
  }
  return out;
}

/** `table: row` for every row (in any table) whose JSON contains one of `needles`. */
export function rowsMentioning(snapshot: Map<string, string[]>, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const [table, rows] of snapshot) {
    for (const row of rows) {
      const found = needles.filter((n) => n && row.includes(n));
      if (found.length) hits.push(`${table}: ${found.join(', ')} in ${row.slice(0, 300)}`);
    }
  }
  return hits;
}
