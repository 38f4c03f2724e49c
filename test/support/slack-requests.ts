/**
 * Slack requests as Slack sends them, signed for real (`v0=` HMAC-SHA256 of `v0:{ts}:{body}` with
 * the signing secret), for tests that drive the real Bolt receiver over HTTP:
 *
 *   const res = await sendSlack(t.webUrl!, slashCommand({ command: '/imagine', text: 'anime' }));
 *   await sendSlack(url, interaction(viewSubmission({ ... })));
 *   await sendSlack(url, event({ type: 'app_mention', ... }));
 *
 * Payload shapes follow docs.slack.dev (slash command form fields, `payload=` interactivity JSON,
 * Events API envelopes), with only the fields the bot reads plus the usual companions.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const TEST_SLACK_SIGNING_SECRET = 'test-slack-signing-secret-0123456789';
export const TEST_SLACK_STATE_SECRET = 'test-slack-state-secret-0123456789';
export const TEST_SLACK_TEAM = 'T0TESTTEAM';
export const TEST_SLACK_USER = 'U0TESTUSER';
export const TEST_SLACK_CHANNEL = 'C0TESTCHAN';

export interface SlackRequest {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sent instead of the computed signature (forgeries, replays). */
  signature?: string;
  /** Replaces the signed body after signing (tampering). */
  bodyOverride?: string;
}

/** POSTs a signed request to `${baseUrl}/slack/events`; returns status and body text. */
export async function sendSlack(
  baseUrl: string,
  request: SlackRequest,
  opts: SendOptions = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    opts.signature ?? slackSignature(opts.secret ?? TEST_SLACK_SIGNING_SECRET, timestamp, request.body);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body: opts.bodyOverride ?? request.body,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const triggerId = () => `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString('hex')}`;

export interface Who {
  teamId?: string;
  userId?: string;
  channelId?: string;
}

/** A slash command as its form-encoded POST. */
export function slashCommand(
  o: Who & { command: string; text?: string; responseUrl: string; triggerId?: string },
): SlackRequest {
  const fields = {
    token: 'deprecated-verification-token',
    team_id: o.teamId ?? TEST_SLACK_TEAM,
    team_domain: 'testteam',
    channel_id: o.channelId ?? TEST_SLACK_CHANNEL,
    channel_name: 'general',
    user_id: o.userId ?? TEST_SLACK_USER,
    user_name: 'tester',
    command: o.command,
    text: o.text ?? '',
    api_app_id: 'A0FAKEAPP',
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? triggerId(),
  };
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Interactivity: `payload=<json>` form-encoded. */
export function interaction(payload: object): SlackRequest {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

const userOf = (o: Who) => ({
  id: o.userId ?? TEST_SLACK_USER,
  username: 'tester',
  name: 'tester',
  team_id: o.teamId ?? TEST_SLACK_TEAM,
});
const teamOf = (o: Who) => ({ id: o.teamId ?? TEST_SLACK_TEAM, domain: 'testteam' });

/** view_submission of a modal the bot opened (`view` as the fake recorded it from views.open). */
export function viewSubmission(
  o: Who & { view: Record<string, unknown>; values: Record<string, Record<string, unknown>> },
) {
  return {
    type: 'view_submission',
    team: teamOf(o),
    user: userOf(o),
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    trigger_id: triggerId(),
    view: {
      ...o.view,
      id: (o.view.id as string | undefined) ?? 'V0000001',
      team_id: o.teamId ?? TEST_SLACK_TEAM,
      state: { values: o.values },
      hash: '1700000000.abcdef',
      app_id: 'A0FAKEAPP',
      bot_id: 'B0000001',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A message shortcut on `message` (its `files` as Slack lists them). */
export function messageShortcut(
  o: Who & { callbackId: string; message: Record<string, unknown>; responseUrl: string },
) {
  return {
    type: 'message_action',
    callback_id: o.callbackId,
    trigger_id: triggerId(),
    message_ts: o.message.ts,
    response_url: o.responseUrl,
    message: { type: 'message', user: 'U0AUTHOR', text: '', ...o.message },
    user: userOf(o),
    channel: { id: o.channelId ?? TEST_SLACK_CHANNEL, name: 'general' },
    team: teamOf(o),
    token: 'deprecated-verification-token',
    action_ts: `${Date.now() / 1000}`,
    is_enterprise_install: false,
  };
}

/** A button click (block_actions) on a message, answered through `responseUrl`. */
export function blockAction(
  o: Who & { actionId: string; responseUrl: string; messageTs?: string; ephemeral?: boolean },
) {
  const channelId = o.channelId ?? TEST_SLACK_CHANNEL;
  return {
    type: 'block_actions',
    team: teamOf(o),
    user: userOf(o),
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    trigger_id: triggerId(),
    container: {
      type: 'message',
      message_ts: o.messageTs ?? '1700000000.000001',
      channel_id: channelId,
      is_ephemeral: o.ephemeral === true,
    },
    channel: { id: channelId, name: 'general' },
    message: { type: 'message', ts: o.messageTs ?? '1700000000.000001', text: '' },
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b1',
        value: o.actionId,
        text: { type: 'plain_text', text: 'Click' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    is_enterprise_install: false,
  };
}

/** An Events API envelope around `event`. */
export function eventCallback(o: {
  teamId?: string;
  event: Record<string, unknown>;
  eventId?: string;
}): SlackRequest {
  const teamId = o.teamId ?? TEST_SLACK_TEAM;
  const body = {
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0FAKEAPP',
    event: { event_ts: `${Date.now() / 1000}`, ...o.event },
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/**
 * Runs the real OAuth v2 install: GET /slack/install (state cookie + redirect to Slack), then the
 * callback with a code the fake Slack exchanges for a new bot token of `teamId`.
 */
export async function installWorkspace(
  baseUrl: string,
  code: string,
): Promise<{ status: number; text: string }> {
  const start = await fetch(`${baseUrl}/slack/install`, { redirect: 'manual' });
  const location = start.headers.get('location') ?? '';
  const state = new URL(location).searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(
    `${baseUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: 'manual' },
  );
  return { status: res.status, text: await res.text() };
}
