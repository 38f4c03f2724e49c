/** The command registry: every adapter, the Discord registration and the Slack manifest use this list. */
import { imagine } from './imagine.ts';
import { jobs } from './jobs.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [imagine, jobs] as unknown as readonly Command[];
