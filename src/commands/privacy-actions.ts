/**
 * Buttons of the privacy messages: the first-use age gate and policy notice (accept, under 13,
 * decline), the deletion confirmation, and "give consent again". Each value is re-checked by the
 * service against the clicking user; nothing in a button is trusted. Answers replace the message
 * the button was on (which is already private to the user).
 */
import { t } from '../i18n/index.ts';
import {
  acceptPolicy,
  declinePolicy,
  refuseUnderThirteen,
  setConsent,
} from '../services/privacy/consents.ts';
import { startDeletion } from '../services/privacy/deletion.ts';
import type { CommandAction, CommandContext, Invocation, Reply } from './types.ts';

type Run = (value: string, inv: Invocation, ctx: CommandContext) => Promise<Reply>;

/** Acknowledged as an update of the clicked message, which the answer then replaces. */
const inPlace = (run: Run): CommandAction => ({
  ack: 'update',
  handler: async (value, inv, ctx) => ({ ...(await run(value, inv, ctx)), ephemeral: false }),
});

export const privacyActions: Record<string, CommandAction> = {
  accept: inPlace((version, inv, { services }) => acceptPolicy(services, inv.actor, version)),
  under13: inPlace((_v, inv, { services }) => refuseUnderThirteen(services, inv.actor)),
  decline: inPlace((_v, inv, { services }) => declinePolicy(services, inv.actor)),
  erase: inPlace((mode, inv, { services }) => startDeletion(services, inv, mode === 'immediate')),
  keep: inPlace(async (_v, inv) => ({ text: t(inv.actor.locale, 'privacyRequests.keep'), tone: 'info' })),
  consent: inPlace((_v, inv, { services }) => setConsent(services, inv.actor, 'processing', true)),
};
