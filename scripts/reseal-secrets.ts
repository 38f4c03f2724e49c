/**
 * `npm run secrets:reseal` — the second half of a DATA_ENCRYPTION_KEY rotation (docs/slack.md):
 * with the new key in DATA_ENCRYPTION_KEY and the old one in DATA_ENCRYPTION_KEY_PREVIOUS, it
 * re-seals every stored secret with the new key — Slack installations (bot tokens) and the reply
 * targets of generations (interaction tokens, response URLs). Afterwards the old key can be
 * removed from DATA_ENCRYPTION_KEY_PREVIOUS. Safe to run more than once.
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { createDb } from '../src/db.ts';
import { createSecretBox } from '../src/services/secret-box.ts';
import { resealSlackInstallations } from '../src/services/slack-installations.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  if (!config.DATA_ENCRYPTION_KEY) {
    console.error('DATA_ENCRYPTION_KEY is not set: there is no new key to re-seal with.');
    process.exit(2);
  }
  const box = createSecretBox(
    config.encryptionKey,
    config.DATA_ENCRYPTION_KEY_PREVIOUS.map((k) => Buffer.from(k, 'base64')),
  );
  const db = createDb(config.DATABASE_URL);
  try {
    const installations = await resealSlackInstallations(db, box);
    let targets = 0;
    const pageSize = 500;
    for (let cursor: string | undefined; ; ) {
      const rows = await db.generation.findMany({
        select: { id: true, replyTarget: true },
        orderBy: { id: 'asc' },
        take: pageSize,
        ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      });
      for (const row of rows) {
        if (!row.replyTarget) continue;
        await db.generation.update({
          where: { id: row.id },
          data: { replyTarget: box.seal(box.open(row.replyTarget)) },
        });
        targets++;
      }
      if (rows.length < pageSize) break;
      cursor = rows.at(-1)?.id;
    }
    console.log(
      `re-sealed ${installations} Slack installation(s) and ${targets} reply target(s) with the current key.`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error('re-sealing failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
