import type { CodeLedger } from './codes/ledger.js';
import type { AdminGuard } from './security/admin-guard.js';
import type { SiteStats } from './stats/site-stats.js';
import type { Session } from './studio/session.js';

export interface Env {
  KV: KVNamespace;
  SITE_STATS: DurableObjectNamespace<SiteStats>;
  CODE_LEDGER: DurableObjectNamespace<CodeLedger>;
  ADMIN_GUARD: DurableObjectNamespace<AdminGuard>;
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
  /** Open-Meteo's forecast API (or a local stub); `https://api.open-meteo.com` when unset. */
  WEATHER_API_URL?: string;
}

/** Who is calling the admin API, set by the admin guard: the token, a studio session, or a shared link. */
export interface AdminCaller {
  via: 'token' | 'session' | 'share';
  /** Recorded with each version: "token", or the name a studio user signed in with. */
  label: string;
  session?: Session;
}

export type AppEnv = { Bindings: Env; Variables: { admin?: AdminCaller } };
