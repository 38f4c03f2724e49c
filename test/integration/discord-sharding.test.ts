/**
 * Discord sharding through discord.js: SHARD_COUNT / SHARD_IDS become the client's shard options,
 * and the real client identifies each shard on a fake gateway.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient, startDiscordGateway } from '../../src/bots/discord/client.ts';
import { discordShardOptions } from '../../src/bots/discord/sharding.ts';
import { loadConfig } from '../../src/config.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { type FakeGateway, startFakeGateway } from '../fakes/discord-gateway.ts';

let discord: FakeDiscord | undefined;
let gateway: FakeGateway | undefined;
let destroy: (() => Promise<void>) | undefined;

afterEach(async () => {
  await destroy?.();
  await gateway?.stop();
  await discord?.stop();
  destroy = undefined;
  gateway = undefined;
  discord = undefined;
});

async function connect(env: Record<string, string>, recommendedShards: number) {
  discord = await startFakeDiscord();
  gateway = await startFakeGateway(discord, { recommendedShards });
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const client = createDiscordClient({
    apiUrl: `${discord.url}/api`,
    token: 'test-bot-token',
    sharding: discordShardOptions(config),
  });
  destroy = () => client.destroy();
  const ready = new Promise((resolve) => client.once('clientReady', resolve));
  await startDiscordGateway(client, 'test-bot-token', pino({ level: 'silent' }));
  await ready;
  return client;
}

describe('GIVEN the gateway connection', () => {
  it('WHEN SHARD_COUNT is unset THEN one shard is run', async () => {
    await connect({}, 3);
    expect(gateway!.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
  });

  it("WHEN SHARD_COUNT=auto THEN Discord's recommended number of shards is run", async () => {
    const client = await connect({ SHARD_COUNT: 'auto' }, 3);
    expect(gateway!.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(client.ws.shards.size).toBe(3);
  });

  it('WHEN SHARD_COUNT=4 and SHARD_IDS=1,3 THEN this process runs only those two of the four shards', async () => {
    await connect({ SHARD_COUNT: '4', SHARD_IDS: '1,3' }, 1);
    expect(gateway!.identifies.map((i) => i.shard).sort()).toEqual([
      [1, 4],
      [3, 4],
    ]);
    // The bot token identifies every shard; intents stay minimal (Guilds only).
    expect(gateway!.identifies.every((i) => i.token === 'test-bot-token' && i.intents === 1)).toBe(true);
  });
});
