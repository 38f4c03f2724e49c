/**
 * Which IP addresses the bot may connect to when fetching user-supplied links: the public
 * internet only, minus explicit exemptions. Pure functions over node:net's BlockList — no DNS.
 */
import { BlockList, isIP } from 'node:net';

// Addresses that are not the public internet: where SSRF hurts (loopback, private networks,
// cloud metadata at 169.254.169.254, carrier NAT) and where nothing legitimate lives
// (documentation, benchmarking, multicast, reserved). IANA special-purpose registries, 2025.
const FORBIDDEN_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const FORBIDDEN_V6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback, deprecated IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, can embed any IPv4 address
  ['3fff::', 20], // documentation
  ['5f00::', 16], // SRv6 SIDs
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

// Node's BlockList matches IPv4 rules against IPv4-mapped IPv6 (::ffff:a.b.c.d) by itself;
// NAT64 (64:ff9b::/96) embeds an IPv4 address too, checked by hand below.
const FORBIDDEN = new BlockList();
for (const [net, prefix] of FORBIDDEN_V4) FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of FORBIDDEN_V6) FORBIDDEN.addSubnet(net, prefix, 'ipv6');
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/** `ip` without IPv6 brackets or a zone id (fe80::1%eth0 → fe80::1). */
export function bareAddress(ip: string): string {
  let s = ip.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%'); // fe80::1%eth0
  return zone === -1 ? s : s.slice(0, zone);
}

function parseRule(entry: string): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | null {
  const [raw, prefixText, ...rest] = entry.trim().split('/');
  if (raw === undefined || rest.length > 0) return null;
  const address = bareAddress(raw);
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family };
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (version === 4 ? 32 : 128)) return null;
  return { address, prefix, family };
}

/** True when `entry` is an IP or CIDR usable in `allowedPrivateAddresses` (for config checks). */
export function isValidAddressRule(entry: string): boolean {
  return parseRule(entry) !== null;
}

function exemptionList(allowedPrivate: string[]): BlockList {
  const list = new BlockList();
  for (const entry of allowedPrivate) {
    const rule = parseRule(entry);
    // A config mistake, not user input: fail loudly rather than silently exempting nothing.
    if (!rule) throw new Error(`allowedPrivateAddresses: "${entry}" is not an IP address or CIDR`);
    if (rule.prefix === undefined) list.addAddress(rule.address, rule.family);
    else list.addSubnet(rule.address, rule.prefix, rule.family);
  }
  return list;
}

/** The IPv4 address inside a NAT64 well-known-prefix address (64:ff9b::a.b.c.d), if any. */
function nat64Embedded(ipv6: string): string | null {
  if (!NAT64.check(ipv6, 'ipv6')) return null;
  const tail = ipv6.slice(ipv6.lastIndexOf(':') + 1);
  if (tail.includes('.')) return tail;
  // Hex form: the last two groups hold the IPv4 address.
  const groups = ipv6.split(':');
  const lo = Number.parseInt(groups.at(-1) || '0', 16);
  const hi = Number.parseInt(groups.at(-2) || '0', 16);
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/**
 * True when connecting to `ip` could reach something other than the public internet: loopback,
 * private (10/8, 172.16/12, 192.168/16), link-local and cloud metadata (169.254/16), CGNAT
 * (100.64/10), 0.0.0.0/8, multicast, reserved and documentation ranges; IPv6 ::1, ::, fc00::/7,
 * fe80::/10, multicast, and IPv4-mapped / NAT64 forms of forbidden IPv4 addresses. Anything that
 * is not an IP address is forbidden. `allowedPrivate` (IPs or CIDRs) are exempt.
 */
export function isForbiddenAddress(ip: string, allowedPrivate: string[]): boolean {
  const address = bareAddress(ip);
  const version = isIP(address);
  if (version === 0) return true;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (allowedPrivate.length > 0 && exemptionList(allowedPrivate).check(address, family)) return false;
  if (FORBIDDEN.check(address, family)) return true;
  if (version === 6) {
    const embedded = nat64Embedded(address);
    if (embedded !== null) return isForbiddenAddress(embedded, allowedPrivate);
  }
  return false;
}
