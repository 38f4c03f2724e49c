/**
 * Discord command registration, generated from the neutral definitions so the commands Discord
 * shows are exactly the ones the dispatcher runs: every `Command` becomes a slash command
 * (type 1) and every `MessageAction` a message context-menu entry (type 3). Names are never
 * rewritten: Discord sends option names back as registered and the command's zod schema parses
 * them, so an invalid name is a programming error reported here, not silently renamed.
 *
 * Global registrations declare both install types (guild and user) and every context (guild, DM
 * with the bot, private channels), so the app also works where it is installed for the user only.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  type REST,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from 'discord.js';
import { describeOptions, type OptionDescription } from '../../commands/options.ts';
import type { Command, MessageAction } from '../../commands/types.ts';
import { truncate } from './limits.ts';

/** Discord's limits for command definitions. */
const LIMITS = {
  name: 32,
  description: 100,
  choices: 25,
  choiceName: 100,
  options: 25,
  stringLength: 6000,
} as const;
/** Discord's name rule for chat-input commands and options (lowercase where a case exists). */
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** Discord accepts min/max values in ±2^53; zod's `.int()` reports ±(2^53 − 1) as its implicit bounds. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** Installable to a server and to a user's account. */
export const INTEGRATION_TYPES = [
  ApplicationIntegrationType.GuildInstall,
  ApplicationIntegrationType.UserInstall,
];
/** Usable in servers, in the DM with the bot, and in other DMs / group DMs (user installs). */
export const COMMAND_CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];

export type ChatInputRegistration = RESTPostAPIChatInputApplicationCommandsJSONBody;
export type MessageCommandRegistration = RESTPostAPIContextMenuApplicationCommandsJSONBody;
export type CommandRegistration = RESTPostAPIApplicationCommandsJSONBody;

/**
 * Translation hook: the text for `key` in a Discord `locale` ("de", "fr", "es-ES", "ja", ...), or
 * undefined where there is none (Discord then shows the English default). Keys:
 * `commands.<command>.name|description`, `commands.<command>.options.<option>.name|description`,
 * `commands.<command>.options.<option>.choices.<value>`,
 * `commands.<command>.subcommands.<sub>.name|description` (and `.options...` below it),
 * `messageActions.<id>.label`.
 */
export type Localize = (key: string, locale: string) => string | undefined;

export interface RegistrationOptions {
  /** Message context-menu entries (command type 3). */
  messageActions?: readonly MessageAction[];
  localize?: Localize;
  /**
   * 'guild' leaves out `integration_types` and `contexts`: Discord ignores them on guild commands
   * (which work in that guild only). Default 'global'.
   */
  scope?: 'global' | 'guild';
}

/** Builds the bulk-overwrite body for `PUT /applications/{id}/commands`. Throws on names Discord would refuse. */
export function buildRegistration(
  commands: readonly Command[],
  opts: RegistrationOptions = {},
): CommandRegistration[] {
  const where =
    opts.scope === 'guild' ? {} : { integration_types: INTEGRATION_TYPES, contexts: COMMAND_CONTEXTS };
  const l10n = localizer(opts.localize);
  const chatInput = commands.map((command): ChatInputRegistration => {
    const key = `commands.${command.name}`;
    const body: ChatInputRegistration = {
      type: ApplicationCommandType.ChatInput,
      name: checkName(command.name, `command "${command.name}"`),
      description: describe(command.description, command.name),
      ...l10n.names(`${key}.name`, `command "${command.name}"`),
      ...l10n.descriptions(`${key}.description`),
      ...where,
    };
    if (command.subcommands) {
      const subs = Object.entries(command.subcommands).map(
        ([name, sub]): APIApplicationCommandSubcommandOption => {
          const subKey = `${key}.subcommands.${name}`;
          const options = describeOptions(sub.options).map((o) =>
            toOption(o, `${command.name} ${name}`, `${subKey}.options.${o.name}`, l10n),
          );
          return {
            type: ApplicationCommandOptionType.Subcommand,
            name: checkName(name, `subcommand "${command.name} ${name}"`),
            description: describe(sub.description, name),
            ...l10n.names(`${subKey}.name`, `subcommand "${command.name} ${name}"`),
            ...l10n.descriptions(`${subKey}.description`),
            ...(options.length ? { options: checkCount(options, `${command.name} ${name}`) } : {}),
          };
        },
      );
      if (subs.length) body.options = checkCount(subs, command.name);
    } else if (command.options) {
      const options = describeOptions(command.options).map((o) =>
        toOption(o, command.name, `${key}.options.${o.name}`, l10n),
      );
      if (options.length) body.options = checkCount(options, command.name);
    }
    return body;
  });
  const messageCommands = (opts.messageActions ?? []).map(
    (action): MessageCommandRegistration => ({
      type: ApplicationCommandType.Message,
      name: checkLabel(action.label, `message action "${action.id}"`),
      ...l10n.labels(`messageActions.${action.id}.label`, `message action "${action.id}"`),
      ...where,
    }),
  );
  return [...chatInput, ...messageCommands];
}

/**
 * Registers `commands` and `opts.messageActions` (bulk overwrite: commands not listed are
 * removed). Global commands reach every guild and user install; a guild id registers for that
 * guild only, which takes effect at once (development).
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: readonly Command[],
  guildId?: string,
  opts: Omit<RegistrationOptions, 'scope'> = {},
): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return (await rest.put(route, {
    body: buildRegistration(commands, { ...opts, scope: guildId ? 'guild' : 'global' }),
  })) as RESTPutAPIApplicationCommandsResult;
}

/** The message action a context-menu interaction names (Discord sends the registered name back). */
export function findMessageAction(
  actions: readonly MessageAction[],
  commandName: string,
): MessageAction | undefined {
  return actions.find((a) => a.label === commandName);
}

type Localizer = ReturnType<typeof localizer>;

/** Builds `*_localizations` maps from the hook; empty objects when there is no hook or no text. */
function localizer(localize: Localize | undefined) {
  const collect = (key: string, check: (text: string, locale: string) => string) => {
    if (!localize) return undefined;
    const out: Record<string, string> = {};
    for (const locale of Object.values(Locale)) {
      const text = localize(key, locale)?.trim();
      if (text) out[locale] = check(text, locale);
    }
    return Object.keys(out).length ? out : undefined;
  };
  const named = (map: Record<string, string> | undefined) => (map ? { name_localizations: map } : {});
  return {
    names: (key: string, what: string) =>
      named(collect(key, (text, locale) => checkName(text, `${what} (${locale})`))),
    labels: (key: string, what: string) =>
      named(collect(key, (text, locale) => checkLabel(text, `${what} (${locale})`))),
    descriptions: (key: string) => {
      const map = collect(key, (text) => truncate(text, LIMITS.description));
      return map ? { description_localizations: map } : {};
    },
    choice: (key: string) => {
      const map = collect(key, (text) => truncate(text, LIMITS.choiceName));
      return map ? { name_localizations: map } : {};
    },
  };
}

function toOption(
  o: OptionDescription,
  where: string,
  key: string,
  l10n: Localizer,
): APIApplicationCommandBasicOption {
  const name = checkName(o.name, `option "${o.name}" of /${where}`);
  const description = describe(o.description, o.name);
  const base = {
    name,
    description,
    required: o.required,
    ...l10n.names(`${key}.name`, `option "${o.name}" of /${where}`),
    ...l10n.descriptions(`${key}.description`),
  };
  switch (o.kind) {
    case 'attachment':
      return { ...base, type: ApplicationCommandOptionType.Attachment };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'string': {
      const choices = o.choices ? checkChoices(o.choices, name, where, key, l10n) : undefined;
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(choices ? { choices } : {}),
        // Discord ignores length bounds on options with choices, and refuses bounds past 6000.
        ...(!choices && o.minLength !== undefined && o.minLength > 0
          ? { min_length: Math.min(o.minLength, LIMITS.stringLength) }
          : {}),
        ...(!choices && o.maxLength !== undefined
          ? { max_length: Math.max(1, Math.min(o.maxLength, LIMITS.stringLength)) }
          : {}),
      };
    }
    case 'integer':
    case 'number': {
      const bounds = {
        ...(o.min !== undefined && Math.abs(o.min) < UNBOUNDED ? { min_value: o.min } : {}),
        ...(o.max !== undefined && Math.abs(o.max) < UNBOUNDED ? { max_value: o.max } : {}),
      };
      return o.kind === 'integer'
        ? { ...base, type: ApplicationCommandOptionType.Integer, ...bounds }
        : { ...base, type: ApplicationCommandOptionType.Number, ...bounds };
    }
    default: {
      const unknownKind: never = o.kind;
      throw new Error(`option "${o.name}" of /${where} has unknown kind ${String(unknownKind)}`);
    }
  }
}

function checkName(name: string, what: string): string {
  if (!NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    throw new Error(
      `Discord refuses the name of ${what}: names must be 1-${LIMITS.name} lowercase letters, digits, "-" or "_".`,
    );
  }
  return name;
}

/** Context-menu names may hold spaces and capitals, 1-32 characters. */
function checkLabel(label: string, what: string): string {
  if (label.trim() !== label || label.length < 1 || label.length > LIMITS.name) {
    throw new Error(
      `Discord refuses the name of ${what}: context-menu names must be 1-${LIMITS.name} characters.`,
    );
  }
  return label;
}

function describe(description: string, fallback: string): string {
  return truncate(description.trim() || fallback, LIMITS.description);
}

function checkChoices(
  choices: NonNullable<OptionDescription['choices']>,
  name: string,
  where: string,
  key: string,
  l10n: Localizer,
): Array<{ name: string; value: string; name_localizations?: Record<string, string> }> {
  if (choices.length > LIMITS.choices) {
    throw new Error(
      `option "${name}" of /${where} has ${choices.length} choices; Discord allows at most ${LIMITS.choices}.`,
    );
  }
  return choices.map((c) => {
    if (c.value.length < 1 || c.value.length > LIMITS.choiceName) {
      throw new Error(`choice "${c.value}" of option "${name}" of /${where} must be 1-100 characters.`);
    }
    return {
      name: truncate(c.name || c.value, LIMITS.choiceName),
      value: c.value,
      ...l10n.choice(`${key}.choices.${c.value}`),
    };
  });
}

function checkCount<T>(options: T[], where: string): T[] {
  if (options.length > LIMITS.options) {
    throw new Error(`/${where} has ${options.length} options; Discord allows at most ${LIMITS.options}.`);
  }
  return options;
}
