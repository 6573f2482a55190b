import { egressPolicy } from '../../domain/egress-policy.js';
import { setEgressPolicy } from '../../egress/settings.js';

// Every test file's fake sources and channels listen on loopback, which Earshot refuses unless the
// operator allows it: the tests allow it explicitly, as an on-premises deployment would with
// EGRESS_ALLOW. Tests of the refusals pass their own policy.
setEgressPolicy(egressPolicy(['127.0.0.1', '::1']));
