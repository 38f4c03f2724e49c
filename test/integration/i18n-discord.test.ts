/**
 * Locales end to end: a German Discord user (interaction `locale: 'de'`) gets every reply of the
 * flow in German — the queued reply, the progress edit, the result's buttons, a bad-input error
 * and a failure from the worker — while the registration carries the localisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { chatInputInteraction } from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

let t: TestBot;

beforeAll(async () => {
  t = await startTestBot();
});

afterAll(async () => {
  await t?.stop();
});

const editsOf = (token: string) => t.discord.callsTo('webhookEdit').filter((c) => c.path.includes(token));

async function imagineInGerman(bytes: Buffer, contentType = 'image/jpeg') {
  const url = t.discord.addAttachment('bild.jpg', bytes, contentType);
  const raw = chatInputInteraction({
    command: 'imagine',
    locale: 'de',
    options: { style: 'watercolor' },
    attachments: { image: { url, filename: 'bild.jpg', contentType, size: bytes.length } },
  });
  await t.interact(raw);
  return raw;
}

describe('GIVEN a Discord user whose client is set to German', () => {
  it('THEN /imagine is queued, generated and delivered with German texts', async () => {
    const raw = await imagineInGerman(await makeJpeg({ width: 640, height: 480 }));
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen.status).toBe('succeeded');

    const edits = editsOf(raw.token).map((e) => JSON.stringify(e.payload));
    expect(edits[0]).toContain(
      '⏳ In der Warteschlange — Position 1. Dein Bild im Stil **Aquarell** erscheint hier, sobald es fertig ist.',
    );
    expect(edits.some((x) => x.includes('🎨 Dein Bild im Stil **Aquarell** wird erstellt…'))).toBe(true);
    const final = editsOf(raw.token).at(-1)!.payload;
    const buttons = final.components.flatMap((r: { components: Array<{ label?: string }> }) => r.components);
    expect(buttons.map((b: { label?: string }) => b.label)).toEqual(
      expect.arrayContaining(['Neu starten', 'Löschen']),
    );
    expect(JSON.stringify(final)).toContain('Anderen Stil ausprobieren…');
    expect(JSON.stringify(final)).not.toMatch(/Queued|Re-run|Try another style/);
    expect(t.discord.contractErrors).toEqual([]);
  });

  it('THEN a file that is not an image is refused in German, privately', async () => {
    const before = t.discord.callsTo('followUp').length;
    await imagineInGerman(Buffer.from('nur etwas Text'), 'text/plain');
    const followUps = t.discord.callsTo('followUp').slice(before);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.payload.flags & 64).toBe(64);
    expect(JSON.stringify(followUps[0]!.payload)).toContain(
      'Diese Datei ist kein unterstütztes Bild. Bitte hänge ein PNG-, JPEG- oder WebP-Bild an.',
    );
  });

  it('THEN a refusal from the image service reaches the user in German', async () => {
    t.openai.failNextEdit('moderation_blocked');
    const raw = await imagineInGerman(await makeJpeg({ width: 640, height: 480 }));
    const gen = await t.waitForGeneration((g) => g.status === 'failed');
    expect(gen.errorCode).toBe('provider_blocked');
    // Operators read the stored message in English.
    expect(gen.errorMessage).toMatch(/content policy/);
    await expect
      .poll(() => JSON.stringify(editsOf(raw.token).at(-1)?.payload))
      .toContain('❌ Der Bilddienst hat diese Anfrage gemäß seiner Inhaltsrichtlinie abgelehnt.');
  });
});
