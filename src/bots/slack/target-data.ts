/**
 * The Slack part of a ReplyTarget (`data`): plain JSON that is sealed with the job, so the worker
 * can answer hours later. No token in it — the delivery looks the token up by team id.
 */
import type { ReplyTarget } from '../../commands/types.ts';

/** What the adapter stores in `ReplyTarget.data` for Slack (plain JSON, sealed with the job). */
export interface SlackTargetData {
  teamId: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  responseUrl?: string;
  /** When the response_url was issued (ms): it expires 30 min later. */
  responseUrlAt?: number;
  /** The message progress and results edit (`chat.update`). */
  messageTs?: string;
  /** The thread the conversation happens in (mentions, message shortcuts). */
  threadTs?: string;
  /** A DM with the bot: nobody else sees the conversation. */
  isDirect?: boolean;
}

export function slackDataOf(target: ReplyTarget): SlackTargetData {
  const d = target.data;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    teamId: str(d.teamId) ?? target.scope,
    ...(str(d.enterpriseId) ? { enterpriseId: str(d.enterpriseId) } : {}),
    ...(d.isEnterpriseInstall === true ? { isEnterpriseInstall: true } : {}),
    ...(str(d.responseUrl) ? { responseUrl: str(d.responseUrl) } : {}),
    ...(typeof d.responseUrlAt === 'number' ? { responseUrlAt: d.responseUrlAt } : {}),
    ...(str(d.messageTs) ? { messageTs: str(d.messageTs) } : {}),
    ...(str(d.threadTs) ? { threadTs: str(d.threadTs) } : {}),
    ...(d.isDirect === true ? { isDirect: true } : {}),
  };
}
