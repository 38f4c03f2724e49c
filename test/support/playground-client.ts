/**
 * Talks to the playground's HTTP API the way the page does, for tests: a session cookie from
 * `GET /playground`, multipart invocations, and the server-sent event stream read with fetch.
 *
 *   const pg = await openPlayground(baseUrl);
 *   const answer = await pg.invoke({ command: 'imagine', options: { style: 'noir' }, files: { image: bytes } });
 *   const result = await pg.nextEvent((e) => e.kind === 'deliver' && e.messageId === answer.messageId);
 *   pg.close();
 */
import type { PlaygroundEvent } from '../../src/bots/playground/events.ts';
import type { Reply } from '../../src/commands/types.ts';

export interface PlaygroundAnswer {
  messageId: string;
  mode: 'reply' | 'ephemeral' | 'update';
  reply: Reply;
}

export interface InvokeInput {
  command?: string;
  subcommand?: string;
  options?: Record<string, unknown>;
  files?: Record<string, { bytes: Buffer; name?: string; type?: string }>;
  action?: { command: string; action: string; value: string; values?: string[] };
  messageId?: string;
}

export interface PlaygroundClient {
  cookie: string;
  events: PlaygroundEvent[];
  invoke(input: InvokeInput): Promise<PlaygroundAnswer>;
  /** Raw response of an invocation, for error cases. */
  invokeRaw(input: InvokeInput): Promise<Response>;
  /** Resolves with the first event (already received or coming) that matches. */
  nextEvent(pred: (e: PlaygroundEvent) => boolean, timeoutMs?: number): Promise<PlaygroundEvent>;
  close(): void;
}

export async function openPlayground(baseUrl: string): Promise<PlaygroundClient> {
  const page = await fetch(`${baseUrl}/playground`);
  if (page.status !== 200) throw new Error(`GET /playground answered ${page.status}`);
  const setCookie = page.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  await page.arrayBuffer();

  const events: PlaygroundEvent[] = [];
  const waiters = new Set<() => void>();
  const abort = new AbortController();
  const stream = await fetch(`${baseUrl}/playground/api/events`, {
    headers: { cookie },
    signal: abort.signal,
  });
  if (stream.status !== 200 || !stream.body) throw new Error(`event stream answered ${stream.status}`);
  const reader = stream.body.getReader();
  // Read in the background; the first chunk (": connected") tells us the subscription is live.
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        connected();
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) {
            events.push(JSON.parse(data) as PlaygroundEvent);
            for (const w of waiters) w();
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  await ready;

  const invokeRaw = (input: InvokeInput) => {
    const form = new FormData();
    if (input.command) form.set('command', input.command);
    if (input.subcommand) form.set('subcommand', input.subcommand);
    if (input.options) form.set('options', JSON.stringify(input.options));
    if (input.action) form.set('action', JSON.stringify(input.action));
    if (input.messageId) form.set('messageId', input.messageId);
    for (const [name, f] of Object.entries(input.files ?? {})) {
      form.set(name, new Blob([f.bytes], { type: f.type ?? 'image/jpeg' }), f.name ?? 'photo.jpg');
    }
    return fetch(`${baseUrl}/playground/api/invoke`, { method: 'POST', body: form, headers: { cookie } });
  };

  return {
    cookie,
    events,
    invokeRaw,
    async invoke(input) {
      const res = await invokeRaw(input);
      if (res.status !== 200) throw new Error(`invoke answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as PlaygroundAnswer;
    },
    nextEvent(pred, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(pred);
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching playground event; got ${JSON.stringify(events.map((e) => [e.kind, e.reply.text]))}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close() {
      abort.abort();
    },
  };
}
