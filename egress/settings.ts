import { STRICT_POLICY, type EgressPolicy } from '../domain/egress-policy.js';

/**
 * The process's egress policy: set once at start-up from EGRESS_ALLOW (main.ts), read by the
 * guarded client and by the API's watch validation. Until set, only public addresses are allowed.
 */
let current: EgressPolicy = STRICT_POLICY;

export function setEgressPolicy(policy: EgressPolicy): void {
  current = policy;
}

export function currentEgressPolicy(): EgressPolicy {
  return current;
}
