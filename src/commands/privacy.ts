/**
 * `/privacy`: every right the privacy policy promises, in one command family. Bare `/privacy`
 * (and `/privacy show`, since Discord requires a subcommand) says what we hold; the subcommands
 * export, delete, change consents and preferences, correct, and report a child. All answers are
 * private. The logic lives in src/services/privacy; buttons are in privacy-actions.ts.
 */
import { z } from 'zod';
import { reportChild } from '../services/privacy/child-reports.ts';
import { setConsent } from '../services/privacy/consents.ts';
import { correctProfile } from '../services/privacy/correction.ts';
import { askToDelete } from '../services/privacy/deletion.ts';
import { requestExport } from '../services/privacy/export.ts';
import { describeHoldings } from '../services/privacy/overview.ts';
import { choiceOption } from './options.ts';
import { privacyActions } from './privacy-actions.ts';
import { defineCommand, defineSubcommand } from './types.ts';

const onOff = choiceOption(['on', 'off'] as const, { on: 'On', off: 'Off' }, 'On or off');

export const privacy = defineCommand({
  name: 'privacy',
  description: 'Your data: what we hold, export, delete, consents, corrections',
  ephemeral: true,
  options: z.object({}),
  handler: (_o, inv, { services }) => describeHoldings(services, inv.actor),
  subcommands: {
    show: defineSubcommand({
      description: 'What we hold about you, your consents, and whom to contact',
      options: z.object({}),
      handler: (_o, inv, { services }) => describeHoldings(services, inv.actor),
    }),
    export: defineSubcommand({
      description: 'Get a download link to a copy of all your data and images',
      options: z.object({}),
      handler: (_o, inv, { services }) => requestExport(services, inv),
    }),
    delete: defineSubcommand({
      description: 'Delete all your data (asks for confirmation)',
      options: z.object({
        immediate: z.boolean().describe('Delete your images at once instead of after 90 days').optional(),
        confirm: z.string().max(20).describe('Type DELETE to skip the confirmation button').optional(),
      }),
      handler: (o, inv, { services }) =>
        askToDelete(services, inv, { immediate: o.immediate ?? false, typedConfirmation: o.confirm }),
    }),
    consent: defineSubcommand({
      description: 'Give or withdraw consent: training use of images, processing',
      options: z.object({
        what: choiceOption(
          ['training', 'processing'] as const,
          { training: 'Training AI models with my images', processing: 'Processing my data (making images)' },
          'Which consent',
        ),
        choice: onOff,
      }),
      handler: (o, inv, { services }) => setConsent(services, inv.actor, o.what, o.choice === 'on'),
    }),
    marketing: defineSubcommand({
      description: 'Marketing messages (news, announcements) on or off',
      options: z.object({ choice: onOff }),
      handler: (o, inv, { services }) => setConsent(services, inv.actor, 'marketing', o.choice === 'on'),
    }),
    updates: defineSubcommand({
      description: 'Direct messages when the privacy policy changes, on or off',
      options: z.object({ choice: onOff }),
      handler: (o, inv, { services }) => setConsent(services, inv.actor, 'policy_updates', o.choice === 'on'),
    }),
    correct: defineSubcommand({
      description: 'Correct the name, email or language we hold',
      options: z.object({
        name: z.string().trim().min(1).max(100).describe('Your name').optional(),
        email: z.email().max(200).describe('Your email address').optional(),
        language: z
          .string()
          .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language code such as en, de or en-GB')
          .describe('Language for messages, e.g. en-GB')
          .optional(),
      }),
      handler: (o, inv, { services }) => correctProfile(services, inv.actor, o),
    }),
    'report-child': defineSubcommand({
      description: 'Report a user who may be under 13',
      options: z.object({
        user: z.string().trim().min(2).max(100).describe('The user: a mention or their user id'),
        details: z.string().trim().max(1000).describe('Anything that helps us check (optional)').optional(),
      }),
      handler: (o, inv, { services }) => reportChild(services, inv.actor, o),
    }),
  },
  actions: privacyActions,
});
