import { isIP } from 'node:net';

/**
 * Which IP addresses a request may not reach (RELIABILITY 4.3): loopback, private, link-local,
 * CGNAT, unspecified, multicast, reserved, and IPv6 forms that embed such an IPv4 address.
 * Returns the kind of address that is refused, or null when the address is public.
 */
export function blockedAddressReason(address: string): string | null {
  switch (isIP(address)) {
    case 4:
      return blockedIPv4Reason(parseIPv4(address));
    case 6: {
      const groups = parseIPv6(address);
      return groups === null ? 'unparseable' : blockedIPv6Reason(groups);
    }
    default:
      return 'not an IP address';
  }
}

type Octets = readonly [number, number, number, number];

const IPV4_BLOCKED: ReadonlyArray<readonly [Octets, number, string]> = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared (CGNAT)'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved (6to4 relay)'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  // 240.0.0.0/4 holds the broadcast address 255.255.255.255 too.
  [[240, 0, 0, 0], 4, 'reserved'],
];

function parseIPv4(address: string): Octets {
  const [a = 0, b = 0, c = 0, d = 0] = address.split('.').map(Number);
  return [a, b, c, d];
}

function ipv4ToInt(o: Octets): number {
  return ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
}

function blockedIPv4Reason(octets: Octets): string | null {
  const value = ipv4ToInt(octets);
  for (const [prefix, bits, reason] of IPV4_BLOCKED) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === (ipv4ToInt(prefix) & mask) >>> 0) return reason;
  }
  return null;
}

/** Eight 16-bit groups, or null; `address` has already passed isIP. */
function parseIPv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A trailing dotted IPv4 (`::ffff:127.0.0.1`) becomes two hex groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const o = parseIPv4(tail);
    text = `${text.slice(0, lastColon + 1)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => Number.parseInt(g, 16));
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function inPrefix(groups: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function embeddedIPv4(high: number, low: number): Octets {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function embeddedReason(kind: string, octets: Octets): string | null {
  const reason = blockedIPv4Reason(octets);
  return reason === null ? null : `${kind} ${octets.join('.')}, ${reason}`;
}

function blockedIPv6Reason(g: readonly number[]): string | null {
  const at = (i: number): number => g[i] ?? 0;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (inPrefix(g, [0, 0, 0, 0, 0, 0, 0, 1], 128)) return 'loopback';
  if (inPrefix(g, [0, 0, 0, 0, 0, 0xffff], 96)) return embeddedReason('IPv4-mapped', embeddedIPv4(at(6), at(7)));
  if (inPrefix(g, [0x64, 0xff9b], 96)) return embeddedReason('NAT64', embeddedIPv4(at(6), at(7)));
  if (inPrefix(g, [0x64, 0xff9b, 1], 48)) return 'NAT64 local-use';
  if (inPrefix(g, [0], 8)) return 'reserved';
  if (inPrefix(g, [0x100], 64)) return 'discard-only';
  // 2001::/23 holds Teredo (2001::/32), whose client address is obfuscated: refuse it whole.
  if (inPrefix(g, [0x2001], 23)) return 'reserved (IETF protocol assignments)';
  if (inPrefix(g, [0x2001, 0xdb8], 32)) return 'documentation';
  if (inPrefix(g, [0x2002], 16)) return embeddedReason('6to4', embeddedIPv4(at(1), at(2)));
  if (inPrefix(g, [0xfc00], 7)) return 'unique local (private)';
  if (inPrefix(g, [0xfe80], 10)) return 'link-local';
  if (inPrefix(g, [0xfec0], 10)) return 'site-local';
  if (inPrefix(g, [0xff00], 8)) return 'multicast';
  if (!inPrefix(g, [0x2000], 3)) return 'reserved';
  return null;
}
