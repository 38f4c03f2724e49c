/**
 * "Restyle image" — the message context menu — end to end: a raw context-menu interaction fed to
 * the real discord.js client, the modal it answers with, the modal submission, and the same intake,
 * queue, OpenAI call and delivery as `/imagine`. A message without a usable image is refused
 * privately with nothing queued, charged or sent to OpenAI.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageActions } from '../../src/commands/index.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import {
  messageContextMenuInteraction,
  modalSubmitInteraction,
  testMessage,
} from '../support/discord-interactions.ts';
import { makeGif, makeJpeg } from '../support/images.ts';

let t: TestBot;
const restyle = messageActions.find((a) => a.id === 'restyle')!;

beforeEach(async () => {
  t = await startTestBot();
});

afterEach(async () => {
  const contractErrors = [...(t?.discord.contractErrors ?? [])];
  await t?.stop();
  expect(contractErrors).toEqual([]);
});

const callbacksFor = (token: string) =>
  t.discord.callsTo('interactionCallback').filter((c) => c.params.token === token);

async function photoMessage() {
  const bytes = await makeJpeg({ width: 640, height: 480 });
  const url = t.discord.addAttachment('holiday.jpg', bytes, 'image/jpeg');
  return testMessage({
    content: 'look at this',
    attachments: [
      {
        url,
        filename: 'holiday.jpg',
        contentType: 'image/jpeg',
        size: bytes.length,
        width: 640,
        height: 480,
      },
    ],
  });
}

/** Expects nothing to have been queued, charged or sent to OpenAI. */
async function expectNothingQueued() {
  expect(await t.database.db.generation.count()).toBe(0);
  expect(await t.database.db.creditLedger.count()).toBe(0);
  expect(t.openai.http.received('POST', '/v1/images/edits')).toHaveLength(0);
  expect(t.openai.http.received('POST', '/v1/moderations')).toHaveLength(0);
}

describe('GIVEN "Restyle image" on a message with an image', () => {
  it('THEN opens a modal with a style select and a prompt field, and its submission is restyled and delivered like /imagine', async () => {
    const menu = messageContextMenuInteraction({ message: await photoMessage() });
    await t.interact(menu);

    const [modal] = callbacksFor(menu.token);
    expect(modal?.payload.type).toBe(9);
    const data = modal?.payload.data;
    expect(data.custom_id).toBe(`msgaction:restyle:${menu.id}`);
    expect(data.title).toBe('Restyle image');
    expect(data.components.map((c: { type: number }) => c.type)).toEqual([18, 18]);
    const [styleLabel, promptLabel] = data.components;
    expect(styleLabel.label).toBe('Style');
    expect(styleLabel.component).toMatchObject({ type: 3, custom_id: 'style', max_values: 1 });
    expect(styleLabel.component.options.map((o: { value: string }) => o.value)).toContain('anime');
    expect(promptLabel.component).toMatchObject({ type: 4, custom_id: 'prompt', required: false });
    // Nothing is fetched or queued until the form is submitted.
    await expectNothingQueued();
    expect(t.discord.http.received('GET', '/cdn/')).toHaveLength(0);

    const submit = modalSubmitInteraction({
      customId: data.custom_id,
      fields: { style: ['anime'], prompt: 'at night, with lanterns' },
    });
    await t.interact(submit);
    expect(callbacksFor(submit.token)[0]?.payload).toEqual({ type: 5, data: { flags: 0 } });

    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen).toMatchObject({ status: 'succeeded', style: 'anime', deliveredVia: 'interaction' });
    expect(gen.prompt).toBe('at night, with lanterns');
    expect(t.openai.edits).toHaveLength(1);
    expect(t.openai.edits[0]?.prompt).toContain('at night, with lanterns');
    expect(t.discord.http.received('GET', '/cdn/')).toHaveLength(1);

    const edits = t.discord.callsTo('webhookEdit').filter((c) => c.params.token === submit.token);
    expect(JSON.stringify(edits[0]?.payload)).toContain('Queued — position');
    expect(edits.at(-1)?.payload.embeds.at(-1).image.url).toContain(t.imagekit.urlEndpoint);
    expect(t.discord.channelMessages).toHaveLength(0);
  });

  it('THEN takes an embed image from an allowed host (a Discord CDN link preview) as well', async () => {
    const bytes = await makeJpeg({ width: 320, height: 240 });
    const url = t.discord.addAttachment('linked.jpg', bytes, 'image/jpeg');
    const menu = messageContextMenuInteraction({
      message: testMessage({
        embeds: [{ type: 'image' as never, url, thumbnail: { url, width: 320, height: 240 } }],
      }),
    });
    await t.interact(menu);
    expect(callbacksFor(menu.token)[0]?.payload.type).toBe(9);

    await t.interact(
      modalSubmitInteraction({
        customId: `msgaction:restyle:${menu.id}`,
        fields: { style: ['sketch'], prompt: '' },
      }),
    );
    const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
    expect(gen).toMatchObject({ status: 'succeeded', style: 'sketch', prompt: '' });
  });

  it('THEN a form submitted by someone else, forged or submitted twice is refused privately and runs nothing', async () => {
    const menu = messageContextMenuInteraction({ message: await photoMessage() });
    await t.interact(menu);
    const customId = `msgaction:restyle:${menu.id}`;
    const refusalOf = (raw: { token: string }) => callbacksFor(raw.token)[0]?.payload;

    const stranger = modalSubmitInteraction({
      customId,
      userId: '299999999999999999',
      fields: { style: ['anime'] },
    });
    const forged = modalSubmitInteraction({ customId: 'msgaction:restyle:123456789012345678', fields: {} });
    await t.interact(stranger);
    await t.interact(forged);
    for (const raw of [stranger, forged]) {
      expect(refusalOf(raw)).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(refusalOf(raw).data.content).toContain('expired');
    }
    await expectNothingQueued();

    // The owner's form was neither used nor used up by the stranger; it works once.
    await t.interact(modalSubmitInteraction({ customId, fields: { style: ['anime'] } }));
    await t.waitForGeneration((g) => g.status === 'queued' || g.deliveredAt !== null);
    const again = modalSubmitInteraction({ customId, fields: { style: ['anime'] } });
    await t.interact(again);
    expect(refusalOf(again).data.content).toContain('expired');
    expect(await t.database.db.generation.count()).toBe(1);
  });
});

describe('GIVEN "Restyle image" on a message without a usable image', () => {
  it.each([
    ['text only', async () => testMessage({ content: 'no picture here' })],
    [
      'a GIF attachment',
      async () => {
        const gif = await makeGif({ width: 64, height: 64 });
        const url = t.discord.addAttachment('cat.gif', gif, 'image/gif');
        return testMessage({ attachments: [{ url, filename: 'cat.gif', contentType: 'image/gif' }] });
      },
    ],
    [
      'a link preview from another site',
      async () => testMessage({ embeds: [{ image: { url: 'https://images.example.com/cat.png' } }] }),
    ],
  ])(
    'THEN (%s) answers privately that there is no image: no modal, no job, no charge, no OpenAI call',
    async (_case, message) => {
      const menu = messageContextMenuInteraction({ message: await message() });
      await t.interact(menu);

      const calls = t.discord.calls.filter((c) => c.path.includes(menu.token));
      expect(calls.map((c) => c.route)).toEqual(['interactionCallback']);
      expect(calls[0]?.payload).toMatchObject({
        type: 4,
        data: { content: restyle.noImageMessage, flags: 64 },
      });
      await expectNothingQueued();
      expect(t.discord.http.received('GET', '/cdn/')).toHaveLength(0);
    },
  );
});
