/**
 * Discord slash-command registration, generated from the neutral command definitions so the
 * commands Discord shows are exactly the ones the dispatcher runs. Names are never rewritten:
 * Discord sends option names back as registered and the command's zod schema parses them, so an
 * invalid name is a programming error reported here, not silently renamed.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from 'discord.js';
import { describeOptions, type OptionDescription } from '../../commands/options.ts';
import type { Command } from '../../commands/types.ts';
import { truncate } from './render.ts';

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

export type CommandRegistration = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Builds the bulk-overwrite body for `PUT /applications/{id}/commands`. Throws on names Discord would refuse. */
export function buildRegistration(commands: readonly Command[]): CommandRegistration[] {
  return commands.map((command) => {
    const body: CommandRegistration = {
      type: ApplicationCommandType.ChatInput,
      name: checkName(command.name, `command "${command.name}"`),
      description: describe(command.description, command.name),
    };
    if (command.subcommands) {
      const subs = Object.entries(command.subcommands).map(
        ([name, sub]): APIApplicationCommandSubcommandOption => {
          const options = describeOptions(sub.options).map((o) => toOption(o, `${command.name} ${name}`));
          return {
            type: ApplicationCommandOptionType.Subcommand,
            name: checkName(name, `subcommand "${command.name} ${name}"`),
            description: describe(sub.description, name),
            ...(options.length ? { options: checkCount(options, `${command.name} ${name}`) } : {}),
          };
        },
      );
      if (subs.length) body.options = checkCount(subs, command.name);
    } else if (command.options) {
      const options = describeOptions(command.options).map((o) => toOption(o, command.name));
      if (options.length) body.options = checkCount(options, command.name);
    }
    return body;
  });
}

/**
 * Registers `commands` (bulk overwrite: commands not listed are removed). Global commands reach
 * every guild; a guild id registers for that guild only, which takes effect at once (development).
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: readonly Command[],
  guildId?: string,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return (await rest.put(route, {
    body: buildRegistration(commands),
  })) as RESTPutAPIApplicationCommandsResult;
}

function toOption(o: OptionDescription, where: string): APIApplicationCommandBasicOption {
  const name = checkName(o.name, `option "${o.name}" of /${where}`);
  const description = describe(o.description, o.name);
  const base = { name, description, required: o.required };
  switch (o.kind) {
    case 'attachment':
      return { ...base, type: ApplicationCommandOptionType.Attachment };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'string': {
      const choices = o.choices ? checkChoices(o.choices, name, where) : undefined;
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

function describe(description: string, fallback: string): string {
  return truncate(description.trim() || fallback, LIMITS.description);
}

function checkChoices(
  choices: NonNullable<OptionDescription['choices']>,
  name: string,
  where: string,
): Array<{ name: string; value: string }> {
  if (choices.length > LIMITS.choices) {
    throw new Error(
      `option "${name}" of /${where} has ${choices.length} choices; Discord allows at most ${LIMITS.choices}.`,
    );
  }
  return choices.map((c) => {
    if (c.value.length < 1 || c.value.length > LIMITS.choiceName) {
      throw new Error(`choice "${c.value}" of option "${name}" of /${where} must be 1-100 characters.`);
    }
    return { name: truncate(c.name || c.value, LIMITS.choiceName), value: c.value };
  });
}

function checkCount<T>(options: T[], where: string): T[] {
  if (options.length > LIMITS.options) {
    throw new Error(`/${where} has ${options.length} options; Discord allows at most ${LIMITS.options}.`);
  }
  return options;
}
