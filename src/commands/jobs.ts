import { z } from 'zod';
import type { Generation } from '../generated/prisma/client.ts';
import { styleLabel, t } from '../i18n/index.ts';
import type { Services } from '../services/index.ts';
import { cancelGeneration, listRecentGenerations } from '../services/jobs.ts';
import { type Actor, defineCommand, type Reply, type ReplyButton } from './types.ts';

const statusLabel = (locale: string | undefined, status: Generation['status']) =>
  t(locale, `jobs.status.${status}`);

async function jobsReply(services: Services, actor: Actor, notice?: string): Promise<Reply> {
  const locale = actor.locale;
  const jobs = await listRecentGenerations(services, actor, 10);
  if (jobs.length === 0) {
    return {
      text: [notice, t(locale, 'jobs.empty')].filter(Boolean).join('\n'),
      ephemeral: true,
    };
  }
  const lines = jobs.map((g, i) => {
    const when = `<t:${Math.floor(g.createdAt.getTime() / 1000)}:R>`;
    const result = g.resultUrl ? ` · [${t(locale, 'jobs.result')}](${g.resultUrl})` : '';
    const why = g.status === 'failed' && g.errorMessage ? ` — ${g.errorMessage.slice(0, 120)}` : '';
    return `**${i + 1}.** ${statusLabel(locale, g.status)} · ${styleLabel(locale, g.style)} · ${when}${result}${why}`;
  });
  const buttons: ReplyButton[] = [];
  jobs.forEach((g, i) => {
    if (g.status === 'queued')
      buttons.push({
        command: 'jobs',
        action: 'cancel',
        value: g.id,
        label: t(locale, 'jobs.cancel', { n: i + 1 }),
        style: 'danger',
      });
    if ((g.status === 'succeeded' || g.status === 'failed') && g.sourceKey)
      buttons.push({
        command: 'imagine',
        action: 'rerun',
        value: g.id,
        label: t(locale, 'jobs.rerun', { n: i + 1 }),
        style: 'secondary',
      });
  });
  return {
    title: t(locale, 'jobs.title'),
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
        return jobsReply(services, inv.actor, t(inv.actor.locale, 'jobs.cancelled'));
      },
    },
  },
});
