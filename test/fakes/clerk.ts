/**
 * A fake Clerk Backend API for the real `@clerk/backend` SDK (`createClerkClient({ secretKey,
 * apiUrl: fake.url })`, or CLERK_API_URL=fake.url through the app's config):
 *   GET    /v1/users/:id   the user (404 when unknown or deleted)
 *   DELETE /v1/users/:id   deletes it, answering Clerk's DeletedObject
 *   GET    /v1/jwks        the instance's public signing key (for verification without CLERK_JWT_KEY)
 * Requests and answers are checked against `shared/contract-specs/clerk.bapi.2026-05-12.yml`.
 *
 * The fake also plays the instance's signer: `keys.signSessionToken({ sub })` mints an RS256
 * session token with a key pair generated per fake, and `keys.publicPem` is what an operator would
 * put into CLERK_JWT_KEY.
 */
import { createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { vendorContract } from './contract.ts';
import { type FakeResponse, HttpFake, type RecordedRequest } from './http-fake.ts';

export interface ClerkTestKeys {
  kid: string;
  publicPem: string;
  privateKey: KeyObject;
  /** Signs a session token; `claims` override the defaults (sid, iat, nbf, exp in 60 s, azp). */
  signSessionToken(claims: Record<string, unknown> & { sub: string }, opts?: { key?: KeyObject }): string;
}

export interface FakeClerkUser {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

export interface FakeClerk {
  url: string;
  http: HttpFake;
  secretKey: string;
  keys: ClerkTestKeys;
  users: Map<string, FakeClerkUser>;
  deleted: string[];
  contractErrors: Array<{ kind: 'request' | 'response'; method: string; path: string; errors: string[] }>;
  addUser(user: FakeClerkUser): void;
  stop(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** An RSA key pair and an RS256 signer shaped like Clerk's session tokens. */
export function createClerkTestKeys(opts: { azp?: string } = {}): ClerkTestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `ins_${randomBytes(8).toString('hex')}`;
  return {
    kid,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey,
    signSessionToken(claims, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid };
      const payload = {
        iss: 'https://clerk.example.test',
        sid: `sess_${randomBytes(8).toString('hex')}`,
        iat: now,
        nbf: now - 5,
        exp: now + 60,
        ...(opts.azp ? { azp: opts.azp } : {}),
        ...claims,
      };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
      const signature = createSign('RSA-SHA256')
        .update(input)
        .sign(o.key ?? privateKey);
      return `${input}.${b64url(signature)}`;
    },
  };
}

function userJson(u: FakeClerkUser) {
  const now = Date.now();
  const emailId = `idn_${u.id.slice(5)}`;
  return {
    id: u.id,
    object: 'user',
    external_id: null,
    primary_email_address_id: u.email ? emailId : null,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    username: null,
    first_name: u.firstName ?? null,
    last_name: u.lastName ?? null,
    image_url: 'https://img.clerk.com/placeholder',
    has_image: false,
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    email_addresses: u.email
      ? [
          {
            id: emailId,
            object: 'email_address',
            email_address: u.email,
            reserved: false,
            verification: {
              object: 'verification_admin',
              status: 'verified',
              strategy: 'admin',
              attempts: null,
              expire_at: null,
            },
            linked_to: [],
            created_at: now,
            updated_at: now,
          },
        ]
      : [],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    password_enabled: false,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    last_sign_in_at: now,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    updated_at: now,
    created_at: now,
    delete_self_enabled: true,
    create_organization_enabled: false,
    last_active_at: now,
    legal_accepted_at: null,
  };
}

export async function startFakeClerk(opts: { secretKey?: string; azp?: string } = {}): Promise<FakeClerk> {
  const http = new HttpFake('clerk');
  const contract = vendorContract('clerk');
  const fake: FakeClerk = {
    url: '',
    http,
    secretKey: opts.secretKey ?? 'sk_test_clerk_fake',
    keys: createClerkTestKeys({ azp: opts.azp ?? 'http://localhost:3000' }),
    users: new Map(),
    deleted: [],
    contractErrors: [],
    addUser: (u) => void fake.users.set(u.id, u),
    stop: () => http.stop(),
  };

  const clerkError = (status: number, code: string, message: string): FakeResponse => ({
    status,
    body: { errors: [{ message, long_message: message, code }] },
  });

  function checked(handle: (req: RecordedRequest, params: Record<string, string>) => FakeResponse) {
    return (req: RecordedRequest, params: Record<string, string>): FakeResponse => {
      if (req.headers.authorization !== `Bearer ${fake.secretKey}`) {
        return clerkError(401, 'authentication_invalid', 'Unauthorized request');
      }
      const errors = contract.validateRequest({
        method: req.method,
        path: req.path,
        query: req.query,
        headers: req.headers,
        body: req.body.length ? req.body : undefined,
      });
      if (errors.length) {
        fake.contractErrors.push({ kind: 'request', method: req.method, path: req.path, errors });
        return clerkError(422, 'form_param_invalid', errors.join('; '));
      }
      const response = handle(req, params);
      const responseErrors = contract.validateResponse({
        method: req.method,
        path: req.path,
        status: response.status ?? 200,
        contentType: 'application/json',
        body: response.body,
      });
      if (responseErrors.length)
        fake.contractErrors.push({
          kind: 'response',
          method: req.method,
          path: req.path,
          errors: responseErrors,
        });
      return response;
    };
  }

  http.route(
    'GET',
    '/v1/users/:id',
    checked((_req, { id = '' }) => {
      const user = fake.users.get(id);
      return user
        ? { status: 200, body: userJson(user) }
        : clerkError(404, 'resource_not_found', 'not found');
    }),
  );
  http.route(
    'DELETE',
    '/v1/users/:id',
    checked((_req, { id = '' }) => {
      if (!fake.users.delete(id)) return clerkError(404, 'resource_not_found', 'not found');
      fake.deleted.push(id);
      return { status: 200, body: { object: 'user', id, deleted: true } };
    }),
  );
  http.route(
    'GET',
    '/v1/jwks',
    checked(() => {
      const jwk = fake.keys.privateKey.export({ format: 'jwk' });
      return {
        status: 200,
        body: { keys: [{ use: 'sig', kty: 'RSA', kid: fake.keys.kid, alg: 'RS256', n: jwk.n, e: jwk.e }] },
      };
    }),
  );

  await http.start();
  fake.url = http.url;
  return fake;
}
