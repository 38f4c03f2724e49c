/**
 * One-time account-link tokens. The token (32 random bytes, base64url) only ever exists in the
 * link we hand to the user; the database keeps its SHA-256. A token is valid for
 * LINK_TOKEN_TTL_SECONDS and is consumed by the one request that completes the link, inside the
 * linking transaction, so a reused, expired or unknown (tampered) token changes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Prisma } from '../db.ts';
import type { PlatformIdentity } from '../generated/prisma/client.ts';

export type LinkTokenProblem = 'unknown' | 'used' | 'expired';

export type LinkTokenState =
  | { ok: true; tokenId: string; identity: PlatformIdentity; expiresAt: Date }
  | { ok: false; problem: LinkTokenProblem };

/** base64url of 32 bytes is 43 characters; anything else cannot be one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const hashLinkToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a token for `identityId`; returns the secret token (never stored) and its expiry. */
export async function issueLinkToken(
  db: Db,
  identityId: string,
  now: Date,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  // Old tokens of this identity are useless after a day; drop them while we are here.
  await db.linkToken.deleteMany({
    where: { identityId, expiresAt: { lt: new Date(now.getTime() - 24 * 3600_000) } },
  });
  await db.linkToken.create({ data: { tokenHash: hashLinkToken(token), identityId, expiresAt } });
  return { token, expiresAt };
}

/** What a token is worth right now, without using it (the GET of the link page). */
export async function inspectLinkToken(
  db: Db | Prisma.TransactionClient,
  token: string,
  now: Date,
): Promise<LinkTokenState> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, problem: 'unknown' };
  const row = await db.linkToken.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { identity: true },
  });
  if (!row) return { ok: false, problem: 'unknown' };
  if (row.usedAt) return { ok: false, problem: 'used' };
  if (row.expiresAt <= now) return { ok: false, problem: 'expired' };
  return { ok: true, tokenId: row.id, identity: row.identity, expiresAt: row.expiresAt };
}

/**
 * Marks the token used, in the caller's transaction. Exactly one of two concurrent requests with
 * the same token wins; the other gets the token's problem ("used") and must change nothing.
 */
export async function consumeLinkToken(
  tx: Prisma.TransactionClient,
  token: string,
  now: Date,
): Promise<LinkTokenState> {
  const state = await inspectLinkToken(tx, token, now);
  if (!state.ok) return state;
  const { count } = await tx.linkToken.updateMany({
    where: { id: state.tokenId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1 ? state : { ok: false, problem: 'used' };
}
