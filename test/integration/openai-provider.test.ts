/**
 * The OpenAI image provider and moderator, driven through the real `openai` SDK over HTTP against
 * the fake OpenAI server (which checks every request against the official OpenAPI document).
 */
import OpenAI from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.ts';
import { createOpenAIModerator, noModeration } from '../../src/services/moderation.ts';
import type { EditRequest } from '../../src/services/ports.ts';
import {
  createOpenAIClient,
  createOpenAIProvider,
  ProviderConfigError,
  ProviderUnavailableError,
} from '../../src/services/providers/openai.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.ts';
import { makePng } from '../support/images.ts';

let fake: FakeOpenAI;
let client: OpenAI;
let source: Buffer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  source = await makePng({ width: 96, height: 64 });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.http.reset();
  fake.edits.length = 0;
  fake.moderations.length = 0;
  fake.contractViolations.length = 0;
  fake.models = undefined;
  fake.flagImages = false;
  client = new OpenAI({ apiKey: 'test', baseURL: `${fake.url}/v1`, maxRetries: 2 });
});

function request(overrides: Partial<EditRequest> = {}): EditRequest {
  return {
    image: source,
    mimeType: 'image/png',
    prompt: 'A watercolor painting of a lighthouse',
    style: 'watercolor',
    size: 'auto',
    requestId: 'gen-1',
    ...overrides,
  };
}

describe('OpenAI image provider', () => {
  it('sends the configured model, the image bytes and the prompt as a multipart edit, and returns the image', async () => {
    const provider = createOpenAIProvider({ client, model: 'gpt-image-2', size: 'auto' });

    const result = await provider.edit(request());

    expect(fake.contractViolations).toEqual([]);
    expect(fake.edits).toHaveLength(1);
    const edit = fake.edits[0]!;
    expect(edit.model).toBe('gpt-image-2');
    expect(edit.prompt).toBe('A watercolor painting of a lighthouse');
    expect(edit.n).toBe('1');
    expect(edit.size).toBe('auto');
    expect(edit.images).toHaveLength(1);
    expect(edit.images[0]!.field).toBe('image');
    expect(edit.images[0]!.type).toBe('image/png');
    expect(edit.images[0]!.filename).toBe('source.png');
    expect(edit.images[0]!.bytes.equals(source)).toBe(true);
    expect(fake.http.received('POST', '/v1/images/edits')[0]!.headers.authorization).toBe('Bearer test');

    expect(result.model).toBe('gpt-image-2');
    expect(result.mimeType).toBe('image/png');
    expect(result.image.equals(fake.resultImage)).toBe(true);
    expect(provider).toMatchObject({ name: 'openai', offline: false });
  });

  it('passes a configured WIDTHxHEIGHT size and names a JPEG source accordingly', async () => {
    const provider = createOpenAIProvider({ client, model: 'gpt-image-2.5-preview', size: '1536x1024' });
    const jpeg = await sharp(source).jpeg().toBuffer();

    await provider.edit(request({ image: jpeg, mimeType: 'image/jpeg' }));

    const edit = fake.edits[0]!;
    expect(edit.model).toBe('gpt-image-2.5-preview');
    expect(edit.size).toBe('1536x1024');
    expect(edit.images[0]).toMatchObject({ filename: 'source.jpg', type: 'image/jpeg' });
    expect(edit.images[0]!.bytes.equals(jpeg)).toBe(true);
  });

  it('reports a content-policy block (400 moderation_blocked) to the user, without retrying', async () => {
    fake.failNextEdit('moderation_blocked');
    const provider = createOpenAIProvider({ client, model: 'gpt-image-2', size: 'auto' });

    const error = await provider.edit(request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({ code: 'provider_blocked', retryable: false });
    expect((error as UserFacingError).userMessage).toContain('content policy');
    expect((error as UserFacingError).userMessage).toContain('You have not been charged');
    expect(fake.http.received('POST', '/v1/images/edits')).toHaveLength(1);
  });

  it('passes the API reason of any other 400 to the user, not retryable', async () => {
    fake.failNextEdit('invalid_request');
    const provider = createOpenAIProvider({ client, model: 'gpt-image-2', size: 'auto' });

    const error = await provider.edit(request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({ code: 'provider_rejected', retryable: false });
    expect((error as UserFacingError).userMessage).toContain('Invalid image file or mode for image 1');
    expect(fake.http.received('POST', '/v1/images/edits')).toHaveLength(1);
  });

  it('succeeds after a 429 by waiting and retrying inside the SDK (two requests seen)', async () => {
    fake.failNextEdit('rate_limited');
    const provider = createOpenAIProvider({ client, model: 'gpt-image-2', size: 'auto' });

    const result = await provider.edit(request());

    expect(result.image.equals(fake.resultImage)).toBe(true);
    expect(fake.http.received('POST', '/v1/images/edits')).toHaveLength(2);
    expect(fake.edits).toHaveLength(1);
  });

  it('throws a retryable error when the server keeps answering 500, after the SDK retries', async () => {
    fake.failNextEdit('server_error', 10);
    const provider = createOpenAIProvider({ client, model: 'gpt-image-2', size: 'auto' });

    const error = await provider.edit(request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ retryable: true, status: 500 });
    expect(error).not.toBeInstanceOf(UserFacingError);
    // One try plus maxRetries (2).
    expect(fake.http.received('POST', '/v1/images/edits')).toHaveLength(3);
  });

  it('throws a retryable error when OpenAI cannot be reached at all', async () => {
    const gone = await startFakeOpenAI();
    const url = gone.url;
    await gone.stop();
    const offline = new OpenAI({ apiKey: 'test', baseURL: `${url}/v1`, maxRetries: 0 });
    const provider = createOpenAIProvider({ client: offline, model: 'gpt-image-2', size: 'auto' });

    const error = await provider.edit(request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toContain('could not be reached');
  });

  it('tells the operator which setting to check when the API key is refused (401), without retrying', async () => {
    fake.apiKey = 'the-right-key';
    try {
      const provider = createOpenAIProvider({ client, model: 'gpt-image-2', size: 'auto' });

      const error = await provider.edit(request()).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ProviderConfigError);
      expect(error).toMatchObject({ retryable: false });
      expect((error as Error).message).toContain('gpt-image-2');
      expect((error as Error).message).toContain('check OPENAI_IMAGE_MODEL / OPENAI_API_KEY');
      expect((error as Error).message).not.toContain('test');
      expect(fake.http.received('POST', '/v1/images/edits')).toHaveLength(1);
    } finally {
      fake.apiKey = undefined;
    }
  });

  it('tells the operator when the model does not exist (404) or is refused (400 on `model`)', async () => {
    fake.failNextEdit('unknown_model');
    const provider = createOpenAIProvider({ client, model: 'gpt-image-1', size: 'auto' });
    const notFound = await provider.edit(request()).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ProviderConfigError);
    expect((notFound as Error).message).toContain('OpenAI rejected the model gpt-image-1');

    fake.models = ['gpt-image-2'];
    const refused = await provider.edit(request()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderConfigError);
    expect((refused as Error).message).toContain('OPENAI_IMAGE_MODEL');
  });

  it('builds a client from config values that reaches the configured base URL', async () => {
    const configured = createOpenAIClient({
      apiKey: 'k',
      baseURL: `${fake.url}/v1`,
      timeoutMs: 5000,
      maxRetries: 0,
    });
    const provider = createOpenAIProvider({ client: configured, model: 'gpt-image-2', size: 'auto' });

    await provider.edit(request());

    expect(fake.http.received('POST', '/v1/images/edits')[0]!.headers.authorization).toBe('Bearer k');
  });
});

describe('fake OpenAI contract checks', () => {
  it('refuses an edit without a prompt with an OpenAI-style 400', async () => {
    const error = await client.images
      .edit({
        model: 'gpt-image-2',
        image: await OpenAI.toFile(source, 'a.png', { type: 'image/png' }),
      } as never)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain("must have required property 'prompt'");
    expect(fake.contractViolations).toHaveLength(1);
  });

  it('refuses an edit whose n is out of range', async () => {
    const error = await client.images
      .edit({
        model: 'gpt-image-2',
        prompt: 'x',
        n: 11,
        image: await OpenAI.toFile(source, 'a.png', { type: 'image/png' }),
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(fake.contractViolations[0]!.errors.join()).toContain('n: must be <= 10');
  });
});

describe('OpenAI moderator', () => {
  it('sends the prompt and the image as one multi-modal request and passes clean content', async () => {
    const moderator = createOpenAIModerator({ client, model: 'omni-moderation-latest' });

    const verdict = await moderator.check({
      text: 'a lighthouse at dusk',
      image: { data: source, mimeType: 'image/png' },
    });

    expect(verdict).toEqual({ flagged: false, categories: [] });
    expect(fake.contractViolations).toEqual([]);
    expect(fake.moderations).toEqual([
      {
        model: 'omni-moderation-latest',
        input: [
          { type: 'text', text: 'a lighthouse at dusk' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${source.toString('base64')}` } },
        ],
      },
    ]);
  });

  it('flags a prompt the service flags, naming the categories', async () => {
    const moderator = createOpenAIModerator({ client, model: 'omni-moderation-latest' });

    const verdict = await moderator.check({ text: 'please draw the forbidden-word here' });

    expect(verdict).toEqual({ flagged: true, categories: ['violence'] });
  });

  it('flags an image the service flags', async () => {
    fake.flagImages = true;
    const moderator = createOpenAIModerator({ client, model: 'omni-moderation-latest' });

    const verdict = await moderator.check({
      text: 'harmless',
      image: { data: source, mimeType: 'image/png' },
    });

    expect(verdict).toEqual({ flagged: true, categories: ['sexual'] });
  });

  it('skips the call when there is nothing to check', async () => {
    const moderator = createOpenAIModerator({ client, model: 'omni-moderation-latest' });

    expect(await moderator.check({ text: '   ' })).toEqual({ flagged: false, categories: [] });
    expect(fake.http.received('POST', '/v1/moderations')).toHaveLength(0);
  });

  it('fails with a retryable error when the moderation service keeps failing', async () => {
    fake.failNextModeration('server_error', 10);
    const moderator = createOpenAIModerator({ client, model: 'omni-moderation-latest' });

    const error = await moderator.check({ text: 'hello' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(fake.http.received('POST', '/v1/moderations')).toHaveLength(3);
  });

  it('names the moderation model setting when the model is refused', async () => {
    fake.failNextModeration('unknown_model');
    const moderator = createOpenAIModerator({ client, model: 'text-moderation-007' });

    const error = await moderator.check({ text: 'hello' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderConfigError);
    expect((error as Error).message).toContain('OPENAI_MODERATION_MODEL');
  });

  it('never flags when moderation is off', async () => {
    expect(await noModeration.check({ text: 'forbidden-word' })).toEqual({ flagged: false, categories: [] });
  });
});
