import type { Config } from '../config/index.js';
import type { Logger } from '../config/logger.js';
import type { Producer } from '../jobs/producer.js';
import type { Store } from '../store/db.js';
import type { SourceQuota } from '../sources/quota.js';
import type { Connectors } from '../sources/types.js';

/** What every stage processor works with. */
export interface StageDeps {
  config: Config;
  store: Store;
  producer: Producer;
  connectors: Connectors;
  /** The per-source request quota shared by every worker. */
  quota: SourceQuota;
  log: Logger;
}
