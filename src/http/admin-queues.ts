/**
 * The BullMQ dashboard (bull-board) at `/admin/queues`, for operators: queue depth, failed jobs
 * with their errors, retry and clean buttons. Only mounted when ADMIN_TOKEN is set (otherwise the
 * path is a plain 404), and every request under it must carry the token. Job data holds ids only
 * (see queue.ts), so the dashboard shows no prompt, image or chat id.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import { requireAccessToken } from './access-token.ts';

export const ADMIN_QUEUES_PATH = '/admin/queues';

export function adminQueuesRouter(opts: { token: string; queues: Queue[] }): express.Router {
  const board = new ExpressAdapter();
  board.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: opts.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'ImageGen queues' } },
  });
  const router = express.Router();
  router.use(
    ADMIN_QUEUES_PATH,
    requireAccessToken(opts.token, { realm: 'imagegen admin', allowBasic: true }),
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
    board.getRouter(),
  );
  return router;
}
