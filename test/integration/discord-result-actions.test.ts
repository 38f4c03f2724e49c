/**
 * The result message invites the next step: source and result side by side, a "Try another style"
 * select that restyles the stored source (no second download, a new generation like any other),
 * Re-run, and Delete (the requester or a member with Manage Messages only). End to end through
 * the real discord.js client, with embeds and with Components V2.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/generated/prisma/client.ts';
import { startTestBot, type TestBot } from '../support/app.ts';
import {
  buttonInteraction,
  chatInputInteraction,
  stringSelectInteraction,
} from '../support/discord-interactions.ts';
import { makeJpeg } from '../support/images.ts';

const STRANGER = '299999999999999999';
let t: TestBot;

afterEach(async () => {
  const contractErrors = [...(t?.discord.contractErrors ?? [])];
  await t?.stop();
  expect(contractErrors).toEqual([]);
});

async function imagine(): Promise<{ token: string; gen: Generation }> {
  const bytes = await makeJpeg({ width: 640, height: 480 });
  const url = t.discord.addAttachment('photo.jpg', bytes, 'image/jpeg');
  const raw = chatInputInteraction({
    command: 'imagine',
    options: { style: 'watercolor', prompt: 'a lighthouse' },
    attachments: { image: { url, filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } },
  });
  await t.interact(raw);
  const gen = await t.waitForGeneration((g) => g.deliveredAt !== null);
  return { token: raw.token, gen };
}

const lastEdit = (token: string) =>
  t.discord
    .callsTo('webhookEdit')
    .filter((c) => c.params.token === token)
    .at(-1)?.payload;
const privateAnswer = (token: string) =>
  JSON.stringify(t.discord.calls.filter((c) => c.params.token === token && c.payload?.flags === 64));

describe('GIVEN a delivered result (embeds)', () => {
  it('THEN shows source and result as a gallery, with a style select (other styles), Re-run and Delete', async () => {
    t = await startTestBot();
    const { token, gen } = await imagine();
    const final = lastEdit(token);

    expect(final.embeds).toHaveLength(2);
    expect(final.embeds[0].url).toBe(final.embeds[1].url);
    expect(final.embeds[0].image.url).toContain(`sources/${gen.id}`);
    expect(final.embeds[1].image.url).toContain(`results/${gen.id}`);
    const [selectRow, buttonRow] = final.components;
    const select = selectRow.components[0];
    expect(select).toMatchObject({ type: 3, custom_id: `imagine:restyle:${gen.id}`, max_values: 1 });
    const offered = select.options.map((o: { value: string }) => o.value);
    expect(offered).toContain('anime');
    expect(offered).not.toContain('watercolor');
    expect(buttonRow.components.map((b: { custom_id: string }) => b.custom_id)).toEqual([
      `imagine:rerun:${gen.id}`,
      `imagine:delete:${gen.id}`,
    ]);
  });

  it('THEN "Try another style" makes a second generation from the stored source, without downloading again', async () => {
    t = await startTestBot();
    const { gen: first } = await imagine();
    const downloads = t.discord.http.received('GET', '/cdn/').length;

    const pick = stringSelectInteraction({ customId: `imagine:restyle:${first.id}`, values: ['anime'] });
    await t.interact(pick);
    // A new public reply for the new job (the result message itself stays).
    expect(
      t.discord.callsTo('interactionCallback').find((c) => c.params.token === pick.token)?.payload,
    ).toEqual({
      type: 5,
      data: { flags: 0 },
    });

    const second = await t.waitForGeneration((g) => g.rerunOfId === first.id && g.deliveredAt !== null);
    expect(second).toMatchObject({ status: 'succeeded', style: 'anime', prompt: 'a lighthouse' });
    expect(second.sourceKey).toBe(first.sourceKey);
    expect(t.discord.http.received('GET', '/cdn/')).toHaveLength(downloads);
    expect(t.openai.edits).toHaveLength(2);
    expect(t.openai.edits[1]?.prompt?.toLowerCase()).toContain('anime');
    expect(JSON.stringify(lastEdit(pick.token))).toContain(`imagine:restyle:${second.id}`);
  });

  it('THEN another user choosing a style is refused privately and nothing is queued', async () => {
    t = await startTestBot();
    const { gen } = await imagine();
    const pick = stringSelectInteraction({
      customId: `imagine:restyle:${gen.id}`,
      values: ['anime'],
      userId: STRANGER,
    });
    await t.interact(pick);
    expect(privateAnswer(pick.token)).toContain('Only the person who asked');
    expect(await t.database.db.generation.count()).toBe(1);
  });

  it('THEN a style that does not exist, or an id not in the database, is refused', async () => {
    t = await startTestBot();
    const { gen } = await imagine();
    const badStyle = stringSelectInteraction({
      customId: `imagine:restyle:${gen.id}`,
      values: ['neon-dreams'],
    });
    const badId = stringSelectInteraction({
      customId: 'imagine:restyle:00000000-0000-4000-8000-000000000000',
      values: ['anime'],
    });
    await t.interact(badStyle);
    await t.interact(badId);
    expect(privateAnswer(badStyle.token)).toContain('That style does not exist');
    expect(privateAnswer(badId.token)).toContain('That job no longer exists');
    expect(await t.database.db.generation.count()).toBe(1);
  });

  it('THEN Delete by another user is refused; by the requester it removes the message and the stored images', async () => {
    t = await startTestBot();
    const { gen } = await imagine();

    const stranger = buttonInteraction({ customId: `imagine:delete:${gen.id}`, userId: STRANGER });
    await t.interact(stranger);
    expect(privateAnswer(stranger.token)).toContain('Only the person who asked');
    expect(t.discord.callsTo('webhookDelete')).toEqual([]);
    expect(t.imagekit.deleted).toEqual([]);

    const owner = buttonInteraction({ customId: `imagine:delete:${gen.id}` });
    await t.interact(owner);
    expect(t.discord.callsTo('webhookDelete').map((c) => c.params.token)).toEqual([owner.token]);
    expect(t.imagekit.deleted).toHaveLength(2);
    const row = await t.database.db.generation.findUniqueOrThrow({ where: { id: gen.id } });
    expect(row).toMatchObject({ resultKey: null, sourceKey: null });
  });

  it('THEN a member with Manage Messages may delete it too', async () => {
    t = await startTestBot();
    const { gen } = await imagine();
    const moderator = buttonInteraction({
      customId: `imagine:delete:${gen.id}`,
      userId: STRANGER,
      permissions: PermissionFlagsBits.ManageMessages,
    });
    await t.interact(moderator);
    expect(t.discord.callsTo('webhookDelete').map((c) => c.params.token)).toEqual([moderator.token]);
    expect(t.imagekit.deleted).toHaveLength(2);
  });
});

describe('GIVEN Components V2 is on', () => {
  it('THEN the result is one container with a media gallery of source and result, and the same actions', async () => {
    t = await startTestBot({ env: { DISCORD_COMPONENTS_V2: 'on' } });
    const { token, gen } = await imagine();
    const final = lastEdit(token);

    expect(final.flags).toBe(1 << 15);
    expect(final.content).toBeNull();
    expect(final.embeds).toEqual([]);
    const [container, selectRow, buttonRow] = final.components;
    expect(container.type).toBe(17);
    const gallery = container.components.find((c: { type: number }) => c.type === 12);
    expect(gallery.items.map((i: { media: { url: string } }) => i.media.url)).toEqual([
      expect.stringContaining(`sources/${gen.id}`),
      expect.stringContaining(`results/${gen.id}`),
    ]);
    expect(selectRow.components[0].custom_id).toBe(`imagine:restyle:${gen.id}`);
    expect(buttonRow.components).toHaveLength(2);
  });
});
