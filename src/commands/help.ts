import { z } from 'zod';
import { styleDescription, styleLabel, t, translateKey } from '../i18n/index.ts';
import { STYLE_PRESETS } from '../services/styles.ts';
import { defineCommand } from './types.ts';

/** `/help`: what the bot does, its commands and styles. The command list comes from the registry. */
export const help = defineCommand({
  name: 'help',
  description: 'How to use the image bot',
  options: z.object({}),
  ephemeral: true,
  async handler(_options, inv) {
    const locale = inv.actor.locale;
    const { commands } = await import('./index.ts');
    const lines = commands.map(
      (c) => `• \`/${c.name}\` — ${translateKey(locale, `commands.${c.name}.description`)}`,
    );
    return {
      title: t(locale, 'help.title'),
      text: [t(locale, 'help.intro'), '', ...lines].join('\n'),
      fields: [
        {
          name: t(locale, 'help.styles'),
          value: STYLE_PRESETS.map(
            (p) => `**${styleLabel(locale, p.name)}** — ${styleDescription(locale, p.name)}`,
          )
            .join('\n')
            .slice(0, 1024),
        },
      ],
      ephemeral: true,
    };
  },
});
