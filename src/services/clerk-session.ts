/**
 * Clerk session tokens: verified with `@clerk/backend`'s `verifyToken`, offline with the
 * instance's JWT public key (CLERK_JWT_KEY) or through the instance's JWKS (CLERK_SECRET_KEY).
 * Only tokens minted for our own pages are accepted (`azp` must be PUBLIC_URL's origin).
 */
import { verifyToken } from '@clerk/backend';
import type { Config } from '../config.ts';
import type { Services } from './index.ts';

export interface ClerkProfile {
  email: string | null;
  displayName: string | null;
}

/** Env files often carry a PEM on one line with "\n" escapes. */
export function normalisePem(value: string): string {
  return value.replace(/\\n/g, '\n').trim();
}

/** The Clerk user id (`sub`) of a valid session token; throws when the token is not valid. */
export async function verifyClerkSession(
  config: Pick<Config, 'CLERK_JWT_KEY' | 'CLERK_SECRET_KEY' | 'CLERK_API_URL' | 'PUBLIC_URL'>,
  sessionToken: string,
): Promise<string> {
  const key = config.CLERK_JWT_KEY
    ? { jwtKey: normalisePem(config.CLERK_JWT_KEY) }
    : { secretKey: config.CLERK_SECRET_KEY, apiUrl: config.CLERK_API_URL };
  const claims = await verifyToken(sessionToken, {
    ...key,
    authorizedParties: [new URL(config.PUBLIC_URL).origin],
  });
  if (typeof claims.sub !== 'string' || !claims.sub) throw new Error('session token has no subject');
  return claims.sub;
}

/**
 * Name and primary email from Clerk's Backend API, when a secret key is configured. Best effort:
 * linking does not depend on it, so an unreachable Clerk only leaves the profile empty.
 */
export async function fetchClerkProfile(s: Services, clerkUserId: string): Promise<ClerkProfile | undefined> {
  if (!s.clerk) return undefined;
  try {
    const user = await s.clerk.users.getUser(clerkUserId);
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username || null;
    return { email: user.primaryEmailAddress?.emailAddress ?? null, displayName: name };
  } catch (err) {
    s.log.warn(
      { err: { message: (err as Error).message } },
      'could not read the Clerk profile; linking without it',
    );
    return undefined;
  }
}

/** The Frontend API host encoded in a publishable key (`pk_test_<base64("host$")>`). */
export function frontendApiFromPublishableKey(key: string): string | undefined {
  const encoded = key.split('_')[2];
  if (!encoded) return undefined;
  const host = Buffer.from(encoded, 'base64').toString('utf8').replace(/\$$/, '');
  return /^[a-z0-9.-]+(:\d+)?$/i.test(host) ? host : undefined;
}
