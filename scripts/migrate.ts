/**
 * `npm run migrate`: applies pending migrations from prisma/migrations to DATABASE_URL, like
 * `prisma migrate deploy` but without Prisma's native engine (see src/services/migrations.ts).
 * Safe to run from several processes at once; exits non-zero with the reason on failure.
 */
import { loadConfig } from '../src/config.ts';
import { applyMigrations } from '../src/services/migrations.ts';

try {
  const config = loadConfig(process.env);
  const database = new URL(config.DATABASE_URL).pathname.slice(1);
  console.log(`Migrating database "${decodeURIComponent(database)}"`);
  const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, log: (m) => console.log(m) });
  console.log(
    applied.length === 0
      ? 'Database is up to date.'
      : `Applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
} catch (err) {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
