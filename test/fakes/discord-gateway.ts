/**
 * A fake Discord gateway (WebSocket, JSON encoding, no compression) for the real discord.js
 * client, so the `discord` role can run in its own process in tests and sharding can be
 * observed. It adds `GET /api/v10/gateway/bot` to a `FakeDiscord` (which the client asks for the
 * gateway URL and the recommended shard count), answers HELLO / IDENTIFY / heartbeats, and lets a
 * test dispatch events (INTERACTION_CREATE) on a chosen shard.
 *
 *   const gateway = await startFakeGateway(discord, { recommendedShards: 2 });
 *   await gateway.waitForIdentifies(2);
 *   gateway.identifies.map((i) => i.shard)         // [[0, 2], [1, 2]]
 *   gateway.dispatch(1, 'INTERACTION_CREATE', chatInputInteraction({ ... }));
 *
 * Protocol: https://discord.com/developers/docs/events/gateway (opcodes 0, 1, 2, 10, 11).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeDiscord } from './discord.ts';

export interface Identify {
  token: string;
  intents: number;
  /** [shard id, shard count]. */
  shard: [number, number];
}

export interface FakeGateway {
  /** ws://127.0.0.1:PORT */
  url: string;
  identifies: Identify[];
  /** Open sessions by shard id (the latest identify wins). */
  readonly sessions: ReadonlyMap<number, WebSocket>;
  waitForIdentifies(count: number, timeoutMs?: number): Promise<Identify[]>;
  /** Sends a dispatch event on the session of `shardId`. */
  dispatch(shardId: number, type: string, data: unknown): void;
  stop(): Promise<void>;
}

const HEARTBEAT_INTERVAL_MS = 41_250;

export async function startFakeGateway(
  discord: FakeDiscord,
  opts: { recommendedShards?: number; applicationId?: string } = {},
): Promise<FakeGateway> {
  const server = createServer((_req, res) => {
    res.writeHead(426).end('WebSocket only');
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const identifies: Identify[] = [];
  const sessions = new Map<number, WebSocket>();
  const sequences = new WeakMap<WebSocket, number>();
  const waiters = new Set<() => void>();
  const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));

  wss.on('connection', (ws) => {
    sequences.set(ws, 0);
    send(ws, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (msg.op === 1) {
        send(ws, { op: 11, d: null, s: null, t: null });
        return;
      }
      if (msg.op === 2) {
        const d = msg.d as { token: string; intents: number; shard?: [number, number] };
        const shard: [number, number] = d.shard ?? [0, 1];
        identifies.push({ token: d.token, intents: d.intents, shard });
        sessions.set(shard[0], ws);
        const seq = (sequences.get(ws) ?? 0) + 1;
        sequences.set(ws, seq);
        send(ws, {
          op: 0,
          t: 'READY',
          s: seq,
          d: {
            v: 10,
            user: {
              id: discord.botUserId,
              username: 'imagegen',
              discriminator: '0',
              global_name: null,
              avatar: null,
              bot: true,
            },
            guilds: [],
            session_id: randomUUID().replaceAll('-', ''),
            resume_gateway_url: url,
            shard,
            application: { id: opts.applicationId ?? '100000000000000001', flags: 0 },
          },
        });
        for (const w of waiters) w();
      }
      // Anything else (presence updates, resume) is not used by these tests.
    });
  });

  discord.http.route('GET', '/api/v10/gateway/bot', () => ({
    status: 200,
    body: {
      url,
      shards: opts.recommendedShards ?? 1,
      // max_concurrency 16: shards identify in parallel, no 5-second waits between them.
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
    },
  }));

  return {
    url,
    identifies,
    sessions,
    waitForIdentifies(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (identifies.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(identifies.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} IDENTIFY, got ${identifies.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    dispatch(shardId, type, data) {
      const ws = sessions.get(shardId);
      if (!ws) throw new Error(`no gateway session for shard ${shardId}`);
      const seq = (sequences.get(ws) ?? 0) + 1;
      sequences.set(ws, seq);
      send(ws, { op: 0, t: type, s: seq, d: data });
    },
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
