/**
 * Whether a user may generate at all. Intake calls this before reserving anything, in this order:
 * an identity marked under 13 is not served (and the rows the first command just created are
 * removed again, so nothing but the marker is kept); a user who has not confirmed their age or
 * accepted the current privacy policy is asked to, with buttons; a user who withdrew consent to
 * processing is told how to give it back.
 */
import type { Invocation } from '../commands/types.ts';
import { UserFacingError } from '../errors.ts';
import type { User } from '../generated/prisma/client.ts';
import type { Services } from './index.ts';
import { ageGatePrompt, policyChangedNotice, processingWithdrawnBlock } from './privacy/messages.ts';
import { currentPolicy } from './privacy/policy.ts';
import { forgetIdentity, identityOf, isBlocked } from './privacy/subjects.ts';

/** Throws a UserFacingError (with buttons where the user can fix it) when `user` may not generate. */
export async function assertMayGenerate(s: Services, user: User, inv: Invocation): Promise<void> {
  const identity = identityOf(inv.actor);
  if (await isBlocked(s, identity)) {
    await forgetIdentity(s, identity);
    throw new UserFacingError('age_refused', { contact: s.config.SUPPORT_CONTACT });
  }
  const policy = await currentPolicy(s);
  if (!user.ageConfirmedAt) {
    throw new UserFacingError('age_gate', {}, false, ageGatePrompt(policy, inv.actor.locale));
  }
  if (user.policyVersion !== policy.version) {
    throw new UserFacingError('policy_changed', {}, false, policyChangedNotice(policy, inv.actor.locale));
  }
  if (user.processingWithdrawnAt) {
    throw new UserFacingError('processing_withdrawn', {}, false, processingWithdrawnBlock(inv.actor.locale));
  }
}
