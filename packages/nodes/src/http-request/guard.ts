import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { blockedAddressReason } from './address-ranges.js';

/** One address a host name resolves to. */
export interface LookupAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name: node:dns by default; tests inject a fake resolver (no real DNS). */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

/** A destination the SSRF guard refused; no connection was made. */
export class DestinationBlockedError extends Error {
  readonly destination: string;
  readonly reason: string;
  constructor(destination: string, reason: string) {
    super(`destination ${destination} is not allowed (${reason})`);
    this.name = 'DestinationBlockedError';
    this.destination = destination;
    this.reason = reason;
  }
}

/** Host names that always mean this machine or a cloud metadata service. */
const BLOCKED_NAMES: ReadonlySet<string> = new Set([
  'localhost',
  'localhost.localdomain',
  'ip6-localhost',
  'ip6-loopback',
  'metadata',
  'metadata.google.internal',
  'instance-data',
]);

/** Lower-case, without IPv6 brackets or trailing dots; IP literals in their canonical form. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  while (h.endsWith('.')) h = h.slice(0, -1);
  if (isIP(h) === 6) {
    try {
      return new URL(`http://[${h}]/`).hostname.slice(1, -1);
    } catch {
      return h;
    }
  }
  return h;
}

/** Why a host name (not an IP literal) is refused before any lookup, or null. */
export function blockedHostnameReason(hostname: string): string | null {
  const host = normalizeHost(hostname);
  if (BLOCKED_NAMES.has(host) || host.endsWith('.localhost')) return 'a local or metadata host name';
  return null;
}

/** Who may be reached: public addresses, plus hosts and addresses an administrator allowed. */
export interface DestinationPolicy {
  /** Normalized host names and IP addresses from HttpOptions.allowedHosts. */
  readonly allowedHosts: ReadonlySet<string>;
  readonly lookup: HostLookup;
}

/** Builds the policy; entries of `allowedHosts` are host names or IP addresses, any port. */
export function createDestinationPolicy(allowedHosts: readonly string[] = [], lookup: HostLookup = systemLookup): DestinationPolicy {
  const normalized = new Set<string>();
  for (const entry of allowedHosts) {
    const host = normalizeHost(entry);
    // WHATWG parsing canonicalises names and IPv4 forms such as 127.1, as it does for request URLs.
    normalized.add(isIP(host) === 6 ? host : canonicalHost(host));
  }
  return { allowedHosts: normalized, lookup };
}

function canonicalHost(host: string): string {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return host;
  }
}

async function systemLookup(hostname: string): Promise<LookupAddress[]> {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/** Why `host` (name or IP literal) is refused before connecting, or null. */
function hostReason(policy: DestinationPolicy, host: string): string | null {
  if (policy.allowedHosts.has(host)) return null;
  if (isIP(host) !== 0) {
    const reason = blockedAddressReason(host);
    return reason === null ? null : `${reason} address`;
  }
  return blockedHostnameReason(host);
}

/**
 * The checks a URL passes before any connection: http or https, no user info, and a host that
 * is public, allowed, or `trustedHost` (the `host` of the node's integration).
 */
export function checkDestination(url: URL, policy: DestinationPolicy, trustedHost?: string): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `only http and https URLs are allowed, not ${url.protocol}`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'a URL with user info (user@host) is not allowed: use a credential';
  }
  if (trustedHost !== undefined && url.host === trustedHost) return null;
  const host = normalizeHost(url.hostname);
  const reason = hostReason(policy, host);
  return reason === null ? null : new DestinationBlockedError(host, reason).message;
}

type LookupCallback = Parameters<LookupFunction>[2];

/**
 * A `lookup` for net/tls connect that resolves once and refuses when any answer is blocked, so
 * the address dialled is the one checked (no second lookup to rebind).
 */
export function createGuardedLookup(policy: DestinationPolicy, guard: boolean): LookupFunction {
  return (hostname, options, callback: LookupCallback) => {
    const host = normalizeHost(hostname);
    policy.lookup(hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        const first = wanted[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`no address found for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (guard && !policy.allowedHosts.has(host)) {
          for (const { address } of addresses) {
            if (policy.allowedHosts.has(normalizeHost(address))) continue;
            const reason = blockedAddressReason(address);
            if (reason !== null) {
              callback(new DestinationBlockedError(host, `it resolves to ${address}, a ${reason} address`), '', 0);
              return;
            }
          }
        }
        if (options.all === true) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0),
    );
  };
}

/** An undici connector that checks IP literals (which skip lookup) and resolves through the guard. */
export function createGuardedConnector(policy: DestinationPolicy, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ lookup: createGuardedLookup(policy, true), timeout: connectTimeoutMs });
  return (options, callback) => {
    const host = normalizeHost(options.hostname);
    const reason = hostReason(policy, host);
    if (reason !== null) {
      callback(new DestinationBlockedError(host, reason), null);
      return;
    }
    connect(options, callback);
  };
}

/** The connector for a node's own integration host, which an administrator registered (trusted). */
export function createTrustedConnector(policy: DestinationPolicy, connectTimeoutMs: number): buildConnector.connector {
  return buildConnector({ lookup: createGuardedLookup(policy, false), timeout: connectTimeoutMs });
}
