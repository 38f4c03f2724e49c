/**
 * Installation lifecycle and errors: `app_uninstalled` / `tokens_revoked` (bot token) delete the
 * workspace's installation; a request from a workspace without one (Bolt's authorisation fails)
 * is answered privately with how to install; any other listener failure is logged and reported.
 */
import type { App } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import { hashId } from '../../../logger.ts';
import { describeSlackError } from '../clients.ts';
import { type AnyBody, type ListenerContext, workspaceOf } from '../listener-context.ts';

export function registerLifecycleListeners(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;

  app.event('app_uninstalled', async ({ body }) => {
    const ws = workspaceOf(body as AnyBody);
    ctx.track('uninstall', async () => {
      await deps.forgetWorkspace(ws);
      deps.log.info({ team: hashId(ws.teamId) }, 'slack workspace uninstalled the app');
    });
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot token matters to us; user tokens are never requested.
    if (!(event.tokens.bot ?? []).length) return;
    const ws = workspaceOf(body as AnyBody);
    ctx.track('tokens-revoked', async () => {
      await deps.forgetWorkspace(ws);
      deps.log.info({ team: hashId(ws.teamId) }, 'slack bot token revoked');
    });
  });

  app.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
    const b = (body ?? {}) as AnyBody;
    if (error.code === 'slack_bolt_authorization_error') {
      deps.log.info(
        { team: hashId(workspaceOf(b).teamId) },
        'slack request from a workspace without an installation',
      );
      const url: unknown = b.response_url;
      if (typeof url !== 'string') return;
      const text = `ImageGen is not installed in this Slack workspace (or it was removed).${
        deps.installUrl
          ? ` A workspace admin can install it at ${deps.installUrl}`
          : ' Ask a workspace admin to install it.'
      }`;
      // A response_url needs no token, so even an unknown workspace gets an answer.
      ctx.track('not-installed', async () => {
        await deps.delivery.respond(url, ctx.now(), { response_type: 'ephemeral', text });
      });
      return;
    }
    deps.log.error({ slack: describeSlackError(error) }, 'slack listener failed');
    deps.report(error, { stage: 'slack-listener' });
  });
}
