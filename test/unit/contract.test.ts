/**
 * The contract checker is what keeps the fake vendor servers honest, so these tests feed it
 * requests the vendors accept and requests they refuse, and check it tells them apart.
 */
import { describe, expect, it } from 'vitest';
import { loadContract, vendorContract } from '../fakes/contract.ts';

const INTERACTION = '/api/v10/interactions/1180000000000000001/aW50ZXJhY3Rpb24tdG9rZW4/callback';
const ORIGINAL = '/api/v10/webhooks/1180000000000000002/d2ViaG9vay10b2tlbg/messages/%40original';

/** A multipart body exactly as `fetch` would send it (boundary and all). */
async function multipart(form: FormData): Promise<{ contentType: string; body: Buffer }> {
  const response = new Response(form);
  return {
    contentType: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe('Discord contract', () => {
  const discord = vendorContract('discord');

  it('accepts a deferred interaction callback (type 5)', () => {
    const errors = discord.validateRequest({
      method: 'POST',
      path: `${INTERACTION}?with_response=false`,
      contentType: 'application/json',
      body: JSON.stringify({ type: 5, data: { flags: 64 } }),
    });
    expect(errors).toEqual([]);
  });

  it('rejects an interaction callback whose type is not a callback type, naming the field', () => {
    const errors = discord.validateRequest({ method: 'POST', path: INTERACTION, body: { type: 'x' } });
    expect(errors).toContain('body/type: must be integer');
  });

  it('rejects a malformed query parameter', () => {
    const errors = discord.validateRequest({
      method: 'POST',
      path: `${INTERACTION}?with_response=perhaps`,
      body: { type: 5 },
    });
    expect(errors).toContain('query/with_response: must be boolean');
  });

  it('resolves the URL-encoded @original to its literal path, not to {message_id}', () => {
    expect(discord.findOperation('PATCH', ORIGINAL)).toMatchObject({
      pathTemplate: '/webhooks/{webhook_id}/{webhook_token}/messages/@original',
      operationId: 'update_original_webhook_message',
      pathParams: { webhook_id: '1180000000000000002', webhook_token: 'd2ViaG9vay10b2tlbg' },
    });
  });

  it('accepts an edit of the original reply with content, an embed and a button', () => {
    const errors = discord.validateRequest({
      method: 'PATCH',
      path: ORIGINAL,
      headers: { 'content-type': 'application/json' },
      body: {
        content: 'Here is your image',
        embeds: [{ title: 'Watercolor', image: { url: 'https://ik.imagekit.io/demo/result.png' } }],
        components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Again', custom_id: 'again:1' }] }],
      },
    });
    expect(errors).toEqual([]);
  });

  it('rejects an edit whose content is longer than 2000 characters', () => {
    const errors = discord.validateRequest({
      method: 'PATCH',
      path: ORIGINAL,
      body: { content: 'a'.repeat(2001) },
    });
    expect(errors).toContain('body/content: must NOT have more than 2000 characters');
  });

  it('accepts a multipart edit with payload_json and files[0], as discord.js sends it', async () => {
    const form = new FormData();
    form.append(
      'payload_json',
      JSON.stringify({ content: 'done', attachments: [{ id: 0, filename: 'r.png' }] }),
    );
    form.append(
      'files[0]',
      new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
      'r.png',
    );
    const { contentType, body } = await multipart(form);
    expect(discord.validateRequest({ method: 'PATCH', path: ORIGINAL, contentType, body })).toEqual([]);
  });

  it('rejects a multipart edit whose payload_json breaks the schema', async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'a'.repeat(2001) }));
    const { contentType, body } = await multipart(form);
    const errors = discord.validateRequest({ method: 'PATCH', path: ORIGINAL, contentType, body });
    expect(errors).toContain('body/content: must NOT have more than 2000 characters');
  });

  it('rejects a response that lacks the message fields Discord always returns', () => {
    const errors = discord.validateResponse({
      method: 'PATCH',
      path: ORIGINAL,
      status: 200,
      body: { id: '1' },
    });
    expect(errors).toContain("response body: must have required property 'channel_id'");
  });

  it('rejects a response status the operation does not declare', () => {
    const errors = discord.validateResponse({ method: 'PATCH', path: ORIGINAL, status: 302, body: {} });
    expect(errors[0]).toMatch(/^status 302 is not declared/);
  });

  it('answers "no such operation" for a path outside the spec or outside the base path', () => {
    expect(discord.validateRequest({ method: 'POST', path: '/api/v10/no/such/route', body: {} })[0]).toMatch(
      /^no such operation: POST \/api\/v10\/no\/such\/route/,
    );
    expect(discord.findOperation('POST', INTERACTION.replace('/api/v10', '/api/v9'))).toBeUndefined();
    expect(discord.findOperation('GET', INTERACTION)).toBeUndefined();
  });
});

describe('OpenAI contract', () => {
  const openai = vendorContract('openai');

  it('accepts a moderation request with text and an image', () => {
    const errors = openai.validateRequest({
      method: 'POST',
      path: '/v1/moderations',
      contentType: 'application/json',
      body: {
        model: 'omni-moderation-latest',
        input: [
          { type: 'text', text: 'a cat in watercolor' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    });
    expect(errors).toEqual([]);
  });

  it('rejects a moderation request without input', () => {
    const errors = openai.validateRequest({
      method: 'POST',
      path: '/v1/moderations',
      body: { model: 'omni-moderation-latest' },
    });
    expect(errors).toContain("body: must have required property 'input'");
  });

  it('rejects a body that is not JSON and a content type the operation does not take', () => {
    expect(
      openai.validateRequest({
        method: 'POST',
        path: '/v1/moderations',
        contentType: 'application/json',
        body: '{oops',
      }),
    ).toEqual(['request body is not valid JSON']);
    expect(
      openai.validateRequest({
        method: 'POST',
        path: '/v1/moderations',
        contentType: 'text/plain',
        body: 'hi',
      })[0],
    ).toMatch(/^request content type text\/plain is not accepted/);
  });

  it('reads a multipart image edit with image[] parts and coerces its numeric fields', async () => {
    const form = new FormData();
    form.append('model', 'gpt-image-2');
    form.append('prompt', 'watercolor');
    form.append('image[]', new Blob([Buffer.from('png')], { type: 'image/png' }), 'a.png');
    form.append('n', '1');
    const { contentType, body } = await multipart(form);
    expect(openai.validateRequest({ method: 'POST', path: '/v1/images/edits', contentType, body })).toEqual(
      [],
    );

    form.set('n', 'eleven');
    const bad = await multipart(form);
    expect(
      openai.validateRequest({
        method: 'POST',
        path: '/v1/images/edits',
        contentType: bad.contentType,
        body: bad.body,
      }),
    ).toContain('body/n: must be integer,null');
  });

  it('accepts the b64_json answer of an image edit and rejects one without `created`', () => {
    const path = '/v1/images/edits';
    expect(
      openai.validateResponse({
        method: 'POST',
        path,
        status: 200,
        body: { created: 1, data: [{ b64_json: 'AA==' }] },
      }),
    ).toEqual([]);
    expect(openai.validateResponse({ method: 'POST', path, status: 200, body: { data: [] } })).toContain(
      "response body: must have required property 'created'",
    );
  });
});

describe('Stripe contract (old spec: unknown fields are warnings)', () => {
  const stripe = vendorContract('stripe');
  const create = (body: string) =>
    stripe.checkRequest({
      method: 'POST',
      path: '/v1/checkout/sessions',
      contentType: 'application/x-www-form-urlencoded',
      body,
    });
  const valid = new URLSearchParams({
    mode: 'subscription',
    success_url: 'https://bot.example/billing/done',
    cancel_url: 'https://bot.example/billing/cancelled',
    client_reference_id: 'user_1',
    'line_items[0][price]': 'price_123',
    'line_items[0][quantity]': '1',
    'metadata[userId]': 'user_1',
    'expand[0]': 'subscription',
  }).toString();

  it('accepts a checkout session create sent as deepObject form fields', () => {
    expect(create(valid)).toEqual({ errors: [], warnings: [] });
  });

  it('rejects a non-numeric quantity and an unknown mode, naming the fields', () => {
    const { errors } = create(
      valid
        .replace('line_items%5B0%5D%5Bquantity%5D=1', 'line_items%5B0%5D%5Bquantity%5D=many')
        .replace('mode=subscription', 'mode=rental'),
    );
    expect(errors).toContain('body/line_items/0/quantity: must be integer');
    expect(errors).toContain(
      'body/mode: must be equal to one of the allowed values: "payment", "setup", "subscription"',
    );
  });

  it('rejects a session without its required success_url', () => {
    expect(create('mode=payment').errors).toContain("body: must have required property 'success_url'");
  });

  it('reports a field newer than the spec as a warning, not an error', () => {
    const result = create(`${valid}&ui_mode_v2=hosted`);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'body: must NOT have additional properties "ui_mode_v2" (not in this copy of the spec)',
    ]);
  });
});

describe('Slack contract (Swagger 2)', () => {
  const slack = vendorContract('slack');

  it('accepts chat.postMessage form arguments and requires a channel', () => {
    const post = (body: string) =>
      slack.validateRequest({
        method: 'POST',
        path: '/api/chat.postMessage',
        contentType: 'application/x-www-form-urlencoded',
        body,
      });
    expect(post('channel=C123&text=hello&unfurl_links=false')).toEqual([]);
    expect(post('text=hello')).toContain("arguments: must have required property 'channel'");
  });

  it('accepts both the success and the `ok: false` answer of auth.test, and nothing else', () => {
    const answer = (body: unknown) =>
      slack.validateResponse({ method: 'POST', path: '/api/auth.test', status: 200, body });
    const success = {
      ok: true,
      url: 'https://t.slack.com/',
      team: 'T',
      user: 'bot',
      team_id: 'T12345678',
      user_id: 'U12345678',
    };
    expect(answer(success)).toEqual([]);
    expect(answer({ ok: false, error: 'invalid_auth' })).toEqual([]);
    expect(answer({ ok: true })).not.toEqual([]);
  });
});

describe('loadContract', () => {
  it('caches one contract per file and options', () => {
    expect(loadContract('discord.openapi.json', { basePath: '/api/v10' })).toBe(
      loadContract('discord.openapi.json', { basePath: '/api/v10' }),
    );
  });

  it('takes the base path from the spec when none is given', () => {
    expect(loadContract('clerk.bapi.2026-05-12.yml').basePath).toBe('/v1');
    expect(loadContract('slack_web_openapi_v2.json').basePath).toBe('/api');
  });

  it('fails with a message saying where the specs belong when a spec is missing', () => {
    expect(() => loadContract('nope.openapi.json')).toThrow(
      /contract spec not found: .*shared\/contract-specs/,
    );
  });
});
