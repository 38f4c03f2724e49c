/**
 * Runs a neutral Invocation against the command registry: finds the command, subcommand or
 * button action, parses options with the command's zod schema, runs the handler, and maps
 * errors to a Reply. Every adapter calls this and nothing else from src/commands.
 */
import type { z } from 'zod';
import { isUserFacing } from '../errors.ts';
import { t } from '../i18n/index.ts';
import type { ErrorReporter } from '../observability.ts';
import { mapDependencyError } from '../services/dependency-errors.ts';
import type { Command, CommandContext, Invocation, Reply } from './types.ts';

export type AckMode = 'reply' | 'ephemeral' | 'update';

export interface Dispatcher {
  readonly commands: readonly Command[];
  /** How to acknowledge before running (defer publicly, ephemerally, or as an update of the clicked message). */
  ackMode(inv: Invocation): AckMode | null;
  /** Runs the invocation. Never throws: errors become an ephemeral Reply. */
  run(inv: Invocation): Promise<Reply>;
}

export function createDispatcher(
  commands: readonly Command[],
  ctx: CommandContext,
  report: ErrorReporter,
): Dispatcher {
  const byName = new Map(commands.map((c) => [c.name, c]));

  function resolve(inv: Invocation) {
    const command = byName.get(inv.command);
    if (!command) return null;
    if (inv.action) {
      const action = command.actions?.[inv.action.name];
      return action ? { kind: 'action' as const, command, action } : null;
    }
    if (command.subcommands) {
      const sub = inv.subcommand ? command.subcommands[inv.subcommand] : undefined;
      if (sub) return { kind: 'sub' as const, command, sub };
      // A family with its own handler answers the bare command too (`/privacy` in Slack).
      return !inv.subcommand && command.handler ? { kind: 'command' as const, command } : null;
    }
    return command.handler ? { kind: 'command' as const, command } : null;
  }

  return {
    commands,
    ackMode(inv) {
      const r = resolve(inv);
      if (!r) return null;
      if (r.kind === 'action') return r.action.ack;
      if (r.kind === 'sub') return (r.sub.ephemeral ?? r.command.ephemeral) ? 'ephemeral' : 'reply';
      return r.command.ephemeral ? 'ephemeral' : 'reply';
    },
    async run(inv) {
      const r = resolve(inv);
      try {
        if (!r) {
          return {
            text: t(inv.actor.locale, 'dispatch.unknownCommand'),
            ephemeral: true,
            tone: 'warning',
          };
        }
        if (r.kind === 'action') return await r.action.handler(inv.action!.value, inv, ctx);
        const schema = (r.kind === 'sub' ? r.sub.options : r.command.options) as z.ZodObject | undefined;
        const handler = r.kind === 'sub' ? r.sub.handler : r.command.handler!;
        const parsed = schema ? schema.safeParse(inv.options) : { success: true as const, data: {} };
        if (!parsed.success) {
          const problems = parsed.error.issues.map(
            (i) => `• \`${i.path.join('.') || 'options'}\`: ${i.message}`,
          );
          return {
            text: t(inv.actor.locale, 'dispatch.invalidOptions', { problems: problems.join('\n') }),
            ephemeral: true,
            tone: 'warning',
          };
        }
        return await handler(parsed.data, inv, ctx);
      } catch (error) {
        // Option values (prompts, URLs) are personal: keep them out of logs and Sentry.
        const redact = Object.values(inv.options).flatMap((v) =>
          typeof v === 'string' ? [v] : v && typeof v === 'object' && 'url' in v ? [String(v.url)] : [],
        );
        return errorReply(
          error,
          report,
          { command: inv.command, platform: inv.actor.platform },
          redact,
          inv.actor.locale ?? inv.replyTarget.locale,
        );
      }
    },
  };
}

/** The one mapping from an error to what the user sees, in the language of `locale`. */
export function errorReply(
  error: unknown,
  report: ErrorReporter,
  context: Record<string, string | number | undefined> = {},
  redact: readonly string[] = [],
  locale?: string,
): Reply {
  // A database or Redis outage is not a bug: the user is told to try again and Sentry is spared.
  const shown = mapDependencyError(error);
  if (isUserFacing(shown)) {
    // The reply's own text (age gate, consent notices) is what messageIn falls back to.
    const { text: _replyText, ...extra } = shown.reply ?? {};
    return { text: shown.messageIn(locale), ephemeral: true, tone: 'warning', ...extra };
  }
  const eventId = report(error, context, redact);
  return {
    text: eventId ? t(locale, 'common.internalErrorWithId', { eventId }) : t(locale, 'common.internalError'),
    ephemeral: true,
    tone: 'error',
  };
}
