/**
 * Whether a user may generate at all (age gate, accepted policy, consent to processing). Intake
 * calls this before reserving anything. (The privacy work fills it in.)
 */
import type { Invocation } from '../commands/types.ts';
import type { User } from '../generated/prisma/client.ts';
import type { Services } from './index.ts';

/** Throws a UserFacingError (with buttons where the user can fix it) when `user` may not generate. */
export async function assertMayGenerate(_s: Services, _user: User, _inv: Invocation): Promise<void> {}
