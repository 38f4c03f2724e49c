/**
 * The privacy policy's numbers and contacts are the code's defaults; the confirmation of an
 * erasure says what happens when; chat mentions are parsed for child reports; identity hashes
 * are keyed and one-way; Sentry events lose the new personal fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { POLICY_TEXT } from '../../src/http/privacy.ts';
import { scrubEvent, scrubString } from '../../src/observability.ts';
import { parseReportedUser } from '../../src/services/privacy/child-reports.ts';
import { alreadyErasedSummary, type ErasureSummary } from '../../src/services/privacy/erasure.ts';
import { erasureConfirmation } from '../../src/services/privacy/erasure-job.ts';
import { hashIdentity } from '../../src/services/privacy/hashes.ts';

const SHARED_POLICY = new URL('../../../shared/PRIVACY-POLICY.txt', import.meta.url);
const config = loadConfig({});

describe('the privacy policy shipped with the code', () => {
  it('is the published policy, word for word', () => {
    expect(POLICY_TEXT).toContain('Privacy Policy');
    if (existsSync(SHARED_POLICY)) expect(POLICY_TEXT).toBe(readFileSync(SHARED_POLICY, 'utf8'));
  });

  it('sets the defaults: version from "Last updated", contacts, 90-day retention, policy URL', () => {
    const [, month, day, year] = /Last updated: (\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(POLICY_TEXT) ?? [];
    expect(config.PRIVACY_POLICY_VERSION).toBe(`${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`);
    expect(POLICY_TEXT).toContain(`Email: ${config.PRIVACY_CONTACT}`);
    expect(POLICY_TEXT).toContain(`Support: ${config.SUPPORT_CONTACT}`);
    expect(POLICY_TEXT).toContain(`retained for ${config.RETENTION_DAYS} days after account deletion`);
    expect(config.privacyPolicyUrl).toBe('http://localhost:3000/privacy');
    expect(loadConfig({ PUBLIC_URL: 'https://bot.example.com/' }).privacyPolicyUrl).toBe(
      'https://bot.example.com/privacy',
    );
    expect(loadConfig({ PRIVACY_POLICY_URL: 'https://imagegen.ai/privacy' }).privacyPolicyUrl).toBe(
      'https://imagegen.ai/privacy',
    );
  });
});

describe('the erasure confirmation', () => {
  const base: ErasureSummary = {
    ...alreadyErasedSummary(),
    alreadyErased: false,
    identities: ['discord', 'slack'],
    generations: 3,
    consentEvents: 2,
    ledgerRowsAnonymised: 4,
    dataRequestsKept: 2,
  };

  it('says when retained images will be removed', () => {
    const reply = erasureConfirmation(
      { ...base, imagesRetained: 6, imagesDeleteAfter: '2027-02-23T10:00:00.000Z' },
      config,
    );
    expect(reply.text).toContain('6 stored images');
    expect(reply.text).toContain('2027-02-23');
    expect(reply.text).toContain('90 days');
    expect(reply.text).toContain('3 image jobs with their prompts');
    expect(reply.text).toContain('2 linked chat identities (discord, slack)');
    expect(reply.text).toContain('4 credit ledger entries (bookkeeping)');
  });

  it('says images went at once with `immediate`, and that a second deletion found nothing', () => {
    expect(erasureConfirmation({ ...base, imagesDeletedNow: 6 }, config).text).toContain(
      'deleted now and purged from the CDN cache',
    );
    expect(erasureConfirmation(alreadyErasedSummary(), config).text).toContain('already been erased');
  });
});

describe('child reports', () => {
  it.each([
    ['<@200000000000000002>', '200000000000000002'],
    ['<@!200000000000000002>', '200000000000000002'],
    ['200000000000000002', '200000000000000002'],
    ['<@U0ABC123|alice>', 'U0ABC123'],
    ['@U0ABC123', 'U0ABC123'],
  ])('reads %s as %s', (input, id) => {
    expect(parseReportedUser(input)).toBe(id);
  });

  it('refuses text that is not a user', () => {
    expect(parseReportedUser('someone in #general')).toBeNull();
    expect(parseReportedUser('<#123>')).toBeNull();
  });
});

describe('identity hashes', () => {
  const identity = { platform: 'discord' as const, scope: '', platformUserId: '200000000000000002' };

  it('are stable for one key, differ between keys and identities, and do not contain the id', () => {
    const key = Buffer.alloc(32, 1);
    const hash = hashIdentity(key, identity);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIdentity(key, identity)).toBe(hash);
    expect(hashIdentity(Buffer.alloc(32, 2), identity)).not.toBe(hash);
    expect(hashIdentity(key, { ...identity, platform: 'slack' })).not.toBe(hash);
    expect(hash).not.toContain(identity.platformUserId);
  });
});

describe('Sentry scrubbing of privacy data', () => {
  it('drops names, identities, reporters and links from extra data, and Stripe/Clerk ids from text', () => {
    const event = scrubEvent({
      type: undefined,
      message: 'customer cus_N1a2b3c4d5e6f7 of user_2abcdefghijk123 failed',
      extra: { displayName: 'Ada', identity: 'x', reporterHash: 'y', link: 'z', requestId: 'keep-me' },
    });
    expect(event.message).not.toContain('cus_N1a2b3c4d5e6f7');
    expect(event.message).not.toContain('user_2abcdefghijk123');
    expect(event.extra).toEqual({
      displayName: '[scrubbed]',
      identity: '[scrubbed]',
      reporterHash: '[scrubbed]',
      link: '[scrubbed]',
      requestId: 'keep-me',
    });
    expect(scrubString('see https://bot.example.com/exports/abc.def')).not.toContain('exports/abc');
  });
});
