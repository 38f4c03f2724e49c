/**
 * Gateway sharding from the config. discord.js runs the shards of one process itself (internal
 * sharding, one WebSocket per shard); several `discord` processes split the shards between them
 * with SHARD_IDS. Discord requires sharding from 2 500 guilds; "auto" asks Discord for the
 * recommended count at login. See docs/operations.md.
 */
import type { ClientOptions } from 'discord.js';
import type { Config } from '../../config.ts';

export type ShardOptions = Pick<ClientOptions, 'shards' | 'shardCount'>;

export function discordShardOptions(config: Pick<Config, 'SHARD_COUNT' | 'SHARD_IDS'>): ShardOptions {
  const count = config.SHARD_COUNT;
  if (count === undefined) return {};
  if (count === 'auto') return { shards: 'auto' };
  const ids = config.SHARD_IDS ?? Array.from({ length: count }, (_, i) => i);
  return { shards: ids, shardCount: count };
}
