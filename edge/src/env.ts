import type { AdminGuard } from './security/admin-guard.js';
import type { SiteStats } from './stats/site-stats.js';

export interface Env {
  KV: KVNamespace;
  SITE_STATS: DurableObjectNamespace<SiteStats>;
  ADMIN_GUARD: DurableObjectNamespace<AdminGuard>;
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
}

export type AppEnv = { Bindings: Env };
