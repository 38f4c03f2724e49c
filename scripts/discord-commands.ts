/**
 * `npm run discord:commands` prints the Discord slash-command registration generated from the
 * command registry. `npm run discord:commands -- --register [--guild ID]` sends it to Discord
 * (bulk overwrite) with DISCORD_TOKEN and DISCORD_APPLICATION_ID; a guild registration takes
 * effect at once, which is what development wants.
 */
import { REST } from 'discord.js';
import { buildRegistration, registerCommands } from '../src/bots/discord/registration.ts';
import { commands, messageActions } from '../src/commands/index.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { localizeForDiscord } from '../src/i18n/index.ts';

const USAGE = 'usage: npm run discord:commands [-- --register [--guild GUILD_ID]]';

interface Args {
  register: boolean;
  guildId?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { register: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--register') args.register = true;
    else if (a === '--guild') {
      const id = argv[++i];
      if (!id || !/^\d{15,25}$/.test(id)) fail(`--guild needs a guild id (a Discord snowflake).\n${USAGE}`);
      args.guildId = id;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument "${a}".\n${USAGE}`);
  }
  if (args.guildId && !args.register) fail(`--guild only makes sense with --register.\n${USAGE}`);
  return args;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const body = buildRegistration(commands, {
    messageActions,
    localize: localizeForDiscord,
    scope: args.guildId ? 'guild' : 'global',
  });
  if (!args.register) {
    console.log(JSON.stringify(body, null, 2));
    return;
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const missing = [
    config.DISCORD_TOKEN ? undefined : 'DISCORD_TOKEN',
    config.DISCORD_APPLICATION_ID ? undefined : 'DISCORD_APPLICATION_ID',
  ].filter(Boolean);
  if (missing.length) {
    fail(
      `Registering commands needs ${missing.join(' and ')} (from the Discord developer portal: Bot → Token, ` +
        'General Information → Application ID). Set them in the environment or .env.',
    );
  }
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN!);
  const registered = await registerCommands(rest, config.DISCORD_APPLICATION_ID!, commands, args.guildId, {
    messageActions,
    localize: localizeForDiscord,
  });
  const where = args.guildId
    ? `guild ${args.guildId}`
    : 'globally (may take up to an hour to show everywhere)';
  console.log(
    `Registered ${registered.length} command(s) ${where}: ${registered.map((c) => (c.type === 1 ? `/${c.name}` : `"${c.name}" (message menu)`)).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  // discord.js errors carry the request; print only what helps.
  const e = error as { status?: number; code?: number | string; message?: string };
  console.error(
    `Registration failed: ${e.status ?? ''} ${e.code ?? ''} ${e.message ?? String(error)}`.trim(),
  );
  if (e.status === 401) console.error('Discord refused the token: check DISCORD_TOKEN.');
  process.exit(1);
});
