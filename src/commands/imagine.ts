import { z } from 'zod';
import { styleLabel, t } from '../i18n/index.ts';
import { requestGeneration, requestGenerationFromSource } from '../services/generations.ts';
import { deleteGenerationImages, findOwnedGeneration } from '../services/jobs.ts';
import { STYLE_NAMES, STYLE_PRESETS } from '../services/styles.ts';
import { attachmentOption, choiceOption } from './options.ts';
import { defineCommand, type Invocation, type Reply } from './types.ts';

const styleLabels = Object.fromEntries(STYLE_PRESETS.map((p) => [p.name, p.label])) as Record<string, string>;

const queuedReply = (inv: Invocation, position: number, style: string): Reply => {
  const locale = inv.actor.locale;
  return { text: t(locale, 'imagine.queued', { position, style: styleLabel(locale, style) }), tone: 'info' };
};

export const imagine = defineCommand({
  name: 'imagine',
  description: 'Restyle an image with AI',
  options: z.object({
    image: attachmentOption('The image to restyle (PNG, JPEG or WebP)'),
    style: choiceOption(STYLE_NAMES, styleLabels, 'A style preset').default(STYLE_NAMES[0]),
    prompt: z.string().trim().max(1000).describe('What to change or add (optional)').optional(),
  }),
  async handler(options, inv, { services }) {
    const { position } = await requestGeneration(services, inv, options);
    return queuedReply(inv, position, options.style);
  },
  actions: {
    rerun: {
      ack: 'reply',
      async handler(id, inv, { services }) {
        const from = await findOwnedGeneration(services, inv.actor, id);
        const { position } = await requestGenerationFromSource(services, inv, from, from.style, from.prompt);
        return queuedReply(inv, position, from.style);
      },
    },
    // "Try another style" on a result: the same source, the style picked in the menu.
    restyle: {
      ack: 'reply',
      async handler(id, inv, { services }) {
        const from = await findOwnedGeneration(services, inv.actor, id);
        const style = inv.action?.values?.[0] ?? '';
        const { position } = await requestGenerationFromSource(services, inv, from, style, from.prompt);
        return queuedReply(inv, position, style);
      },
    },
    delete: {
      ack: 'update',
      async handler(id, inv, { services }) {
        await deleteGenerationImages(services, inv.actor, id);
        return { text: t(inv.actor.locale, 'imagine.deleted'), deleteSource: true };
      },
    },
  },
});
