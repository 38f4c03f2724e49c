/** The command registry: every adapter, the Discord registration and the Slack manifest use this list. */
import { imagine } from './imagine.ts';
import { jobs } from './jobs.ts';
import type { Command, MessageAction } from './types.ts';

export const commands: readonly Command[] = [imagine, jobs] as unknown as readonly Command[];

export const messageActions: readonly MessageAction[] = [
  {
    id: 'restyle',
    label: 'Restyle image',
    command: 'imagine',
    imageOption: 'image',
    askOptions: ['style', 'prompt'],
    noImageMessage: 'That message has no image I can restyle. Use it on a message with a PNG, JPEG or WebP image.',
  },
];
