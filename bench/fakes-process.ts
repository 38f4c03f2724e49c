/**
 * The local fakes (Discord, OpenAI, ImageKit) in a child process of their own, so the CPU they
 * spend (multipart parsing, checking every request against the vendors' OpenAPI documents) is not
 * charged to the bot being measured. The parent drives them over the IPC channel.
 *
 *   const fakes = await startFakesProcess();
 *   const url = await fakes.addAttachment('photo.jpg', bytes, 'image/jpeg');
 *   await fakes.setResultImage(png);
 *   await fakes.stop();
 *
 * Run directly (`node --import tsx bench/fakes-process.ts`), it is the child.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FakeUrls {
  discordUrl: string;
  openaiUrl: string;
  imagekitUrl: string;
  imagekitUrlEndpoint: string;
  imagekitPrivateKey: string;
}

export interface FakesProcess extends FakeUrls {
  pid: number;
  addAttachment(name: string, bytes: Buffer, contentType: string): Promise<string>;
  /** The PNG every image edit answers with. */
  setResultImage(bytes: Buffer): Promise<void>;
  /** The next `times` image edits answer after `delayMs` (a slow model). */
  delayEdits(delayMs: number, times: number): Promise<void>;
  /** Drops what the fakes recorded (keeps stored files and attachments), to bound their memory. */
  forget(): Promise<void>;
  /** Requests received so far, by fake. */
  counts(): Promise<Record<'discord' | 'openai' | 'imagekit', number>>;
  stop(): Promise<void>;
}

type Request = { id: number; op: string; args?: unknown[] };
type Response = { id: number; ok: boolean; value?: unknown; error?: string };

const SELF = fileURLToPath(import.meta.url);

export async function startFakesProcess(): Promise<FakesProcess> {
  const child: ChildProcess = fork(SELF, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (r: Response) => void>();
  let nextId = 0;
  const urls = await new Promise<FakeUrls>((resolve, reject) => {
    child.once('message', (m) => resolve(m as FakeUrls));
    child.once('exit', (code) => reject(new Error(`fakes process exited (${code}) before it was ready`)));
  });
  // A closed channel is reported by the call that used it.
  child.on('error', () => undefined);
  child.on('message', (m) => {
    const r = m as Response;
    pending.get(r.id)?.(r);
    pending.delete(r.id);
  });
  const call = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (r) => (r.ok ? resolve(r.value as T) : reject(new Error(r.error))));
      child.send({ id, op, args } satisfies Request);
    });
  const b64 = (b: Buffer) => b.toString('base64');
  return {
    ...urls,
    pid: child.pid!,
    addAttachment: (name, bytes, type) => call('addAttachment', name, b64(bytes), type),
    setResultImage: (bytes) => call('setResultImage', b64(bytes)),
    delayEdits: (delayMs, times) => call('delayEdits', delayMs, times),
    forget: () => call('forget'),
    counts: () => call('counts'),
    async stop() {
      if (child.exitCode !== null || !child.connected) return;
      await call('stop').catch(() => undefined);
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

async function runChild(): Promise<void> {
  const { startFakeDiscord } = await import('../test/fakes/discord.ts');
  const { startFakeOpenAI } = await import('../test/fakes/openai.ts');
  const { startFakeImageKit } = await import('../test/fakes/imagekit.ts');
  const [discord, openai, imagekit] = await Promise.all([
    startFakeDiscord(),
    startFakeOpenAI(),
    startFakeImageKit(),
  ]);
  const ops: Record<string, (...args: never[]) => unknown> = {
    addAttachment: (name: string, data: string, type: string) =>
      discord.addAttachment(name, Buffer.from(data, 'base64'), type),
    setResultImage: (data: string) => {
      openai.resultImage = Buffer.from(data, 'base64');
    },
    delayEdits: (delayMs: number, times: number) => {
      openai.http.failNext(
        'POST',
        '/v1/images/edits',
        {
          status: 200,
          delayMs,
          body: { created: 1, data: [{ b64_json: openai.resultImage.toString('base64') }] },
        },
        times,
      );
    },
    forget: () => {
      for (const fake of [discord, openai, imagekit]) fake.http.requests.length = 0;
      discord.calls.length = 0;
      discord.webhookMessages.clear();
      openai.edits.length = 0;
      openai.moderations.length = 0;
    },
    counts: () => ({
      discord: discord.http.requests.length,
      openai: openai.http.requests.length,
      imagekit: imagekit.http.requests.length,
    }),
    stop: async () => {
      await Promise.all([discord.stop(), openai.stop(), imagekit.stop()]);
      setImmediate(() => process.exit(0));
    },
  };
  process.on('message', async (m) => {
    const { id, op, args = [] } = m as Request;
    try {
      const value = await ops[op]!(...(args as never[]));
      process.send!({ id, ok: true, value } satisfies Response);
    } catch (e) {
      process.send!({ id, ok: false, error: String(e) } satisfies Response);
    }
  });
  // The parent going away ends this process too.
  process.on('disconnect', () => process.exit(0));
  process.send!({
    discordUrl: discord.url,
    openaiUrl: openai.url,
    imagekitUrl: imagekit.url,
    imagekitUrlEndpoint: imagekit.urlEndpoint,
    imagekitPrivateKey: imagekit.privateKey,
  } satisfies FakeUrls);
}

if (process.argv[1] === SELF && process.send) await runChild();
