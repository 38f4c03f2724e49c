/**
 * The privacy texts users see: the first-use age gate, the policy-change notice, the
 * withdrawn-consent block, and the buttons that answer them (handled by the `privacy` command's
 * actions). Kept together so the wording of a promise is reviewed in one place; the words
 * themselves are in the catalogues (`privacyNotices.*`), in the user's language.
 */
import type { Reply, ReplyButton } from '../../commands/types.ts';
import { t } from '../../i18n/index.ts';
import type { CurrentPolicy } from './policy.ts';

const button = (action: string, value: string, label: string, style: ReplyButton['style']): ReplyButton => ({
  command: 'privacy',
  action,
  value,
  label,
  style,
});

/** "We published version …" with the summary of the change when there is one. */
function published(policy: CurrentPolicy, locale: string | undefined): string[] {
  return [
    t(locale, 'privacyNotices.published', { version: policy.version, url: policy.url }),
    ...(policy.summary ? [t(locale, 'privacyNotices.whatChanged', { summary: policy.summary })] : []),
  ];
}

/** First use: confirm age and accept the current policy, or refuse. */
export function ageGatePrompt(policy: CurrentPolicy, locale?: string): Partial<Reply> & { text: string } {
  return {
    title: t(locale, 'privacyNotices.ageGateTitle'),
    text: t(locale, 'privacyNotices.ageGate', { version: policy.version, url: policy.url }),
    buttons: [
      button('accept', policy.version, t(locale, 'privacyNotices.acceptAdult'), 'success'),
      button('under13', policy.version, t(locale, 'privacyNotices.under13'), 'secondary'),
      button('decline', policy.version, t(locale, 'privacyNotices.decline'), 'danger'),
    ],
    ephemeral: true,
    tone: 'info',
  };
}

/** A newer policy than the one the user accepted. */
export function policyChangedNotice(
  policy: CurrentPolicy,
  locale?: string,
): Partial<Reply> & { text: string } {
  return {
    title: t(locale, 'privacyNotices.changedTitle'),
    text: [...published(policy, locale), t(locale, 'privacyNotices.pleaseAccept')].join('\n'),
    buttons: [
      button('accept', policy.version, t(locale, 'privacyNotices.accept'), 'success'),
      button('decline', policy.version, t(locale, 'privacyNotices.decline'), 'danger'),
    ],
    ephemeral: true,
    tone: 'info',
  };
}

export function processingWithdrawnBlock(locale?: string): Partial<Reply> & { text: string } {
  return {
    text: t(locale, 'privacyNotices.withdrawn'),
    buttons: [button('consent', 'processing-on', t(locale, 'privacyNotices.consentAgain'), 'primary')],
    ephemeral: true,
    tone: 'warning',
  };
}

export function underThirteenRefusal(supportContact: string, locale?: string): string {
  return t(locale, 'errors.age_refused', { contact: supportContact });
}

/** DM to users who opted into policy updates. */
export function policyUpdateDm(policy: CurrentPolicy, locale?: string): Reply {
  return {
    title: t(locale, 'privacyNotices.updateTitle'),
    text: [...published(policy, locale), t(locale, 'privacyNotices.updateNextTime')].join('\n'),
    footer: t(locale, 'privacyNotices.updateFooter'),
    tone: 'info',
  };
}

/** Marketing / announcement DM: always carries the opt-out instruction. */
export function announcementDm(text: string, locale?: string): Reply {
  return {
    title: t(locale, 'privacyNotices.newsTitle'),
    text,
    footer: t(locale, 'privacyNotices.newsFooter'),
    tone: 'info',
  };
}
