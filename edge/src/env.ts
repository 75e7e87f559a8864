import type { CodeLedger } from './codes/ledger.js';
import type { AdminGuard } from './security/admin-guard.js';
import type { DeliveryMessage } from './delivery/deliver.js';
import type { SiteStats } from './stats/site-stats.js';
import type { VisitorShard } from './visitors/visitor-shard.js';
import type { Session } from './studio/session.js';

export interface Env {
  KV: KVNamespace;
  SITE_STATS: DurableObjectNamespace<SiteStats>;
  CODE_LEDGER: DurableObjectNamespace<CodeLedger>;
  ADMIN_GUARD: DurableObjectNamespace<AdminGuard>;
  /** Per-visitor state (summary, journey runs, customer link, deliveries), sharded by visitor hash. */
  VISITOR_STATE: DurableObjectNamespace<VisitorShard>;
  /** Webhook deliveries: one message per attempt series (dead letters to `vitrine-deliveries-dead`). */
  DELIVERIES: Queue<DeliveryMessage>;
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
  /** Open-Meteo's forecast API (or a local stub); `https://api.open-meteo.com` when unset. */
  WEATHER_API_URL?: string;
  /** State objects per site for visitors (default 16); fix it before going live. */
  VISITOR_SHARDS?: string;
  /** "1" only under `wrangler dev` (`.dev.vars`): loopback webhooks and the demo's fast-forward. */
  VITRINE_DEV?: string;
}

/** Who is calling the admin API, set by the admin guard: the token, a studio session, or a shared link. */
export interface AdminCaller {
  via: 'token' | 'session' | 'share';
  /** Recorded with each version: "token", or the name a studio user signed in with. */
  label: string;
  session?: Session;
}

export type AppEnv = { Bindings: Env; Variables: { admin?: AdminCaller } };
