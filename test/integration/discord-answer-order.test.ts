/**
 * The worker's first edit of @original waits for the adapter's own answer ("Queued"), so a late
 * answer can never land on top of the progress message or the result.
 */
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerLog } from '../../src/bots/discord/answer-log.ts';
import { createDiscordDelivery } from '../../src/bots/discord/delivery.ts';
import type { ReplyTarget } from '../../src/commands/types.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeDiscord, fakeInteractionToken, startFakeDiscord } from '../fakes/discord.ts';
import {
  TEST_APP_ID,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  TEST_USER_ID,
} from '../support/discord-interactions.ts';

let fake: FakeDiscord;
let rest: REST;

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = new REST({ api: fake.apiUrl }).setToken('test-bot-token');
});
afterAll(async () => {
  await fake.stop();
});

function target(interactionId: string): ReplyTarget {
  return {
    platform: 'discord',
    scope: TEST_GUILD_ID,
    channelId: TEST_CHANNEL_ID,
    userId: TEST_USER_ID,
    receivedAt: Date.now(),
    data: {
      applicationId: TEST_APP_ID,
      interactionId,
      interactionToken: fakeInteractionToken(),
      canPostInChannel: true,
    },
  };
}

describe('GIVEN the adapter has not sent its answer yet', () => {
  it('THEN the result edit is held until the answer is recorded', async () => {
    const answered = new Set<string>();
    const events: string[] = [];
    const answers: AnswerLog = {
      async markAnswered(id) {
        answered.add(id);
      },
      async isAnswered(id) {
        return answered.has(id);
      },
    };
    const delivery = createDiscordDelivery({
      rest,
      log: createLogger('silent'),
      clock: () => new Date(),
      answers,
    });
    const t = target('1575069143084830999');
    const delivering = delivery
      .deliver(t, { text: 'the result' }, 'result:x')
      .then(() => events.push('delivered'));
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.callsTo('webhookEdit')).toHaveLength(0);
    events.push('answered');
    await answers.markAnswered('1575069143084830999');
    await delivering;
    expect(events).toEqual(['answered', 'delivered']);
    expect(fake.callsTo('webhookEdit')).toHaveLength(1);
  });

  it('THEN a missing answer delays the edit only up to the bound', async () => {
    const answers: AnswerLog = { markAnswered: async () => undefined, isAnswered: async () => false };
    const delivery = createDiscordDelivery({
      rest,
      log: createLogger('silent'),
      clock: () => new Date(),
      answers,
      answerWaitMs: 100,
    });
    const before = fake.callsTo('webhookEdit').length;
    const result = await delivery.deliver(target('1575069143084831000'), { text: 'the result' }, 'result:y');
    expect(result.via).toBe('interaction');
    expect(fake.callsTo('webhookEdit')).toHaveLength(before + 1);
  });
});
