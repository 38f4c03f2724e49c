/**
 * Slash-command registration generated from neutral command definitions, checked field by field
 * and against Discord's own API description (through the fake's contract check).
 */
import { ApplicationCommandOptionType, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildRegistration,
  type ChatInputRegistration,
  registerCommands,
} from '../../src/bots/discord/registration.ts';
import { messageActions, commands as registry } from '../../src/commands/index.ts';
import { attachmentOption, choiceOption } from '../../src/commands/options.ts';
import { type Command, defineCommand, defineSubcommand } from '../../src/commands/types.ts';
import { localizeForDiscord, translateKey } from '../../src/i18n/index.ts';
import { vendorContract } from '../fakes/contract.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { TEST_APP_ID, TEST_GUILD_ID } from '../support/discord-interactions.ts';

const reply = async () => ({ text: 'ok' });

const paint = defineCommand({
  name: 'paint',
  description: 'Paint something. '.repeat(20),
  options: z.object({
    prompt: z.string().min(3).max(1000).describe('What to paint').optional(),
    image: attachmentOption('The picture'),
    style: choiceOption(
      ['ink', 'oil'] as const,
      { ink: 'Ink drawing', oil: 'Oil painting' },
      'A style',
    ).default('ink'),
    count: z.number().int().min(1).max(4).describe('How many').optional(),
    strength: z.number().min(0).max(1).describe('How strong').optional(),
    public: z.boolean().describe('Post publicly').optional(),
    seed: z.number().int().describe('Random seed').optional(),
  }),
  handler: reply,
});

const account = defineCommand({
  name: 'account',
  description: 'Your account',
  subcommands: {
    show: defineSubcommand({ description: 'Show it', options: z.object({}), handler: reply }),
    delete: defineSubcommand({
      description: 'Delete it',
      options: z.object({ confirm: z.string().describe('Type DELETE') }),
      handler: reply,
    }),
  },
});

const commands = [paint, account] as unknown as Command[];

let fake: FakeDiscord;
let rest: REST;

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = new REST({ api: fake.apiUrl }).setToken('bot-token');
});

afterAll(async () => {
  await fake.stop();
});

describe('buildRegistration', () => {
  it('describes every option kind with Discord types, required options first', () => {
    const [body] = buildRegistration(commands) as ChatInputRegistration[];
    expect(body?.type).toBe(1);
    expect(body?.name).toBe('paint');
    expect(body?.description.length).toBeLessThanOrEqual(100);
    expect(body?.description.endsWith('…')).toBe(true);
    expect(body?.options).toEqual([
      {
        name: 'image',
        description: 'The picture',
        required: true,
        type: ApplicationCommandOptionType.Attachment,
      },
      {
        name: 'prompt',
        description: 'What to paint',
        required: false,
        type: 3,
        min_length: 3,
        max_length: 1000,
      },
      {
        name: 'style',
        description: 'A style',
        required: false,
        type: 3,
        choices: [
          { name: 'Ink drawing', value: 'ink' },
          { name: 'Oil painting', value: 'oil' },
        ],
      },
      { name: 'count', description: 'How many', required: false, type: 4, min_value: 1, max_value: 4 },
      { name: 'strength', description: 'How strong', required: false, type: 10, min_value: 0, max_value: 1 },
      { name: 'public', description: 'Post publicly', required: false, type: 5 },
      { name: 'seed', description: 'Random seed', required: false, type: 4 },
    ]);
  });

  it('registers subcommands as type 1 options with their own options', () => {
    const [, body] = buildRegistration(commands);
    expect(body).toEqual({
      type: 1,
      name: 'account',
      description: 'Your account',
      integration_types: [0, 1],
      contexts: [0, 1, 2],
      options: [
        { type: 1, name: 'show', description: 'Show it' },
        {
          type: 1,
          name: 'delete',
          description: 'Delete it',
          options: [{ name: 'confirm', description: 'Type DELETE', required: true, type: 3 }],
        },
      ],
    });
  });

  it('refuses a name Discord would refuse instead of renaming it', () => {
    const bad = defineCommand({
      name: 'paint',
      description: 'x',
      options: z.object({ maxSize: z.string().describe('x') }),
      handler: reply,
    });
    expect(() => buildRegistration([bad as unknown as Command])).toThrow(/option "maxSize" of \/paint/);
    expect(() => buildRegistration([{ name: 'Paint Now', description: 'x' }])).toThrow(/command "Paint Now"/);
  });

  it('refuses more than 25 choices', () => {
    const values = Array.from({ length: 26 }, (_, i) => `s${i}`) as [string, ...string[]];
    const many = defineCommand({
      name: 'many',
      description: 'x',
      options: z.object({ style: z.enum(values).describe('x') }),
      handler: reply,
    });
    expect(() => buildRegistration([many as unknown as Command])).toThrow(/26 choices/);
  });
});

describe('buildRegistration: reach and message actions', () => {
  it('declares guild and user install and every context on global commands', () => {
    for (const body of buildRegistration(registry, { messageActions })) {
      expect(body.integration_types).toEqual([0, 1]);
      expect(body.contexts).toEqual([0, 1, 2]);
    }
  });

  it('leaves install types and contexts out of a guild registration, where Discord ignores them', () => {
    for (const body of buildRegistration(registry, { messageActions, scope: 'guild' })) {
      expect(body).not.toHaveProperty('integration_types');
      expect(body).not.toHaveProperty('contexts');
    }
  });

  it('adds each message action as a message context-menu command (type 3) named by its label', () => {
    const bodies = buildRegistration(registry, { messageActions });
    expect(bodies.at(-1)).toEqual({
      type: 3,
      name: 'Restyle image',
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
    expect(bodies.filter((b) => b.type === 1).map((b) => b.name)).toEqual(registry.map((c) => c.name));
  });

  it('refuses a context-menu label Discord would refuse', () => {
    const long = { ...messageActions[0]!, label: 'R'.repeat(33) };
    expect(() => buildRegistration([], { messageActions: [long] })).toThrow(/message action "restyle"/);
  });

  it('asks the localize hook for every name and description and keeps what it returns', () => {
    const asked = new Set<string>();
    const german: Record<string, string> = {
      'commands.paint.description': 'Etwas malen',
      'commands.paint.options.style.description': 'Ein Stil',
      'commands.paint.options.style.choices.ink': 'Tuschezeichnung',
      'commands.account.subcommands.show.description': 'Anzeigen',
      'messageActions.restyle.label': 'Bild umgestalten',
    };
    const bodies = buildRegistration(commands, {
      messageActions,
      localize: (key, locale) => {
        asked.add(key);
        return locale === 'de' ? german[key] : undefined;
      },
    }) as Array<ChatInputRegistration & Record<string, unknown>>;
    const [paint, account, restyle] = bodies;
    expect(paint?.description_localizations).toEqual({ de: 'Etwas malen' });
    expect(paint).not.toHaveProperty('name_localizations');
    const style = paint?.options?.find((o) => o.name === 'style') as unknown as {
      description_localizations: unknown;
      choices: Array<{ name_localizations?: unknown }>;
    };
    expect(style.description_localizations).toEqual({ de: 'Ein Stil' });
    expect(style.choices[0]?.name_localizations).toEqual({ de: 'Tuschezeichnung' });
    expect(
      (account?.options?.[0] as { description_localizations?: unknown } | undefined)
        ?.description_localizations,
    ).toEqual({
      de: 'Anzeigen',
    });
    expect(restyle?.name_localizations).toEqual({ de: 'Bild umgestalten' });
    expect(asked).toContain('commands.paint.name');
    expect(asked).toContain('commands.account.subcommands.delete.options.confirm.description');
  });

  it('refuses a translated command name Discord would refuse', () => {
    expect(() =>
      buildRegistration(commands, {
        localize: (key) => (key === 'commands.paint.name' ? 'Malen Jetzt' : undefined),
      }),
    ).toThrow(/command "paint" \(/);
  });

  it("validates the bot's registration (commands and message actions) against Discord's PUT schema", () => {
    const contract = vendorContract('discord');
    const localize = (key: string, locale: string) =>
      locale === 'fr' ? `fr ${key}`.slice(0, 30) : undefined;
    for (const [path, body] of [
      [`/api/v10/applications/${TEST_APP_ID}/commands`, buildRegistration(registry, { messageActions })],
      [
        `/api/v10/applications/${TEST_APP_ID}/guilds/${TEST_GUILD_ID}/commands`,
        buildRegistration(registry, { messageActions, scope: 'guild' }),
      ],
      [
        `/api/v10/applications/${TEST_APP_ID}/commands`,
        buildRegistration(registry, {
          messageActions,
          localize: (key, locale) => (key.endsWith('.name') ? undefined : localize(key, locale)),
        }),
      ],
    ] as const) {
      expect(
        contract.validateRequest({ method: 'PUT', path, contentType: 'application/json', body }),
      ).toEqual([]);
    }
  });
});

describe("the bot's localised registration", () => {
  type Localised = {
    type?: number;
    name: string;
    description?: string;
    description_localizations?: Record<string, string>;
    name_localizations?: Record<string, string>;
    options?: Localised[];
    choices?: Array<{ name: string; value: string; name_localizations?: Record<string, string> }>;
  };
  const bodies = () =>
    buildRegistration(registry, { messageActions, localize: localizeForDiscord }) as unknown as Localised[];

  it('carries German, French, Spanish and Japanese descriptions, choices and the message action label', () => {
    const imagine = bodies().find((b) => b.name === 'imagine');
    expect(imagine?.description_localizations).toEqual({
      de: 'Ein Bild mit KI umgestalten',
      fr: 'Transformer une image avec l’IA',
      'es-ES': 'Transforma una imagen con IA',
      'es-419': 'Transforma una imagen con IA',
      ja: 'AIで画像のスタイルを変える',
    });
    const style = imagine?.options?.find((o) => o.name === 'style');
    expect(style?.description_localizations?.de).toBe('Eine Stilvorlage');
    expect(style?.choices?.find((c) => c.value === 'watercolor')?.name_localizations?.de).toBe('Aquarell');
    const restyle = bodies().find((b) => b.name === 'Restyle image');
    expect(restyle?.name_localizations).toMatchObject({
      de: 'Bild umgestalten',
      ja: '画像のスタイルを変える',
    });
  });

  it('localises every command, subcommand, option and choice for every shipped language', () => {
    const missing: string[] = [];
    const walk = (node: Localised, where: string) => {
      if (node.description !== undefined) {
        for (const locale of ['de', 'fr', 'es-ES', 'es-419', 'ja']) {
          if (!node.description_localizations?.[locale]) missing.push(`${where} ${locale}`);
        }
      }
      for (const c of node.choices ?? []) if (!c.name_localizations?.ja) missing.push(`${where}:${c.value}`);
      for (const o of node.options ?? []) walk(o, `${where} ${o.name}`);
    };
    for (const body of bodies()) walk(body, body.name);
    expect(missing).toEqual([]);
  });

  it('keeps the English catalogue word for word in step with the English defaults', () => {
    const mismatches: string[] = [];
    const walk = (node: Localised, key: string) => {
      if (node.description !== undefined && translateKey('en', `${key}.description`) !== node.description) {
        mismatches.push(`${key}.description`);
      }
      for (const o of node.options ?? []) {
        walk(
          o,
          `${key}.${o.type === ApplicationCommandOptionType.Subcommand ? 'subcommands' : 'options'}.${o.name}`,
        );
      }
    };
    for (const body of bodies().filter((b) => b.description !== undefined))
      walk(body, `commands.${body.name}`);
    expect(mismatches).toEqual([]);
  });

  it("validates the localised registration against Discord's PUT schema", () => {
    const contract = vendorContract('discord');
    for (const [path, scope] of [
      [`/api/v10/applications/${TEST_APP_ID}/commands`, 'global'],
      [`/api/v10/applications/${TEST_APP_ID}/guilds/${TEST_GUILD_ID}/commands`, 'guild'],
    ] as const) {
      const body = buildRegistration(registry, { messageActions, localize: localizeForDiscord, scope });
      expect(
        contract.validateRequest({ method: 'PUT', path, contentType: 'application/json', body }),
      ).toEqual([]);
    }
  });
});

describe('registerCommands', () => {
  it('bulk-overwrites global commands with bot auth, in a body Discord accepts', async () => {
    const out = await registerCommands(rest, TEST_APP_ID, commands);
    const [put] = fake.callsTo('registerCommands');
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/api/v10/applications/${TEST_APP_ID}/commands`);
    expect(put?.authorization).toBe('Bot bot-token');
    expect(fake.registeredCommands.get('global')).toEqual(buildRegistration(commands));
    expect(out.map((c) => c.name)).toEqual(['paint', 'account']);
    expect(fake.contractErrors).toEqual([]);
  });

  it('registers for one guild when given a guild id', async () => {
    await registerCommands(rest, TEST_APP_ID, commands, TEST_GUILD_ID);
    expect(fake.callsTo('registerCommands').at(-1)?.path).toBe(
      `/api/v10/applications/${TEST_APP_ID}/guilds/${TEST_GUILD_ID}/commands`,
    );
    expect(fake.registeredCommands.get(TEST_GUILD_ID)).toHaveLength(2);
    expect(fake.contractErrors).toEqual([]);
  });

  it("generates a registration Discord accepts from the bot's own command registry", async () => {
    await registerCommands(rest, TEST_APP_ID, registry, undefined, { messageActions });
    expect(fake.registeredCommands.get('global')?.map((c) => (c as { name: string }).name)).toEqual([
      ...registry.map((c) => c.name),
      'Restyle image',
    ]);
    expect(fake.contractErrors).toEqual([]);
  });

  it('is checked by the fake: a body Discord would refuse gets 50035', async () => {
    const bad = [{ type: 1, name: 'x', description: 'd'.repeat(101) }];
    const error = await rest
      .put(`/applications/${TEST_APP_ID}/commands`, { body: bad })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect(fake.contractErrors).toHaveLength(1);
    fake.contractErrors.length = 0;
  });
});
