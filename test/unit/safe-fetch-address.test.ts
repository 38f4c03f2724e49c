/**
 * The address rule behind safe fetching, as a pure function: no DNS, no sockets.
 */
import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, isValidAddressRule } from '../../src/services/safe-fetch.ts';

describe('isForbiddenAddress', () => {
  it.each([
    ['10.0.0.1', 'private 10/8'],
    ['10.255.255.255', 'private 10/8 (top)'],
    ['172.16.0.1', 'private 172.16/12 (bottom)'],
    ['172.20.10.5', 'private 172.16/12'],
    ['172.31.255.254', 'private 172.16/12 (top)'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback /8'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT (top)'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network /8'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast (SSDP)'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata, hex form'],
    ['64:ff9b::10.0.0.1', 'NAT64 of a private address'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata address, hex form'],
    ['fd00::1', 'unique local'],
    ['fc00::1', 'unique local (fc)'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone id'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['2002:a00:1::1', '6to4'],
    ['[::1]', 'bracketed IPv6 loopback'],
  ])('forbids %s (%s)', (ip) => {
    expect(isForbiddenAddress(ip, [])).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '162.159.128.233',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '2606:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('allows the public address %s', (ip) => {
    expect(isForbiddenAddress(ip, [])).toBe(false);
  });

  it.each(['', 'localhost', 'cdn.discordapp.com', '999.1.1.1', '10.0.0', '2130706433', '0x7f000001'])(
    'treats %j, which is not an IP address, as forbidden',
    (ip) => {
      expect(isForbiddenAddress(ip, [])).toBe(true);
    },
  );

  it('exempts a single private IP listed in allowedPrivate, and only that one', () => {
    expect(isForbiddenAddress('127.0.0.1', ['127.0.0.1'])).toBe(false);
    expect(isForbiddenAddress('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(false);
    expect(isForbiddenAddress('127.0.0.2', ['127.0.0.1'])).toBe(true);
    expect(isForbiddenAddress('10.0.0.1', ['127.0.0.1'])).toBe(true);
  });

  it('exempts a whole CIDR listed in allowedPrivate', () => {
    const allowed = ['10.20.0.0/16', 'fd12:3456::/32'];
    expect(isForbiddenAddress('10.20.3.4', allowed)).toBe(false);
    expect(isForbiddenAddress('10.21.0.1', allowed)).toBe(true);
    expect(isForbiddenAddress('fd12:3456::99', allowed)).toBe(false);
    expect(isForbiddenAddress('fd12:3457::1', allowed)).toBe(true);
    expect(isForbiddenAddress('169.254.169.254', allowed)).toBe(true);
  });

  it('rejects a malformed allowedPrivate entry loudly instead of ignoring it', () => {
    expect(() => isForbiddenAddress('10.0.0.1', ['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => isForbiddenAddress('10.0.0.1', ['intranet'])).toThrow(/not an IP address or CIDR/);
  });
});

describe('isValidAddressRule', () => {
  it('accepts IPs and CIDRs and refuses anything else', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '192.168.0.0/32']) {
      expect(isValidAddressRule(ok)).toBe(true);
    }
    for (const bad of ['', 'localhost', '10.0.0.0/', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '1.2.3.4/-1']) {
      expect(isValidAddressRule(bad)).toBe(false);
    }
  });
});
