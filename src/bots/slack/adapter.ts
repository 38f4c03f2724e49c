/**
 * Slack adapter: turns slash commands, button clicks, modal submissions, message shortcuts and
 * mentions / DMs into neutral `Invocation`s, runs them through the dispatcher, and shows the
 * `Reply` through the Slack delivery. Every listener acknowledges first (Slack allows 3 s) and does
 * its work afterwards. Translation only: which command runs and what it answers is decided in
 * src/commands, for every command, with no per-command code here.
 *
 * Entry points that need an image all reach the command named by a `MessageAction` (`/imagine`):
 * - `/imagine [style] [prompt]` opens a modal built from the command's options (listeners/commands);
 * - the message shortcut takes the message's file and asks for the action's `askOptions`
 *   (listeners/interactive);
 * - a mention or DM with a file takes the text as those options (listeners/messages).
 */
import type { App } from '@slack/bolt';
import { createListenerContext, type SlackAdapterDeps } from './listener-context.ts';
import { registerCommandListeners } from './listeners/commands.ts';
import { registerInteractiveListeners } from './listeners/interactive.ts';
import { registerLifecycleListeners } from './listeners/lifecycle.ts';
import { registerMessageListeners } from './listeners/messages.ts';

export type { SlackAdapterDeps } from './listener-context.ts';

export interface SlackAdapter {
  /** Resolves when everything received so far has been answered (shutdown, tests). */
  settled(): Promise<void>;
}

export function attachSlackAdapter(app: App, deps: SlackAdapterDeps): SlackAdapter {
  const ctx = createListenerContext(deps);
  registerCommandListeners(app, ctx);
  registerInteractiveListeners(app, ctx);
  registerMessageListeners(app, ctx);
  registerLifecycleListeners(app, ctx);
  return { settled: () => ctx.settled() };
}
