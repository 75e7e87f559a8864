import type { SiteStats } from './stats/site-stats.js';

export interface Env {
  KV: KVNamespace;
  SITE_STATS: DurableObjectNamespace<SiteStats>;
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
}

export type AppEnv = { Bindings: Env };
