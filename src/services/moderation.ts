/**
 * Content moderation before anything is paid for: OpenAI's moderation endpoint (free, text and
 * images in one call), or `noModeration` when the operator turned it off. The verdict carries
 * category names only, never the content.
 */
import type OpenAI from 'openai';
import type { ModerationVerdict, Moderator } from './ports.ts';
import { mapOpenAIError } from './providers/openai.ts';

export function createOpenAIModerator(opts: { client: OpenAI; model: string }): Moderator {
  const { client, model } = opts;
  return {
    async check({ text, image }): Promise<ModerationVerdict> {
      const input: OpenAI.ModerationMultiModalInput[] = [];
      if (text.trim()) input.push({ type: 'text', text });
      if (image) {
        const url = `data:${image.mimeType};base64,${image.data.toString('base64')}`;
        input.push({ type: 'image_url', image_url: { url } });
      }
      if (input.length === 0) return { flagged: false, categories: [] };
      let response: OpenAI.ModerationCreateResponse;
      try {
        response = await client.moderations.create({ model, input });
      } catch (error) {
        throw mapOpenAIError(error, { model, modelSetting: 'OPENAI_MODERATION_MODEL' });
      }
      const categories = new Set<string>();
      for (const result of response.results) {
        for (const [name, hit] of Object.entries(result.categories)) if (hit === true) categories.add(name);
      }
      return { flagged: response.results.some((r) => r.flagged), categories: [...categories] };
    },
  };
}

/** The moderator used when moderation is off: it never flags anything. */
export const noModeration: Moderator = {
  async check() {
    return { flagged: false, categories: [] };
  },
};
