/**
 * Operator commands for privacy (the work itself is done by the worker's jobs):
 *   npm run privacy:requests [-- --retry <requestId>]          open data requests, oldest due first
 *   npm run policy:publish -- --version <v> [--summary <text>] [--url <url>]
 *   npm run privacy:announce -- --text <text>                 DM users who opted into marketing
 *   npm run privacy:child-reports [-- --erase <id> | --dismiss <id>]
 * Reads the same environment as the bot (see .env.example).
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { closeServices, createServices, type Services } from '../src/services/index.ts';
import {
  dismissChildReport,
  eraseReportedChild,
  listChildReports,
} from '../src/services/privacy/child-reports.ts';
import { queueAnnouncement } from '../src/services/privacy/notifications.ts';
import { publishPolicyVersion } from '../src/services/privacy/policy.ts';
import { listOpenRequests } from '../src/services/privacy/requests.ts';

const USAGE = `usage:
  npm run privacy:requests [-- --retry <requestId>]
  npm run policy:publish -- --version <v> [--summary <text>] [--url <url>]
  npm run privacy:announce -- --text <text>
  npm run privacy:child-reports [-- --erase <reportId> | --dismiss <reportId>]`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) fail(`unexpected argument "${a}"\n${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`${a} needs a value\n${USAGE}`);
    out.set(a.slice(2), value);
    i += 1;
  }
  return out;
}

async function requests(s: Services, f: Map<string, string>): Promise<void> {
  const retry = f.get('retry');
  if (retry) {
    const r = await s.db.dataRequest.findUnique({ where: { id: retry } });
    if (!r || (r.kind !== 'export' && r.kind !== 'delete')) fail('no export or delete request with that id');
    await s.db.dataRequest.update({ where: { id: r.id }, data: { status: 'pending', error: null } });
    const kind = r.kind === 'export' ? 'export' : 'erase';
    await s.privacy.add({ kind, requestId: r.id }, `${kind}-${r.id}-retry-${Date.now()}`);
    console.log(`queued ${kind} again for request ${r.id}`);
    return;
  }
  const now = s.clock().getTime();
  const open = await listOpenRequests(s);
  if (!open.length) return console.log('no open data requests');
  console.table(
    open.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      requested: r.requestedAt.toISOString(),
      due: r.dueAt.toISOString(),
      overdue: r.dueAt.getTime() < now ? 'YES' : '',
      error: r.error ?? '',
    })),
  );
}

async function childReports(s: Services, f: Map<string, string>): Promise<void> {
  const erase = f.get('erase');
  const dismiss = f.get('dismiss');
  if (erase) return console.log(`report ${erase}: ${await eraseReportedChild(s, erase)}`);
  if (dismiss) {
    await dismissChildReport(s, dismiss);
    return console.log(`report ${dismiss} dismissed`);
  }
  const open = await listChildReports(s);
  if (!open.length) return console.log('no open child reports');
  console.table(
    open.map((r) => ({
      id: r.id,
      platform: r.platform,
      scope: r.scope,
      user: r.platformUserId,
      reported: r.createdAt.toISOString(),
      details: r.details ?? '',
    })),
  );
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const f = flags(rest);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const s = createServices(config, log, () => undefined);
  try {
    switch (command) {
      case 'requests':
        await requests(s, f);
        break;
      case 'publish-policy': {
        const version = f.get('version') ?? fail(`--version is required\n${USAGE}`);
        const row = await publishPolicyVersion(s, { version, summary: f.get('summary'), url: f.get('url') });
        console.log(`published policy version ${row.version} (${row.url}); opted-in users will get a DM`);
        break;
      }
      case 'announce': {
        const text = f.get('text') ?? fail(`--text is required\n${USAGE}`);
        console.log(`announcement ${await queueAnnouncement(s, text)} queued for opted-in users`);
        break;
      }
      case 'child-reports':
        await childReports(s, f);
        break;
      default:
        fail(USAGE);
    }
  } catch (e) {
    const message = (e as { userMessage?: string }).userMessage ?? (e as Error).message;
    console.error(message);
    process.exitCode = 1;
  } finally {
    await closeServices(s);
  }
}

void main();
