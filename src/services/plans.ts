/**
 * Plans: what each tier allows. (The accounts & billing work defines the paid tiers.)
 */
import type { User } from '../generated/prisma/client.ts';

/** BullMQ priority for a user's jobs (lower runs first; undefined = no priority, FIFO). */
export function queuePriorityFor(_user: User): number | undefined {
  return undefined;
}
