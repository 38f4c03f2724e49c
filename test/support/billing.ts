/**
 * Helpers for the accounts and billing tests: run commands as a Discord or Slack user, read what
 * the user was shown, talk to the web role over HTTP, and deliver signed Stripe webhooks.
 */
import type { Invocation, Reply } from '../../src/commands/types.ts';
import type { User } from '../../src/generated/prisma/client.ts';
import type { TestBot } from './app.ts';
import { chatInputInteraction, TEST_USER_ID } from './discord-interactions.ts';

/**
 * Runs a slash command as a Discord user. `text` is everything the user was shown (JSON of the
 * interaction's callbacks and edits); `ephemeral` whether the answer was private to them.
 */
export async function discordCommand(
  bot: TestBot,
  command: string,
  opts: {
    subcommand?: string;
    options?: Record<string, string | number | boolean>;
    userId?: string;
    permissions?: bigint;
  } = {},
): Promise<{ text: string; ephemeral: boolean }> {
  const raw = chatInputInteraction({
    command,
    ...(opts.subcommand ? { subcommand: opts.subcommand } : {}),
    ...(opts.options ? { options: opts.options } : {}),
    ...(opts.userId ? { userId: opts.userId } : {}),
    ...(opts.permissions !== undefined ? { permissions: opts.permissions } : {}),
  });
  await bot.interact(raw);
  const calls = bot.discord.calls.filter((c) => c.path.includes(raw.token));
  const callback = calls.find((c) => c.route === 'interactionCallback');
  return {
    text: JSON.stringify(calls.map((c) => c.payload)),
    ephemeral: ((callback?.payload?.data?.flags ?? 0) & 64) === 64,
  };
}

export const TEST_SLACK_TEAM = 'T0TESTTEAM';

/** Runs a command as a Slack user through the dispatcher (the same neutral path the Slack adapter takes). */
export async function slackCommand(
  bot: TestBot,
  command: string,
  opts: {
    subcommand?: string;
    options?: Record<string, unknown>;
    userId?: string;
    isServerAdmin?: boolean;
  } = {},
): Promise<Reply> {
  const userId = opts.userId ?? 'U0TESTUSER';
  const inv: Invocation = {
    actor: {
      platform: 'slack',
      platformUserId: userId,
      identityScope: TEST_SLACK_TEAM,
      isServerAdmin: opts.isServerAdmin ?? false,
    },
    command,
    ...(opts.subcommand ? { subcommand: opts.subcommand } : {}),
    options: opts.options ?? {},
    replyTarget: {
      platform: 'slack',
      scope: TEST_SLACK_TEAM,
      channelId: 'C0TESTCHAN',
      userId,
      receivedAt: Date.now(),
      data: {},
    },
  };
  return bot.app.dispatcher.run(inv);
}

/** The first URL in `text` whose path starts with `pathPrefix`. */
export function findUrl(text: string, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s"\\\\)]+${pathPrefix.replace(/[/.]/g, '\\$&')}[^\\s"\\\\)]*`).exec(
    text,
  );
  if (!match) throw new Error(`no ${pathPrefix} URL in: ${text.slice(0, 500)}`);
  return match[0];
}

/** The web role's address for a link that names PUBLIC_URL (http://localhost:3000 in tests). */
export function onWebRole(bot: TestBot, url: string): string {
  if (!bot.app.port) throw new Error('the web role is not running');
  const u = new URL(url);
  return `http://127.0.0.1:${bot.app.port}${u.pathname}${u.search}`;
}

/** POSTs a Stripe event to /webhooks/stripe with a real signature (or the header given). */
export async function deliverWebhook(
  bot: TestBot,
  event: Record<string, unknown>,
  opts: { header?: string; timestamp?: number; secret?: string; payload?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  if (!bot.stripe) throw new Error('start the bot with billing: true');
  const signed = bot.stripe.signedDelivery(event, {
    ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    ...(opts.secret ? { secret: opts.secret } : {}),
  });
  const res = await fetch(`http://127.0.0.1:${bot.app.port}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': opts.header ?? signed.header },
    body: opts.payload ?? signed.payload,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The User behind a Discord identity (default: the test user). */
export async function discordUser(bot: TestBot, userId = TEST_USER_ID): Promise<User> {
  const identity = await bot.database.db.platformIdentity.findUniqueOrThrow({
    where: { platform_scope_platformUserId: { platform: 'discord', scope: '', platformUserId: userId } },
    include: { user: true },
  });
  return identity.user;
}

/** The ledger of a user as comparable rows (cause and amount), in cause order. */
export async function ledgerOf(
  bot: TestBot,
  userId: string,
): Promise<Array<{ causeKey: string; delta: number }>> {
  const rows = await bot.database.db.creditLedger.findMany({
    where: { userId },
    orderBy: { causeKey: 'asc' },
  });
  return rows.map((r) => ({ causeKey: r.causeKey, delta: r.delta }));
}
