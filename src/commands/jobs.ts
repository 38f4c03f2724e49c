import { z } from 'zod';
import type { Generation } from '../generated/prisma/client.ts';
import type { Services } from '../services/index.ts';
import { cancelGeneration, listRecentGenerations } from '../services/jobs.ts';
import { getStyle } from '../services/styles.ts';
import { type Actor, defineCommand, type Reply, type ReplyButton } from './types.ts';

const STATUS_LABEL: Record<Generation['status'], string> = {
  intake: '📥 receiving',
  queued: '⏳ queued',
  processing: '🎨 generating',
  succeeded: '✅ done',
  failed: '❌ failed',
  cancelled: '🚫 cancelled',
};

async function jobsReply(services: Services, actor: Actor, notice?: string): Promise<Reply> {
  const jobs = await listRecentGenerations(services, actor, 10);
  if (jobs.length === 0) {
    return {
      text: `${notice ? `${notice}\n` : ''}You have no jobs yet. Try \`/imagine\` with an image.`,
      ephemeral: true,
    };
  }
  const lines = jobs.map((g, i) => {
    const when = `<t:${Math.floor(g.createdAt.getTime() / 1000)}:R>`;
    const result = g.resultUrl ? ` · [result](${g.resultUrl})` : '';
    const why = g.status === 'failed' && g.errorMessage ? ` — ${g.errorMessage.slice(0, 120)}` : '';
    return `**${i + 1}.** ${STATUS_LABEL[g.status]} · ${getStyle(g.style)?.label ?? g.style} · ${when}${result}${why}`;
  });
  const buttons: ReplyButton[] = [];
  jobs.forEach((g, i) => {
    if (g.status === 'queued')
      buttons.push({
        command: 'jobs',
        action: 'cancel',
        value: g.id,
        label: `Cancel ${i + 1}`,
        style: 'danger',
      });
    if ((g.status === 'succeeded' || g.status === 'failed') && g.sourceKey)
      buttons.push({
        command: 'imagine',
        action: 'rerun',
        value: g.id,
        label: `Re-run ${i + 1}`,
        style: 'secondary',
      });
  });
  return {
    title: 'Your recent jobs',
    text: [notice, ...lines].filter(Boolean).join('\n'),
    buttons: buttons.slice(0, 25),
    ephemeral: true,
  };
}

export const jobs = defineCommand({
  name: 'jobs',
  description: 'Your recent image jobs: status, cancel, re-run',
  options: z.object({}),
  ephemeral: true,
  handler: (_options, inv, { services }) => jobsReply(services, inv.actor),
  actions: {
    cancel: {
      ack: 'update',
      async handler(id, inv, { services }) {
        await cancelGeneration(services, inv.actor, id);
        return jobsReply(services, inv.actor, '🚫 Cancelled — nothing was charged.');
      },
    },
  },
});
