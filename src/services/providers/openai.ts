/**
 * The real image provider: OpenAI's `images.edit` with a GPT image model. Errors are sorted into
 * the three kinds the worker acts on:
 *   - the user's request cannot be done (HTTP 400, policy block): UserFacingError, not retried;
 *   - our set-up is wrong (bad key, unknown model): ProviderConfigError, not retried, for the operator;
 *   - the service is busy or down (429, 5xx, network): ProviderUnavailableError, retried. The SDK
 *     has already retried `maxRetries` times with backoff (honouring Retry-After); the queue adds more.
 */
import OpenAI, { toFile } from 'openai';
import { UserFacingError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { EditRequest, EditResult, ImageProvider } from '../ports.ts';

/** OpenAI refused our credentials or model: only the operator can fix it, retrying cannot. */
export class ProviderConfigError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderConfigError';
  }
}

/** OpenAI is rate limiting, failing or unreachable: worth another attempt later. */
export class ProviderUnavailableError extends Error {
  readonly retryable = true;
  readonly status?: number;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ProviderUnavailableError';
    if (options.status !== undefined) this.status = options.status;
  }
}

export function createOpenAIClient(cfg: {
  apiKey: string;
  baseURL: string;
  timeoutMs: number;
  maxRetries: number;
}): OpenAI {
  return new OpenAI({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseURL,
    timeout: cfg.timeoutMs,
    maxRetries: cfg.maxRetries,
  });
}

const EXTENSIONS: Record<EditRequest['mimeType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

const OUTPUT_TYPES: Record<string, EditResult['mimeType']> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const MAX_REASON_CHARS = 300;

export function createOpenAIProvider(opts: {
  client: OpenAI;
  model: string;
  size: string;
  log?: Logger;
}): ImageProvider {
  const { client, model, size, log } = opts;
  return {
    name: 'openai',
    offline: false,
    async edit(req: EditRequest): Promise<EditResult> {
      const image = await toFile(req.image, `source.${EXTENSIONS[req.mimeType]}`, { type: req.mimeType });
      const started = performance.now();
      let response: OpenAI.ImagesResponse;
      try {
        response = await client.images.edit({
          model,
          image,
          prompt: req.prompt,
          // Sent even when "auto": the API's own default size is 1024x1024, not auto.
          size,
          n: 1,
        });
      } catch (error) {
        const mapped = mapOpenAIError(error, { model, modelSetting: 'OPENAI_IMAGE_MODEL' });
        log?.warn(
          {
            requestId: req.requestId,
            model,
            status: (error as { status?: number }).status,
            code: (error as { code?: string }).code,
            openaiRequestId: (error as { requestID?: string }).requestID,
            kind: mapped.name,
          },
          'openai image edit failed',
        );
        throw mapped;
      }
      const b64 = response.data?.[0]?.b64_json;
      if (!b64) {
        throw new ProviderUnavailableError(
          `OpenAI answered images.edit for model ${model} without image data`,
        );
      }
      log?.debug(
        {
          requestId: req.requestId,
          model,
          ms: Math.round(performance.now() - started),
          tokens: response.usage?.total_tokens,
        },
        'openai image edit done',
      );
      return {
        image: Buffer.from(b64, 'base64'),
        mimeType: OUTPUT_TYPES[response.output_format ?? 'png'] ?? 'image/png',
        model,
      };
    },
  };
}

/**
 * Turns an error thrown by the OpenAI SDK into one of our three kinds (see the file comment).
 * Exported for the moderator, which talks to the same API with the same key.
 */
export function mapOpenAIError(error: unknown, ctx: { model: string; modelSetting: string }): Error {
  const { model, modelSetting } = ctx;
  if (!(error instanceof OpenAI.APIError)) return error instanceof Error ? error : new Error(String(error));
  if (error instanceof OpenAI.APIUserAbortError) return error;
  const status = error.status;
  if (status === undefined) {
    // APIConnectionError / APIConnectionTimeoutError: no answer at all.
    return new ProviderUnavailableError(`OpenAI could not be reached: ${error.message}`, { cause: error });
  }
  const modelRejected =
    status === 404 || error.code === 'model_not_found' || (status === 400 && error.param === 'model');
  if (status === 401 || status === 403 || modelRejected) {
    return new ProviderConfigError(
      `OpenAI rejected the model ${model} or the API key (HTTP ${status}${error.code ? `, ${error.code}` : ''}) — check ${modelSetting} / OPENAI_API_KEY`,
      { cause: error },
    );
  }
  if (status === 400 && error.code === 'moderation_blocked') {
    return new UserFacingError('provider_blocked', {}, false);
  }
  if (status === 400 || status === 413 || status === 422) {
    return new UserFacingError('provider_rejected', { reason: plainReason(error) }, false);
  }
  return new ProviderUnavailableError(`OpenAI is unavailable (HTTP ${status}): ${plainReason(error)}`, {
    status,
    cause: error,
  });
}

/** The API's own sentence (it names the problem, never our key), trimmed to a readable length. */
function plainReason(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  let reason =
    typeof body?.message === 'string' && body.message.trim() ? body.message.trim() : 'no reason given.';
  if (reason.length > MAX_REASON_CHARS) reason = `${reason.slice(0, MAX_REASON_CHARS - 1)}…`;
  return /[.!?…]$/.test(reason) ? reason : `${reason}.`;
}
