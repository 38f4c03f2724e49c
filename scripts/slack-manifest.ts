/**
 * `npm run slack:manifest -- --url https://bot.example.com [--name ImageGen] [--yaml]` prints the
 * Slack app manifest generated from the command registry (see docs/slack.md): create the app at
 * api.slack.com/apps → "From a manifest" and paste it.
 */
import { buildSlackManifest } from '../src/bots/slack/manifest.ts';
import { commands, messageActions } from '../src/commands/index.ts';

const USAGE = 'usage: npm run slack:manifest -- --url https://your-public-host [--name "App name"] [--yaml]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let url: string | undefined;
  let name: string | undefined;
  let yaml = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--url') url = argv[++i];
    else if (a === '--name') name = argv[++i];
    else if (a === '--yaml') yaml = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return;
    } else fail(`unknown argument "${a}".`);
  }
  if (!url) fail('--url is required (the public base URL of the web role).');
  try {
    new URL(url);
  } catch {
    fail(`"${url}" is not a URL.`);
  }
  const manifest = buildSlackManifest({
    publicUrl: url,
    commands,
    messageActions,
    ...(name ? { name } : {}),
  });
  if (!url.startsWith('https://'))
    console.error('note: Slack only accepts https:// request URLs for a real app.');
  if (yaml) {
    const { stringify } = await import('yaml');
    process.stdout.write(stringify(manifest));
  } else {
    console.log(JSON.stringify(manifest, null, 2));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
