/**
 * `/privacy` with no subcommand: what we hold about the person (counts, linked identities,
 * consents, plan), how to exercise each right, whom to contact, and where the policy is. Reads
 * only: running it creates no record.
 */
import type { Actor, Reply } from '../../commands/types.ts';
import type { Services } from '../index.ts';
import { currentPolicy } from './policy.ts';
import { findRefusal, findUserOf, identityOf } from './subjects.ts';

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);
const onOff = (b: boolean) => (b ? 'on' : 'off');

const RIGHTS =
  '`/privacy export` a copy of everything · `/privacy delete` erase it · `/privacy correct` fix your name/email · ' +
  '`/privacy consent` training use / processing · `/privacy marketing` and `/privacy updates` messages · ' +
  '`/privacy report-child` report a user under 13';

export async function describeHoldings(s: Services, actor: Actor): Promise<Reply> {
  const identity = identityOf(actor);
  const [user, policy] = await Promise.all([findUserOf(s, identity), currentPolicy(s)]);
  const contacts = {
    name: 'Contact',
    value: `Privacy: ${s.config.PRIVACY_CONTACT} · Support: ${s.config.SUPPORT_CONTACT}\nPolicy (version ${policy.version}): ${policy.url}`,
  };
  if (!user) {
    const refusal = await findRefusal(s, identity);
    return {
      title: 'Your data and privacy',
      text: refusal
        ? 'We hold nothing about you except a note (a one-way hash of your chat id) that you declined or are not to be served.'
        : 'We hold no data about you. Nothing is stored until you use the bot.',
      fields: [{ name: 'Your rights', value: RIGHTS }, contacts],
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
  const accepted = user.policyVersion
    ? `version ${user.policyVersion} on ${day(user.policyAcceptedAt)}${user.policyVersion === policy.version ? '' : ` (current: ${policy.version})`}`
    : 'not yet';
  return {
    title: 'Your data and privacy',
    text: 'This is what we hold about you. Only you can see this message.',
    fields: [
      {
        name: 'Profile',
        value: [
          `Plan: ${user.plan} · credits: ${user.credits}`,
          `Name: ${user.displayName ?? '—'} · email: ${user.email ?? '—'}`,
          `Linked account: ${user.clerkUserId ? 'yes (Clerk)' : 'no'} · payment customer: ${user.stripeCustomerId ? 'yes (Stripe)' : 'no'}`,
        ].join('\n'),
      },
      {
        name: 'Linked identities',
        value: identities
          .map((i) => `${i.platform}${i.scope ? ` (workspace ${i.scope})` : ''} since ${day(i.createdAt)}`)
          .join('\n'),
      },
      {
        name: 'Records',
        value: `${generations} image jobs with prompts (${stored} with stored images) · ${ledger} credit entries · ${subscriptions} subscriptions · ${consentEvents} consent records · ${requests} privacy requests`,
      },
      {
        name: 'Consents',
        value: [
          `Age confirmed: ${day(user.ageConfirmedAt) ?? 'not yet'} · privacy policy accepted: ${accepted}`,
          `Processing: ${user.processingWithdrawnAt ? `withdrawn on ${day(user.processingWithdrawnAt)}` : 'given'} · training use of images: ${onOff(user.trainingConsent)}`,
          `Marketing messages: ${onOff(user.marketingOptIn)} · policy-update messages: ${onOff(user.policyUpdatesOptIn)}`,
        ].join('\n'),
      },
      { name: 'Your rights', value: RIGHTS },
      contacts,
    ],
    ephemeral: true,
    tone: 'info',
  };
}
