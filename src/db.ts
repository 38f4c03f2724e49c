/** The Prisma client, through the pg driver adapter (no native query engine needed). */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export { Prisma } from './generated/prisma/client.ts';

/**
 * Interactive transactions wait up to 10 s for a connection (Prisma's default is 2 s): under a
 * burst of commands — 64 large photos at once in the bench — a busy process otherwise answers
 * users with an error instead of serving them a moment later.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}
