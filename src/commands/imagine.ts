import { z } from 'zod';
import { requestGeneration, requestGenerationFromSource } from '../services/generations.ts';
import { deleteGenerationImages, findOwnedGeneration } from '../services/jobs.ts';
import { STYLE_NAMES, STYLE_PRESETS } from '../services/styles.ts';
import { attachmentOption, choiceOption } from './options.ts';
import { defineCommand, type Reply } from './types.ts';

const styleLabels = Object.fromEntries(STYLE_PRESETS.map((p) => [p.name, p.label])) as Record<string, string>;

const queuedReply = (position: number, style: string): Reply => ({
  text: `⏳ Queued — position ${position}. Your **${styleLabels[style] ?? style}** image will appear here when it is ready.`,
  tone: 'info',
});

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
    return queuedReply(position, options.style);
  },
  actions: {
    rerun: {
      ack: 'reply',
      async handler(id, inv, { services }) {
        const from = await findOwnedGeneration(services, inv.actor, id);
        const { position } = await requestGenerationFromSource(services, inv, from, from.style, from.prompt);
        return queuedReply(position, from.style);
      },
    },
    delete: {
      ack: 'update',
      async handler(id, inv, { services }) {
        await deleteGenerationImages(services, inv.actor, id);
        return { text: '🗑️ Deleted.', deleteSource: true };
      },
    },
  },
});
