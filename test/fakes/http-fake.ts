/**
 * A tiny programmable HTTP server for fake cloud APIs. Each fake registers routes; every request
 * is recorded (method, path, query, headers, raw body) so tests can assert on what left the
 * process, and `failNext` makes the next matching request fail (429/500/slow/malformed) to test
 * retries and error messages. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Body parsed as JSON when it is JSON, else undefined. */
  json?: unknown;
  at: number;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Delay before answering (ms). */
  delayMs?: number;
}

export type RouteHandler = (
  req: RecordedRequest,
  params: Record<string, string>,
) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

interface Failure {
  method: string;
  pattern: RegExp;
  response: FakeResponse;
  times: number;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      if (seg === '*') {
        keys.push('rest');
        return '(.*)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), keys };
}

export class HttpFake {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly failures: Failure[] = [];
  private server?: Server;
  url = '';

  constructor(readonly name: string) {}

  route(method: string, path: string, handler: RouteHandler): this {
    const { pattern, keys } = compile(path);
    this.routes.push({ method: method.toUpperCase(), pattern, keys, handler });
    return this;
  }

  /** The next `times` requests matching method+path get `response` instead of the route. */
  failNext(method: string, path: string, response: FakeResponse, times = 1): this {
    const { pattern } = compile(path);
    this.failures.push({ method: method.toUpperCase(), pattern, response, times });
    return this;
  }

  /** Recorded requests, optionally filtered by method and a path substring/regex. */
  received(method?: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        (!method || r.method === method.toUpperCase()) &&
        (!path || (typeof path === 'string' ? r.path.includes(path) : path.test(r.path))),
    );
  }

  reset(): void {
    this.requests.length = 0;
    this.failures.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const u = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body,
      at: Date.now(),
    };
    if ((req.headers['content-type'] ?? '').includes('json') && body.length > 0) {
      try {
        recorded.json = JSON.parse(body.toString('utf8'));
      } catch {
        recorded.json = undefined;
      }
    }
    this.requests.push(recorded);

    let response: FakeResponse | undefined;
    const failure = this.failures.find((f) => f.method === recorded.method && f.pattern.test(recorded.path));
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      response = failure.response;
    } else {
      for (const route of this.routes) {
        if (route.method !== recorded.method && route.method !== '*') continue;
        const m = route.pattern.exec(recorded.path);
        if (!m) continue;
        const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')]));
        try {
          response = await route.handler(recorded, params);
        } catch (e) {
          response = { status: 500, body: { error: `${this.name} fake route threw: ${String(e)}` } };
        }
        break;
      }
    }
    response ??= {
      status: 404,
      body: { error: `${this.name} fake: no route for ${recorded.method} ${recorded.path}` },
    };
    if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
    const headers: Record<string, string> = { ...response.headers };
    let payload: Buffer | string = '';
    if (Buffer.isBuffer(response.body)) payload = response.body;
    else if (typeof response.body === 'string') payload = response.body;
    else if (response.body !== undefined) {
      payload = JSON.stringify(response.body);
      headers['content-type'] ??= 'application/json';
    }
    if (!res.destroyed) {
      res.writeHead(response.status ?? 200, headers);
      res.end(payload);
    }
  }
}
