/**
 * `/privacy` with no subcommand: what we hold about the person (counts, linked identities,
 * consents, plan), how to exercise each right, whom to contact, and where the policy is. Reads
 * only: running it creates no record.
 */
import type { Actor, Reply } from '../../commands/types.ts';
import { t } from '../../i18n/index.ts';
import type { Services } from '../index.ts';
import { currentPolicy } from './policy.ts';
import { findRefusal, findUserOf, identityOf } from './subjects.ts';

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

export async function describeHoldings(s: Services, actor: Actor): Promise<Reply> {
  const locale = actor.locale;
  const onOff = (b: boolean) => t(locale, b ? 'privacyOverview.on' : 'privacyOverview.off');
  const rights = {
    name: t(locale, 'privacyOverview.rights'),
    value: t(locale, 'privacyOverview.rightsValue'),
  };
  const identity = identityOf(actor);
  const [user, policy] = await Promise.all([findUserOf(s, identity), currentPolicy(s)]);
  const contacts = {
    name: t(locale, 'privacyOverview.contact'),
    value: t(locale, 'privacyOverview.contactValue', {
      privacy: s.config.PRIVACY_CONTACT,
      support: s.config.SUPPORT_CONTACT,
      version: policy.version,
      url: policy.url,
    }),
  };
  if (!user) {
    const refusal = await findRefusal(s, identity);
    return {
      title: t(locale, 'privacyOverview.title'),
      text: t(locale, refusal ? 'privacyOverview.refused' : 'privacyOverview.nothing'),
      fields: [rights, contacts],
      ephemeral: true,
      tone: 'info',
    };
  }
  const where = { userId: user.id };
  const [identities, generations, stored, ledger, subscriptions, consentEvents, requests] = await Promise.all(
    [
      s.db.platformIdentity.findMany({ where, orderBy: { createdAt: 'asc' } }),
      s.db.generation.count({ where }),
      s.db.generation.count({
        where: { ...where, OR: [{ sourceKey: { not: null } }, { resultKey: { not: null } }] },
      }),
      s.db.creditLedger.count({ where }),
      s.db.subscription.count({ where }),
      s.db.consentEvent.count({ where }),
      s.db.dataRequest.count({ where }),
    ],
  );
  const notYet = t(locale, 'privacyOverview.notYet');
  const acceptedVars = { version: user.policyVersion ?? '', day: day(user.policyAcceptedAt) ?? '—' };
  const accepted = !user.policyVersion
    ? notYet
    : user.policyVersion === policy.version
      ? t(locale, 'privacyOverview.acceptedVersion', acceptedVars)
      : t(locale, 'privacyOverview.acceptedOld', { ...acceptedVars, current: policy.version });
  const no = t(locale, 'privacyOverview.no');
  return {
    title: t(locale, 'privacyOverview.title'),
    text: t(locale, 'privacyOverview.intro'),
    fields: [
      {
        name: t(locale, 'privacyOverview.profile'),
        value: t(locale, 'privacyOverview.profileValue', {
          plan: user.plan,
          credits: user.credits,
          name: user.displayName ?? '—',
          email: user.email ?? '—',
          linked: user.clerkUserId ? t(locale, 'privacyOverview.yesClerk') : no,
          customer: user.stripeCustomerId ? t(locale, 'privacyOverview.yesStripe') : no,
        }),
      },
      {
        name: t(locale, 'privacyOverview.identities'),
        value: identities
          .map((i) =>
            i.scope
              ? t(locale, 'privacyOverview.identityWorkspace', {
                  platform: i.platform,
                  scope: i.scope,
                  since: day(i.createdAt) ?? '—',
                })
              : t(locale, 'privacyOverview.identity', {
                  platform: i.platform,
                  since: day(i.createdAt) ?? '—',
                }),
          )
          .join('\n'),
      },
      {
        name: t(locale, 'privacyOverview.records'),
        value: t(locale, 'privacyOverview.recordsValue', {
          generations,
          stored,
          ledger,
          subscriptions,
          consents: consentEvents,
          requests,
        }),
      },
      {
        name: t(locale, 'privacyOverview.consents'),
        value: t(locale, 'privacyOverview.consentsValue', {
          age: day(user.ageConfirmedAt) ?? notYet,
          accepted,
          processing: user.processingWithdrawnAt
            ? t(locale, 'privacyOverview.withdrawnOn', { day: day(user.processingWithdrawnAt) ?? '—' })
            : t(locale, 'privacyOverview.given'),
          training: onOff(user.trainingConsent),
          marketing: onOff(user.marketingOptIn),
          updates: onOff(user.policyUpdatesOptIn),
        }),
      },
      rights,
      contacts,
    ],
    ephemeral: true,
    tone: 'info',
  };
}
