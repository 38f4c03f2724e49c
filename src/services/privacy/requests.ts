/**
 * The audit trail of data-subject requests (export, delete, correct, consent). Every request is a
 * DataRequest row with its status and timestamps and a due date one month out (GDPR Art. 12(3));
 * jobs move it along, operators list what is pending (`npm run privacy:requests`). The row keeps a
 * keyed hash of the user id, so the trail stays meaningful after erasure clears `userId`.
 */
import type { Db, Prisma } from '../../db.ts';
import type { DataRequest } from '../../generated/prisma/client.ts';
import type { Services } from '../index.ts';
import { hashSubject } from './hashes.ts';

export type DataRequestKind = 'export' | 'delete' | 'correct' | 'consent';
/** `cancelled`: the account was erased before the request ran. */
export type DataRequestStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

/** Requests are answered well within this; the due date is what operators watch. */
export const RESPONSE_DEADLINE_DAYS = 30;

export interface NewDataRequest {
  userId: string;
  kind: DataRequestKind;
  /** Non-personal facts about the request (which consent, which fields; never the new values). */
  details?: Prisma.InputJsonValue;
  /** Requests answered on the spot (consent, correction) are recorded as completed. */
  completed?: boolean;
}

export async function recordDataRequest(
  s: Services,
  db: Db | Prisma.TransactionClient,
  input: NewDataRequest,
): Promise<DataRequest> {
  const now = s.clock();
  return db.dataRequest.create({
    data: {
      userId: input.userId,
      subjectHash: hashSubject(s.config.encryptionKey, input.userId),
      kind: input.kind,
      status: input.completed ? 'completed' : 'pending',
      details: input.details ?? undefined,
      requestedAt: now,
      dueAt: new Date(now.getTime() + RESPONSE_DEADLINE_DAYS * 24 * 3600_000),
      ...(input.completed ? { startedAt: now, completedAt: now } : {}),
    },
  });
}

/** Requests not completed yet (pending, running or failed), oldest due first. */
export async function listOpenRequests(s: Services, take = 200): Promise<DataRequest[]> {
  return s.db.dataRequest.findMany({
    where: { status: { in: ['pending', 'processing', 'failed'] } },
    orderBy: { dueAt: 'asc' },
    take,
  });
}

/** `details` as an object (it is JSON; anything else reads as empty). */
export function detailsOf(r: Pick<DataRequest, 'details'>): Record<string, unknown> {
  const d = r.details;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
}
