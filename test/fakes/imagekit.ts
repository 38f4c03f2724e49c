/**
 * A fake ImageKit for the real `@imagekit/nodejs` SDK (`baseURL: fake.url` moves both the upload
 * and the management host) that also plays the CDN (`urlEndpoint: fake.urlEndpoint`), so stored
 * bytes can be fetched back through signed URLs:
 *   POST   /api/v1/files/upload   multipart upload (Basic auth with the private key)
 *   GET    /v1/files              list/search (path, searchQuery `name = "x"`)
 *   DELETE /v1/files/:fileId      204, or 404 when unknown
 *   POST   /v1/files/purge        201 `{ requestId }`
 *   GET    /ik/<filePath>         the CDN: checks `ik-s`/`ik-t` signatures like ImageKit does
 * Shapes follow the SDK's types (generated from ImageKit's OpenAPI document, which is not kept in
 * this repo for licence reasons). Failure injection: `fake.http.failNext(...)`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { type FakeResponse, HttpFake, type RecordedRequest } from './http-fake.ts';
import { parseMultipart } from './multipart.ts';

export interface FakeImageKitFile {
  fileId: string;
  name: string;
  /** "/imagegen/sources/x.png" */
  filePath: string;
  bytes: Buffer;
  contentType: string;
  createdAt: string;
}

export interface FakeImageKit {
  url: string;
  /** Give this to the SDK user as `urlEndpoint`. */
  urlEndpoint: string;
  privateKey: string;
  http: HttpFake;
  /** Stored files by filePath. */
  files: Map<string, FakeImageKitFile>;
  /** Every accepted upload's form fields, in order. */
  uploads: Array<Record<string, string>>;
  /** fileIds deleted. */
  deleted: string[];
  /** URLs purged. */
  purged: string[];
  /** Refuse CDN requests that carry no signature (ImageKit's "restrict unsigned URLs"). */
  requireSignedUrls: boolean;
  /** The CDN's clock (ms), for expiring signed URLs in tests. */
  now: () => number;
  stop(): Promise<void>;
}

const NEVER_EXPIRES = 9_999_999_999;

function ikError(status: number, message: string): FakeResponse {
  return { status, body: { message, help: 'For support kindly contact us at support@imagekit.io .' } };
}

export async function startFakeImageKit(opts: { privateKey?: string } = {}): Promise<FakeImageKit> {
  const http = new HttpFake('imagekit');
  const fake: FakeImageKit = {
    url: '',
    urlEndpoint: '',
    privateKey: opts.privateKey ?? 'private_fake_key',
    http,
    files: new Map(),
    uploads: [],
    deleted: [],
    purged: [],
    requireSignedUrls: false,
    now: () => Date.now(),
    stop: () => http.stop(),
  };

  /** ImageKit authenticates with HTTP Basic: the private key as user name, any password. */
  const unauthorised = (req: RecordedRequest): FakeResponse | undefined => {
    const auth = req.headers.authorization ?? '';
    const user = auth.startsWith('Basic ')
      ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0]
      : '';
    if (user !== fake.privateKey) return ikError(401, 'Your account cannot be authenticated.');
    return undefined;
  };

  const describe = (f: FakeImageKitFile) => ({
    type: 'file',
    fileId: f.fileId,
    name: f.name,
    filePath: f.filePath,
    url: `${fake.urlEndpoint}${f.filePath}`,
    thumbnail: `${fake.urlEndpoint}/tr:n-ik_ml_thumbnail${f.filePath}`,
    fileType: f.contentType.startsWith('image/') ? 'image' : 'non-image',
    mime: f.contentType,
    size: f.bytes.length,
    isPrivateFile: false,
    isPublished: true,
    tags: null,
    AITags: null,
    customCoordinates: null,
    createdAt: f.createdAt,
    updatedAt: f.createdAt,
  });

  http.route('POST', '/api/v1/files/upload', async (req) => {
    const denied = unauthorised(req);
    if (denied) return denied;
    const form = await parseMultipart(req);
    if (!form) return ikError(400, 'The request is not multipart/form-data.');
    const file = form.files.find((f) => f.field === 'file');
    const fileName = form.fields.fileName;
    if (!file) return ikError(400, 'Missing file parameter for upload');
    if (!fileName) return ikError(400, 'Missing fileName parameter for upload');
    // ImageKit replaces characters outside its alphabet with "_".
    let name = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    if (form.fields.useUniqueFileName !== 'false') {
      const dot = name.lastIndexOf('.');
      const suffix = `_${randomBytes(4).toString('hex')}`;
      name = dot > 0 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`;
    }
    const folder = `/${(form.fields.folder ?? '/').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
    const filePath = `${folder}/${name}`;
    const existing = fake.files.get(filePath);
    if (existing && form.fields.overwriteFile === 'false') {
      return ikError(400, 'A file with the same name already exists at the exact location.');
    }
    const stored: FakeImageKitFile = {
      fileId: existing?.fileId ?? randomBytes(12).toString('hex'),
      name,
      filePath,
      bytes: file.bytes,
      contentType: file.type || 'application/octet-stream',
      createdAt: new Date().toISOString(),
    };
    fake.files.set(filePath, stored);
    fake.uploads.push(form.fields);
    const d = describe(stored);
    return {
      status: 200,
      body: {
        fileId: d.fileId,
        name: d.name,
        size: d.size,
        versionInfo: { id: d.fileId, name: 'Version 1' },
        filePath: d.filePath,
        url: d.url,
        fileType: d.fileType,
        thumbnailUrl: d.thumbnail,
        AITags: null,
      },
    };
  });

  http.route('GET', '/v1/files', (req) => {
    const denied = unauthorised(req);
    if (denied) return denied;
    const path = req.query.get('path');
    const folder = path ? `/${path.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '') : undefined;
    const nameQuery = /name\s*=\s*"([^"]*)"/.exec(req.query.get('searchQuery') ?? '')?.[1];
    const list = [...fake.files.values()].filter(
      (f) =>
        (folder === undefined || f.filePath === `${folder}/${f.name}`) &&
        (nameQuery === undefined || f.name === nameQuery),
    );
    const limit = Number(req.query.get('limit') ?? 1000);
    return { status: 200, body: list.slice(0, limit).map(describe) };
  });

  http.route('DELETE', '/v1/files/:fileId', (req, params) => {
    const denied = unauthorised(req);
    if (denied) return denied;
    const entry = [...fake.files.values()].find((f) => f.fileId === params.fileId);
    if (!entry) return ikError(404, 'The requested file does not exist.');
    fake.files.delete(entry.filePath);
    fake.deleted.push(entry.fileId);
    return { status: 204 };
  });

  http.route('POST', '/v1/files/purge', (req) => {
    const denied = unauthorised(req);
    if (denied) return denied;
    const url = (req.json as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string' || !url.startsWith(fake.urlEndpoint)) {
      return ikError(400, 'Invalid url parameter: it must be a URL of your media library.');
    }
    fake.purged.push(url);
    return { status: 201, body: { requestId: randomBytes(8).toString('hex') } };
  });

  // The CDN. A signed URL carries ik-s = HMAC-SHA1(privateKey, <url after the endpoint + "/"
  // without ik-t/ik-s> + <ik-t or 9999999999>), and ik-t = expiry in unix seconds.
  http.route('GET', '/ik/*', (req) => {
    const signature = req.query.get('ik-s');
    const expiresParam = req.query.get('ik-t');
    if (signature) {
      const params = new URLSearchParams(req.query);
      params.delete('ik-s');
      params.delete('ik-t');
      const query = params.toString();
      const unsigned = `${fake.url}${req.path}${query ? `?${query}` : ''}`;
      const expires = expiresParam ? Number(expiresParam) : NEVER_EXPIRES;
      const toSign = unsigned.replace(`${fake.urlEndpoint}/`, '') + String(expires);
      const expected = createHmac('sha1', fake.privateKey).update(toSign).digest('hex');
      if (signature !== expected) return { status: 401, body: 'Invalid signature' };
      if (expires * 1000 < fake.now()) return { status: 401, body: 'Signed URL expired' };
    } else if (fake.requireSignedUrls) {
      return { status: 401, body: 'Unsigned URLs are not allowed' };
    }
    const filePath = decodeURIComponent(req.path.slice('/ik'.length));
    const file = fake.files.get(filePath);
    if (!file) return { status: 404, body: 'Not Found' };
    return { status: 200, headers: { 'content-type': file.contentType }, body: file.bytes };
  });

  fake.url = await http.start();
  fake.urlEndpoint = `${fake.url}/ik`;
  return fake;
}
