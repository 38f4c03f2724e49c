/**
 * The privacy texts users see: the first-use age gate, the policy-change notice, the
 * withdrawn-consent block, and the buttons that answer them (handled by the `privacy` command's
 * actions). Kept together so the wording of a promise is reviewed in one place.
 */
import type { Reply, ReplyButton } from '../../commands/types.ts';
import type { CurrentPolicy } from './policy.ts';

const button = (action: string, value: string, label: string, style: ReplyButton['style']): ReplyButton => ({
  command: 'privacy',
  action,
  value,
  label,
  style,
});

/** First use: confirm age and accept the current policy, or refuse. */
export function ageGatePrompt(policy: CurrentPolicy): Partial<Reply> & { text: string } {
  return {
    title: 'Before your first image',
    text:
      `Please confirm that you are **13 or older** and that you accept our privacy policy (version ${policy.version}): ${policy.url}\n` +
      'We keep the images you send, the results and your prompts to run the service; you can see, export or delete them any time with `/privacy`. ' +
      'We never use your images to train AI models unless you opt in.',
    buttons: [
      button('accept', policy.version, 'I am 13 or older and accept', 'success'),
      button('under13', policy.version, 'I am under 13', 'secondary'),
      button('decline', policy.version, 'Decline', 'danger'),
    ],
    ephemeral: true,
    tone: 'info',
  };
}

/** A newer policy than the one the user accepted. */
export function policyChangedNotice(policy: CurrentPolicy): Partial<Reply> & { text: string } {
  return {
    title: 'Our privacy policy has changed',
    text:
      `We published version ${policy.version} of our privacy policy: ${policy.url}` +
      (policy.summary ? `\nWhat changed: ${policy.summary}` : '') +
      '\nPlease read it and accept it to keep making images. If you do not accept, `/privacy export` and `/privacy delete` keep working.',
    buttons: [
      button('accept', policy.version, 'Accept', 'success'),
      button('decline', policy.version, 'Decline', 'danger'),
    ],
    ephemeral: true,
    tone: 'info',
  };
}

export function processingWithdrawnBlock(): Partial<Reply> & { text: string } {
  return {
    text:
      'You withdrew your consent to processing, so the bot does not make images for you. ' +
      'To use it again, give your consent back (button below, or `/privacy consent what:processing choice:on`).',
    buttons: [button('consent', 'processing-on', 'Give consent again', 'primary')],
    ephemeral: true,
    tone: 'warning',
  };
}

export function underThirteenRefusal(supportContact: string): string {
  return (
    'Sorry — ImageGen is not available to people under 13, so the bot does not make images for you. ' +
    `We keep nothing about you except a note that you are not to be served. If this is a mistake, contact ${supportContact}.`
  );
}

/** DM to users who opted into policy updates. */
export function policyUpdateDm(policy: CurrentPolicy): Reply {
  return {
    title: 'Privacy policy update',
    text:
      `We published version ${policy.version} of our privacy policy: ${policy.url}` +
      (policy.summary ? `\nWhat changed: ${policy.summary}` : '') +
      '\nYou will be asked to accept it the next time you make an image.',
    footer:
      'You get these because you turned on policy-update messages. Stop them with /privacy updates choice:off',
    tone: 'info',
  };
}

/** Marketing / announcement DM: always carries the opt-out instruction. */
export function announcementDm(text: string): Reply {
  return {
    title: 'ImageGen news',
    text,
    footer: 'You get these because you opted in. Opt out any time: /privacy marketing choice:off',
    tone: 'info',
  };
}
