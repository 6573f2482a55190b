import type { Config } from '../config/index.js';
import type { Logger } from '../config/logger.js';
import type { SourceName } from '../domain/mention.js';
import type { Producer } from '../jobs/producer.js';
import type { Store } from '../store/db.js';
import type { SourceQuota } from '../sources/quota.js';
import type { Connector } from '../sources/types.js';

/** What every stage processor works with. */
export interface StageDeps {
  config: Config;
  store: Store;
  producer: Producer;
  connectors: Record<SourceName, Connector>;
  /** The per-source request quota shared by every worker. */
  quota: SourceQuota;
  log: Logger;
}
