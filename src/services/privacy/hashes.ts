/**
 * Keyed hashes for the few places that must recognise a person without holding their identity:
 * the age-gate refusal marker, the audit trail of erased accounts, child-report reporters. HMAC
 * with a key derived from DATA_ENCRYPTION_KEY, because chat ids are guessable enough that a plain
 * SHA-256 could be reversed by trying candidates. Rotating that key makes old markers unmatchable
 * (see docs/privacy.md).
 */
import { createHmac } from 'node:crypto';
import type { NotifyIdentity } from '../ports.ts';

function keyedHash(key: Buffer, purpose: string, value: string): string {
  const subKey = createHmac('sha256', key).update(`imagegen-privacy:${purpose}`).digest();
  return createHmac('sha256', subKey).update(value).digest('hex');
}

/** Identifies a chat identity (platform, namespace, user id) without storing it. */
export function hashIdentity(key: Buffer, identity: NotifyIdentity): string {
  return keyedHash(key, 'identity', `${identity.platform}\n${identity.scope}\n${identity.platformUserId}`);
}

/** Identifies a User in the data-request audit after the account is erased. */
export function hashSubject(key: Buffer, userId: string): string {
  return keyedHash(key, 'subject', userId);
}
