/**
 * `/privacy correct` (right to rectification): the name, email and message language we hold.
 * With a linked account the name is changed in Clerk too (outside any transaction); an email of a
 * linked account belongs to the sign-in, so it is changed there, where it gets verified. The audit
 * row records which fields changed, never the new values.
 */
import type { Actor, Reply } from '../../commands/types.ts';
import { UserFacingError } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { hashId } from '../../logger.ts';
import type { Services } from '../index.ts';
import { resolveUser } from '../users.ts';
import { assertNotBlocked } from './consents.ts';
import { recordDataRequest } from './requests.ts';

export interface Correction {
  name?: string;
  email?: string;
  language?: string;
}

export async function correctProfile(s: Services, actor: Actor, input: Correction): Promise<Reply> {
  if (input.name === undefined && input.email === undefined && input.language === undefined) {
    throw new UserFacingError('nothing_to_correct');
  }
  await assertNotBlocked(s, actor);
  const user = await resolveUser(s.db, actor);
  const notes: string[] = [];
  const data: { displayName?: string; email?: string; locale?: string } = {};
  if (input.name !== undefined) {
    data.displayName = input.name;
    if (user.clerkUserId && s.clerk) {
      const [firstName, ...rest] = input.name.split(/\s+/);
      await s.clerk.users.updateUser(user.clerkUserId, { firstName, lastName: rest.join(' ') || undefined });
      notes.push(t(actor.locale, 'privacyCorrect.nameAlsoLinked'));
    }
  }
  if (input.email !== undefined) {
    if (user.clerkUserId) {
      const url = s.config.CLERK_SIGN_IN_URL;
      notes.push(
        url
          ? t(actor.locale, 'privacyCorrect.emailLinkedAt', { url })
          : t(actor.locale, 'privacyCorrect.emailLinked'),
      );
    } else {
      data.email = input.email;
    }
  }
  if (input.language !== undefined) data.locale = input.language;
  await s.db.$transaction(async (tx) => {
    if (Object.keys(data).length) await tx.user.update({ where: { id: user.id }, data });
    await recordDataRequest(s, tx, {
      userId: user.id,
      kind: 'correct',
      details: { fields: Object.keys(data), linkedAccount: Boolean(user.clerkUserId) },
      completed: true,
    });
  });
  s.log.info({ user: hashId(user.id), fields: Object.keys(data) }, 'profile corrected');
  const field = { displayName: 'name', email: 'email', locale: 'language' } as const;
  const changed = (Object.keys(data) as Array<keyof typeof field>).map((k) =>
    t(actor.locale, `privacyCorrect.${field[k]}`),
  );
  return {
    text: [
      changed.length
        ? t(actor.locale, 'privacyCorrect.updated', { fields: changed.join(', ') })
        : t(actor.locale, 'privacyCorrect.unchanged'),
      ...notes,
    ].join('\n'),
    ephemeral: true,
    tone: 'success',
  };
}
