import { app } from './app.js';
import { handleDeliveryBatch } from './delivery/consumer.js';
import type { DeliveryMessage } from './delivery/deliver.js';
import type { Env } from './env.js';

export { CodeLedger } from './codes/ledger.js';
export { AdminGuard } from './security/admin-guard.js';
export { SiteStats } from './stats/site-stats.js';
export { VisitorShard } from './visitors/visitor-shard.js';

export default {
  fetch: app.fetch,
  queue: handleDeliveryBatch,
} satisfies ExportedHandler<Env, DeliveryMessage>;
