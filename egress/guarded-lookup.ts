import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { addressRefusal, type EgressPolicy } from '../domain/egress-policy.js';

/** What the lookup refused, kept so that the caller can say why the request failed. */
export interface Refusal {
  host: string;
  reason: string;
}

type Callback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for the HTTP agent that hands the socket only addresses the policy allows. It runs
 * at connect time, on the addresses the connection will actually use, so neither a host name that
 * resolves to loopback nor a DNS answer that changes between check and use gets through.
 */
export function guardedLookup(policy: EgressPolicy, refused: (refusal: Refusal) => void) {
  const lookup = (hostname: string, options: { all?: boolean }, callback: Callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const allowed = policy.hosts.has(hostname.toLowerCase())
        ? addresses
        : addresses.filter((entry) => addressRefusal(entry.address, policy) === null);
      const first = allowed[0];
      if (!first) {
        const reasons = addresses.map((a) => `${a.address} (${addressRefusal(a.address, policy)})`);
        const refusal = { host: hostname, reason: `resolves to ${reasons.join(', ')}` };
        refused(refusal);
        const failure: NodeJS.ErrnoException = new Error(`${hostname} ${refusal.reason}`);
        failure.code = 'EGRESS_REFUSED';
        callback(failure, []);
        return;
      }
      if (options.all) {
        callback(null, allowed);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
  return lookup;
}

/** A one-request agent whose connections resolve through guardedLookup. */
export function guardedAgent(
  protocol: string,
  policy: EgressPolicy,
  refused: (refusal: Refusal) => void,
): http.Agent {
  const options = { keepAlive: false, lookup: guardedLookup(policy, refused) };
  return protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}
