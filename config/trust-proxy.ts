import ipaddr from 'ipaddr.js';

/** Express's `trust proxy`: off, every hop, a number of hops, or the proxies' addresses. */
export type TrustProxy = boolean | number | string[];

const NAMED = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Express takes it, or a problem naming what is wrong with it. */
export function parseTrustProxy(value: string | undefined): TrustProxy | { problem: string } {
  const text = (value ?? 'false').trim();
  if (text === 'false' || text === 'true') {
    return text === 'true';
  }
  if (/^\d{1,2}$/.test(text)) {
    return Number(text);
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find(
    (entry) => !NAMED.includes(entry) && !ipaddr.isValid(entry) && !ipaddr.isValidCIDR(entry),
  );
  if (bad !== undefined) {
    return {
      problem: `"${bad}" is not true, false, a hop count, loopback, linklocal, uniquelocal, an address or a CIDR`,
    };
  }
  return entries;
}
