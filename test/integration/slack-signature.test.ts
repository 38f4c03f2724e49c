/**
 * Every Slack request is verified against the signing secret before anything runs: forged,
 * tampered, stale, re-timestamped and replayed requests get 401 and leave no trace (no Slack call,
 * no download, no job). Real HTTP to the real Bolt receiver on the web role's port.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/app.ts';
import { makeJpeg } from '../support/images.ts';
import {
  eventCallback,
  installWorkspace,
  type SlackRequest,
  sendSlack,
  slackSignature,
  TEST_SLACK_CHANNEL,
  TEST_SLACK_SIGNING_SECRET,
  TEST_SLACK_TEAM,
  TEST_SLACK_USER,
} from '../support/slack-requests.ts';

let t: TestBot;
let callsBefore = 0;

beforeAll(async () => {
  t = await startTestBot({ slack: true, roles: 'web' });
  expect((await installWorkspace(t.webUrl!, t.slack!.oauthCode(TEST_SLACK_TEAM))).status).toBe(200);
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  callsBefore = t.slack!.calls.length;
});

/** An app mention with an image: a valid one would fetch the file and queue a job. */
async function mentionWithImage(): Promise<SlackRequest> {
  const ws = t.slack!.workspaces.get(TEST_SLACK_TEAM)!;
  const file = t.slack!.addFile(
    TEST_SLACK_TEAM,
    'x.jpg',
    await makeJpeg({ width: 200, height: 200 }),
    'image/jpeg',
  );
  return eventCallback({
    event: {
      type: 'app_mention',
      user: TEST_SLACK_USER,
      text: `<@${ws.botUserId}> anime`,
      ts: `${Date.now() / 1000}`,
      channel: TEST_SLACK_CHANNEL,
      files: [
        {
          id: file.id,
          name: file.name,
          mimetype: file.mimetype,
          size: file.size,
          url_private: file.url_private,
        },
      ],
    },
  });
}

async function expectNoSideEffect() {
  await t.app.slack!.adapter.settled();
  expect(t.slack!.calls.slice(callsBefore)).toEqual([]);
  expect(t.slack!.downloads).toEqual([]);
  expect(await t.database.db.generation.count()).toBe(0);
}

const now = () => Math.floor(Date.now() / 1000);

describe('GIVEN a Slack request that does not carry a valid signature', () => {
  it('THEN a signature made with another secret is refused with 401', async () => {
    const res = await sendSlack(t.webUrl!, await mentionWithImage(), { secret: 'not-the-signing-secret' });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('THEN a request without signature headers is refused with 401', async () => {
    const request = await mentionWithImage();
    const res = await fetch(`${t.webUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': request.contentType },
      body: request.body,
    });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('THEN a correctly signed request older than 5 minutes is refused with 401', async () => {
    const res = await sendSlack(t.webUrl!, await mentionWithImage(), { timestamp: now() - 6 * 60 });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('THEN a correctly signed request dated more than 5 minutes ahead is refused with 401', async () => {
    const res = await sendSlack(t.webUrl!, await mentionWithImage(), { timestamp: now() + 6 * 60 });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('THEN a captured body replayed with another timestamp is refused with 401', async () => {
    const request = await mentionWithImage();
    const captured = now() - 10 * 60;
    const signature = slackSignature(TEST_SLACK_SIGNING_SECRET, captured, request.body);
    const res = await sendSlack(t.webUrl!, request, { timestamp: now(), signature });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('THEN a signed body that was altered on the way is refused with 401', async () => {
    const request = await mentionWithImage();
    const res = await sendSlack(t.webUrl!, request, { bodyOverride: request.body.replace('anime', 'noir') });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('THEN the very same signed request sent twice is accepted once', async () => {
    const request = await mentionWithImage();
    const timestamp = now();
    const signature = slackSignature(TEST_SLACK_SIGNING_SECRET, timestamp, request.body);
    // Without the worker, a valid mention stops at "queued": one row proves it ran once.
    expect((await sendSlack(t.webUrl!, request, { timestamp, signature })).status).toBe(200);
    expect((await sendSlack(t.webUrl!, request, { timestamp, signature })).status).toBe(401);
    await t.app.slack!.adapter.settled();
    expect(await t.database.db.generation.count()).toBe(1);
    await t.database.db.generation.deleteMany();
    t.slack!.downloads.length = 0;
  });
});
