/**
 * A fake OpenAI API for the real `openai` SDK (`baseURL: fake.url + '/v1'`):
 *   POST /v1/images/edits   multipart, answers `{ created, data: [{ b64_json }], usage }` with `resultImage`
 *   POST /v1/moderations    JSON, flags text containing one of `flagWords` (and images if `flagImages`)
 * Requests are checked against the official OpenAPI document (`/work/shared/contract-specs/
 * openai.openapi.yaml`): a request that breaks it gets OpenAI's 400 error shape and is listed in
 * `contractViolations`; the fake's own answers are checked too, so it cannot drift from the spec.
 *
 *   const fake = await startFakeOpenAI();
 *   const client = new OpenAI({ apiKey: 'test', baseURL: `${fake.url}/v1`, maxRetries: 2 });
 *   fake.failNextEdit('rate_limited');        // next edit answers 429 with Retry-After
 *   fake.edits[0].prompt, fake.edits[0].images[0].bytes
 *   fake.http.received('POST', '/v1/images/edits').length   // every request, failed ones included
 */
import sharp from 'sharp';
import { vendorContract } from './contract.ts';
import { type FakeResponse, HttpFake, type RecordedRequest } from './http-fake.ts';
import { type MultipartFile, parseMultipart } from './multipart.ts';

export interface ImageEditRecord {
  model?: string;
  prompt?: string;
  size?: string;
  n?: string;
  /** Uploaded image file(s): `image` for one, `image[]` for several. */
  images: MultipartFile[];
  /** Every text field as sent. */
  fields: Record<string, string>;
}

export interface ModerationRecord {
  model?: string;
  input: unknown;
}

export type OpenAIFailure =
  | 'moderation_blocked'
  | 'invalid_request'
  | 'rate_limited'
  | 'server_error'
  | 'invalid_api_key'
  | 'unknown_model';

export interface FakeOpenAI {
  url: string;
  http: HttpFake;
  /** Image edits the fake answered (requests cut short by `failNext*` are only in `http`). */
  edits: ImageEditRecord[];
  moderations: ModerationRecord[];
  /** Text containing any of these (case-insensitive) is flagged as `flagCategory`. */
  flagWords: string[];
  flagCategory: ModerationCategory;
  /** Flags every request carrying an image (category `sexual`, applied to `image`). */
  flagImages: boolean;
  /** When set, only these models are accepted (others get 400 `invalid_value` on `model`). */
  models?: string[];
  /** When set, only this bearer key is accepted (others get 401 `invalid_api_key`). */
  apiKey?: string;
  /** PNG returned by every edit. */
  resultImage: Buffer;
  contractViolations: Array<{ path: string; errors: string[] }>;
  failNextEdit(kind: OpenAIFailure, times?: number): void;
  failNextModeration(kind: Exclude<OpenAIFailure, 'moderation_blocked'>, times?: number): void;
  stop(): Promise<void>;
}

const CATEGORIES = [
  'hate',
  'hate/threatening',
  'harassment',
  'harassment/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;
export type ModerationCategory = (typeof CATEGORIES)[number];

/** Categories whose applied input types may include "image" (per the spec's enums). */
const IMAGE_CATEGORIES = new Set<string>([
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'violence',
  'violence/graphic',
]);

function openAIError(
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return { status, body: { error: { message, type, param, code } } };
}

/**
 * What the real API answers for each failure. Retryable ones carry `retry-after-ms` (which OpenAI
 * sends and the SDK honours) so tests do not sit through the SDK's default backoff.
 */
export function failureResponse(kind: OpenAIFailure, model = 'gpt-image-2'): FakeResponse {
  switch (kind) {
    case 'moderation_blocked':
      return openAIError(
        400,
        'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID.',
        'image_generation_user_error',
        'moderation_blocked',
      );
    case 'invalid_request':
      return openAIError(
        400,
        'Invalid image file or mode for image 1, please check your image file.',
        'invalid_request_error',
        'invalid_image_file',
        'image',
      );
    case 'rate_limited':
      return {
        ...openAIError(
          429,
          `Rate limit reached for ${model} on images per minute (IPM): Limit 5, Used 5, Requested 1. Please try again in 12s.`,
          'requests',
          'rate_limit_exceeded',
        ),
        headers: { 'retry-after': '1', 'retry-after-ms': '10' },
      };
    case 'server_error':
      return {
        ...openAIError(
          500,
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
        ),
        headers: { 'retry-after-ms': '10' },
      };
    case 'invalid_api_key':
      return openAIError(
        401,
        'Incorrect API key provided: te**t. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        'invalid_api_key',
      );
    case 'unknown_model':
      return openAIError(
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
  }
}

// ---- the fake -----------------------------------------------------------------------------------------

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const contract = vendorContract('openai');
  const http = new HttpFake('openai');
  const fake: FakeOpenAI = {
    url: '',
    http,
    edits: [],
    moderations: [],
    flagWords: ['forbidden-word'],
    flagCategory: 'violence',
    flagImages: false,
    resultImage: await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 250, g: 120, b: 40 } },
    })
      .png()
      .toBuffer(),
    contractViolations: [],
    failNextEdit(kind, times = 1) {
      http.failNext('POST', '/v1/images/edits', failureResponse(kind), times);
    },
    failNextModeration(kind, times = 1) {
      http.failNext('POST', '/v1/moderations', failureResponse(kind, 'omni-moderation-latest'), times);
    },
    stop: () => http.stop(),
  };

  const refuse = (req: RecordedRequest, errors: string[]): FakeResponse => {
    fake.contractViolations.push({ path: req.path, errors });
    return openAIError(
      400,
      `Request does not match the OpenAI API: ${errors.join('; ')}`,
      'invalid_request_error',
      null,
    );
  };

  const unauthorised = (req: RecordedRequest): FakeResponse | undefined => {
    const auth = req.headers.authorization ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!key || (fake.apiKey !== undefined && key !== fake.apiKey)) return failureResponse('invalid_api_key');
    return undefined;
  };

  /** Problems with a request, per the spec (body as received: raw multipart bytes or JSON). */
  const violations = (req: RecordedRequest): string[] =>
    contract.validateRequest({ method: req.method, path: req.path, headers: req.headers, body: req.body });

  /** Answers with `body`, after checking it against the spec (a mismatch is a bug in this fake). */
  const answer = (req: RecordedRequest, body: unknown): FakeResponse => {
    const errors = contract.validateResponse({
      method: req.method,
      path: req.path,
      status: 200,
      contentType: 'application/json',
      body,
    });
    if (errors.length > 0) throw new Error(`fake OpenAI answer breaks the spec: ${errors.join('; ')}`);
    return { status: 200, body, headers: { 'x-request-id': `req_fake_${Date.now()}` } };
  };

  http.route('POST', '/v1/images/edits', async (req) => {
    const denied = unauthorised(req);
    if (denied) return denied;
    const form = await parseMultipart(req);
    if (!form) return refuse(req, ['body must be multipart/form-data']);
    const errors = violations(req);
    if (errors.length > 0) return refuse(req, errors);
    const images = form.files.filter((f) => f.field === 'image' || f.field === 'image[]');

    const model = form.fields.model;
    if (fake.models && model !== undefined && !fake.models.includes(model)) {
      return openAIError(
        400,
        `Invalid value: '${model}'. Supported values are: ${fake.models.map((m) => `'${m}'`).join(', ')}.`,
        'invalid_request_error',
        'invalid_value',
        'model',
      );
    }
    fake.edits.push({
      model,
      prompt: form.fields.prompt,
      size: form.fields.size,
      n: form.fields.n,
      images,
      fields: form.fields,
    });
    return answer(req, {
      created: Math.floor(Date.now() / 1000),
      data: [{ b64_json: fake.resultImage.toString('base64') }],
      output_format: 'png',
      quality: 'medium',
      size: '1024x1024',
      usage: {
        input_tokens: 50,
        output_tokens: 1056,
        total_tokens: 1106,
        input_tokens_details: { text_tokens: 10, image_tokens: 40 },
      },
    });
  });

  http.route('POST', '/v1/moderations', (req) => {
    const denied = unauthorised(req);
    if (denied) return denied;
    if (req.json === undefined) return refuse(req, ['body must be JSON']);
    const errors = violations(req);
    if (errors.length > 0) return refuse(req, errors);
    const body = req.json as { model?: string; input: unknown };
    fake.moderations.push({ model: body.model, input: body.input });

    // A string array gets one result per string; a single string or multi-modal array gets one.
    const inputs: Array<{ texts: string[]; hasImage: boolean }> =
      Array.isArray(body.input) && body.input.every((i) => typeof i === 'string')
        ? (body.input as string[]).map((t) => ({ texts: [t], hasImage: false }))
        : typeof body.input === 'string'
          ? [{ texts: [body.input], hasImage: false }]
          : [
              {
                texts: (body.input as Array<{ type: string; text?: string }>)
                  .filter((i) => i.type === 'text')
                  .map((i) => i.text ?? ''),
                hasImage: (body.input as Array<{ type: string }>).some((i) => i.type === 'image_url'),
              },
            ];
    return answer(req, {
      id: `modr-fake-${fake.moderations.length}`,
      model: body.model ?? 'omni-moderation-latest',
      results: inputs.map(({ texts, hasImage }) => moderationResult(fake, texts, hasImage)),
    });
  });

  fake.url = await http.start();
  return fake;
}

function moderationResult(fake: FakeOpenAI, texts: string[], hasImage: boolean) {
  const hits = new Map<string, 'text' | 'image'>();
  const lower = texts.join('\n').toLowerCase();
  if (fake.flagWords.some((w) => lower.includes(w.toLowerCase()))) hits.set(fake.flagCategory, 'text');
  if (fake.flagImages && hasImage) hits.set('sexual', 'image');
  const categories: Record<string, boolean> = {};
  const scores: Record<string, number> = {};
  const applied: Record<string, string[]> = {};
  for (const c of CATEGORIES) {
    const hit = hits.get(c);
    categories[c] = hit !== undefined;
    scores[c] = hit ? 0.97 : 0.0001;
    // The input types each score applies to: text always (when there was text), image only
    // for the categories the spec allows it on.
    applied[c] = [
      ...(texts.length > 0 ? ['text'] : []),
      ...(hasImage && IMAGE_CATEGORIES.has(c) ? ['image'] : []),
    ];
  }
  return {
    flagged: hits.size > 0,
    categories,
    category_scores: scores,
    category_applied_input_types: applied,
  };
}
