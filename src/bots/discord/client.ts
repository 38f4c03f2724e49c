/**
 * The discord.js gateway client. Slash commands and buttons arrive as interactions, which need
 * only the Guilds intent: no message content, no member lists.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../../logger.ts';
import { describeDiscordError } from './api-errors.ts';
import type { ShardOptions } from './sharding.ts';

export interface DiscordClientOptions {
  /** REST base, e.g. https://discord.com/api (a local fake in tests). */
  apiUrl: string;
  /** Set on the REST client at once, so replies work before (or without) a gateway login. */
  token?: string;
  /** Which gateway shards this process runs (see sharding.ts); default one shard. */
  sharding?: ShardOptions;
}

export function createDiscordClient(opts: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: opts.apiUrl },
    // Nothing the bot posts may ping @everyone or roles; replies opt in to mention one user.
    allowedMentions: { parse: [] },
    ...opts.sharding,
  });
  if (opts.token) client.rest.setToken(opts.token);
  return client;
}

/** Logs in and reports readiness; resolves once the login is accepted. */
export async function startDiscordGateway(client: Client, token: string, log: Logger): Promise<void> {
  client.once(Events.ClientReady, (ready) => {
    log.info(
      {
        shards: ready.ws.shards.size,
        shardIds: [...ready.ws.shards.keys()],
        guilds: ready.guilds.cache.size,
      },
      'discord gateway ready',
    );
  });
  client.on(Events.Error, (error) =>
    log.error({ discord: describeDiscordError(error) }, 'discord client error'),
  );
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'discord shard disconnected'),
  );
  client.on(Events.ShardResume, (shardId) => log.info({ shardId }, 'discord shard resumed'));
  await client.login(token);
}
