import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which destinations the operator allows on top of the public internet (`EGRESS_ALLOW`): host
 * names, matched exactly, and address ranges. Everything else that is not a public unicast
 * address is refused.
 */
export interface EgressPolicy {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: ReadonlyArray<[Address, number]>;
}

/** Allows public unicast addresses only. */
export const STRICT_POLICY: EgressPolicy = { hosts: new Set(), ranges: [] };

/** Known cloud metadata endpoints, named so that a refusal says what was asked for. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Why one `EGRESS_ALLOW` entry is not a host name, an address or a CIDR range; null when it is. */
export function allowEntryProblem(entry: string): string | null {
  if (entry.includes('/')) {
    return ipaddr.isValidCIDR(entry) ? null : `"${entry}" is not a CIDR range`;
  }
  if (ipaddr.isValid(entry) || HOST_NAME.test(entry.toLowerCase())) {
    return null;
  }
  return `"${entry}" is not a host name, an IP address or a CIDR range`;
}

/** The entries of a comma-separated `EGRESS_ALLOW` value, trimmed, empty ones dropped. */
export function allowEntries(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** A policy from validated entries (see allowEntryProblem): addresses become one-address ranges. */
export function egressPolicy(entries: readonly string[]): EgressPolicy {
  const hosts = new Set<string>();
  const ranges: Array<[Address, number]> = [];
  for (const entry of entries) {
    if (entry.includes('/')) {
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else {
      hosts.add(entry.toLowerCase());
    }
  }
  return { hosts, ranges };
}

function inRanges(address: Address, policy: EgressPolicy): boolean {
  return policy.ranges.some(
    ([base, bits]) => base.kind() === address.kind() && address.match(base, bits),
  );
}

/**
 * Why Earshot must not connect to `ip`, or null when it may: the name of the special range it lies
 * in (loopback, private, linkLocal, uniqueLocal, carrierGradeNat, multicast, unspecified, cloud
 * metadata, …) unless the policy allows it. IPv4-mapped IPv6 addresses are judged as the IPv4
 * address they carry.
 */
export function addressRefusal(ip: string, policy: EgressPolicy): string | null {
  if (!ipaddr.isValid(ip)) {
    return 'not an IP address';
  }
  const address = ipaddr.process(ip);
  if (inRanges(address, policy)) {
    return null;
  }
  if (METADATA.some((known) => ipaddr.process(known).toString() === address.toString())) {
    return 'cloud metadata';
  }
  const range = address.range();
  return range === 'unicast' ? null : range;
}

/** The host of a URL without IPv6 brackets, lower-cased. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/**
 * Why a URL must not be fetched, judged on the URL alone: a scheme other than http(s), or a host
 * that is a forbidden literal address. Host names are judged when they resolve (at connect time).
 * The WHATWG parser has already turned `2130706433` or `0x7f.1` into `127.0.0.1`.
 */
export function urlRefusal(url: URL, policy: EgressPolicy): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `scheme ${url.protocol} is not http(s)`;
  }
  const host = bareHost(url);
  if (policy.hosts.has(host) || !ipaddr.isValid(host)) {
    return null;
  }
  const refusal = addressRefusal(host, policy);
  return refusal && `${host} is a ${refusal} address`;
}
