/** The command registry: every adapter, the Discord registration and the Slack manifest use this list. */
import { t } from '../i18n/index.ts';
import { account } from './account.ts';
import { budget } from './budget.ts';
import { help } from './help.ts';
import { imagine } from './imagine.ts';
import { jobs } from './jobs.ts';
import { privacy } from './privacy.ts';
import { subscribe } from './subscribe.ts';
import type { Command, MessageAction } from './types.ts';

export const commands: readonly Command[] = [
  imagine,
  jobs,
  help,
  account,
  subscribe,
  budget,
  privacy,
] as unknown as readonly Command[];

export const messageActions: readonly MessageAction[] = [
  {
    id: 'restyle',
    // English defaults from the catalogue; adapters show `messageActionText(locale, ...)`.
    label: t('en', 'messageActions.restyle.label'),
    command: 'imagine',
    imageOption: 'image',
    askOptions: ['style', 'prompt'],
    noImageMessage: t('en', 'messageActions.restyle.noImage'),
  },
];
