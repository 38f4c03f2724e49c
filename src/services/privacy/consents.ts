/**
 * Consents: the first-use age gate and policy acceptance, refusals, and the switches a user can
 * flip any time with one command and no account (processing, training, marketing, policy-update
 * DMs). Every change is a ConsentEvent (who, what, when, under which policy version); changes made
 * through `/privacy` are also DataRequests (audit). Training use is off unless explicitly turned on.
 */
import type { Actor, Reply } from '../../commands/types.ts';
import { UserFacingError } from '../../errors.ts';
import type { User } from '../../generated/prisma/client.ts';
import { t } from '../../i18n/index.ts';
import type { Services } from '../index.ts';
import { resolveUser } from '../users.ts';
import { requestErasure } from './deletion.ts';
import { ageGatePrompt, policyChangedNotice, underThirteenRefusal } from './messages.ts';
import { currentPolicy } from './policy.ts';
import { recordDataRequest } from './requests.ts';
import {
  clearDeclineMarker,
  findUserOf,
  forgetIdentity,
  holdsNothingYet,
  identityOf,
  isBlocked,
  recordRefusal,
} from './subjects.ts';

export type ConsentKind = 'processing' | 'training' | 'marketing' | 'policy_updates';

export async function assertNotBlocked(s: Services, actor: Actor): Promise<void> {
  if (await isBlocked(s, identityOf(actor))) {
    throw new UserFacingError('age_refused', { contact: s.config.SUPPORT_CONTACT });
  }
}

/** "I am 13 or older and accept" / "Accept": records age (first time) and the policy version. */
export async function acceptPolicy(s: Services, actor: Actor, shownVersion: string): Promise<Reply> {
  await assertNotBlocked(s, actor);
  const policy = await currentPolicy(s);
  const user = await resolveUser(s.db, actor);
  if (shownVersion !== policy.version) {
    // The policy changed while the message sat there: ask again for the version in force.
    const locale = actor.locale;
    const prompt = user.ageConfirmedAt ? policyChangedNotice(policy, locale) : ageGatePrompt(policy, locale);
    return { ...prompt, text: `${t(locale, 'consents.newerVersion')}\n${prompt.text}` };
  }
  const now = s.clock();
  await s.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: {
        ageConfirmedAt: user.ageConfirmedAt ?? now,
        policyVersion: policy.version,
        policyAcceptedAt: now,
      },
    });
    const kinds = user.ageConfirmedAt ? ['policy'] : ['age', 'policy'];
    await tx.consentEvent.createMany({
      data: kinds.map((kind) => ({
        userId: user.id,
        kind,
        granted: true,
        policyVersion: policy.version,
        platform: actor.platform,
        createdAt: now,
      })),
    });
  });
  await clearDeclineMarker(s, identityOf(actor));
  return {
    text: t(actor.locale, 'consents.accepted', { version: policy.version }),
    ephemeral: true,
    tone: 'success',
  };
}

/** "I am under 13": keep nothing but the refusal marker, and never serve this identity. */
export async function refuseUnderThirteen(s: Services, actor: Actor): Promise<Reply> {
  const identity = identityOf(actor);
  await recordRefusal(s, identity, 'under_13');
  const user = await findUserOf(s, identity);
  if (user) await forgetOrErase(s, actor, user, true, 'under_13');
  return {
    text: underThirteenRefusal(s.config.SUPPORT_CONTACT, actor.locale),
    ephemeral: true,
    tone: 'info',
  };
}

/**
 * "Decline". At first use: nothing but the marker is kept and no image is made. A user who had
 * accepted an earlier version keeps their data (they can export or delete it) and gets no images
 * until they accept the new version.
 */
export async function declinePolicy(s: Services, actor: Actor): Promise<Reply> {
  const identity = identityOf(actor);
  const user = await findUserOf(s, identity);
  const policy = await currentPolicy(s);
  if (user?.policyVersion) {
    await s.db.consentEvent.create({
      data: {
        userId: user.id,
        kind: 'policy',
        granted: false,
        policyVersion: policy.version,
        platform: actor.platform,
        createdAt: s.clock(),
      },
    });
    return {
      text: t(actor.locale, 'consents.declinedKeep', { version: policy.version }),
      ephemeral: true,
      tone: 'info',
    };
  }
  await recordRefusal(s, identity, 'declined');
  if (user) await forgetOrErase(s, actor, user, false, 'declined');
  return {
    text: t(actor.locale, 'consents.declined'),
    ephemeral: true,
    tone: 'info',
  };
}

async function forgetOrErase(s: Services, actor: Actor, user: User, immediate: boolean, reason: string) {
  if (await holdsNothingYet(s, user)) await forgetIdentity(s, identityOf(actor));
  else await requestErasure(s, user, { immediate, reason });
}

const FIELD = {
  training: 'trainingConsent',
  marketing: 'marketingOptIn',
  policy_updates: 'policyUpdatesOptIn',
} as const;

/** Gives or withdraws one consent; recorded as a ConsentEvent and a completed DataRequest. */
export async function setConsent(
  s: Services,
  actor: Actor,
  kind: ConsentKind,
  granted: boolean,
): Promise<Reply> {
  await assertNotBlocked(s, actor);
  const user = await resolveUser(s.db, actor);
  const policy = await currentPolicy(s);
  const now = s.clock();
  const data =
    kind === 'processing'
      ? { processingWithdrawnAt: granted ? null : (user.processingWithdrawnAt ?? now) }
      : { [FIELD[kind]]: granted };
  await s.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data });
    await tx.consentEvent.create({
      data: {
        userId: user.id,
        kind,
        granted,
        policyVersion: policy.version,
        platform: actor.platform,
        createdAt: now,
      },
    });
    await recordDataRequest(s, tx, {
      userId: user.id,
      kind: 'consent',
      details: { consent: kind, granted, policyVersion: policy.version },
      completed: true,
    });
  });
  return {
    text: t(actor.locale, `consents.${kind}${granted ? 'On' : 'Off'}`, { version: policy.version }),
    ephemeral: true,
    tone: 'success',
  };
}
