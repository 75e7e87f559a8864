import type { CompiledConfig } from '../../../shared/config/compile.js';
import { validateConfig } from '../../../shared/config/validate.js';
import { getCurrent } from './store.js';
import { KV_READ_TIMEOUT_MS, withTimeout } from './timeout.js';

export interface Loaded {
  version: string;
  compiled: CompiledConfig;
}
interface Entry {
  loaded: Loaded | null;
  fetchedAt: number;
  /** A refresh under way: concurrent requests share it instead of each reading KV. */
  pending?: Promise<Loaded | null>;
}

/** How long an isolate trusts its copy before asking KV again. */
export const CONFIG_TTL_MS = 5_000;

const cache = new Map<string, Entry>();

/**
 * The site's compiled config, compiled once per version and kept per isolate. When KV
 * fails, the last good copy keeps serving (however old): a shop is better served by
 * yesterday's rules than by an error. Null means the site has no config at all.
 */
export async function loadConfig(kv: KVNamespace, site: string, now = Date.now()): Promise<Loaded | null> {
  const entry = cache.get(site);
  if (entry && now - entry.fetchedAt < CONFIG_TTL_MS) return entry.loaded;
  if (entry?.pending) return entry.pending;
  const pending = refresh(kv, site, entry?.loaded ?? null, now);
  cache.set(site, { loaded: entry?.loaded ?? null, fetchedAt: entry?.fetchedAt ?? 0, pending });
  return pending;
}

async function refresh(kv: KVNamespace, site: string, previous: Loaded | null, now: number): Promise<Loaded | null> {
  try {
    const current = await withTimeout(getCurrent(kv, site), KV_READ_TIMEOUT_MS, `config read for site ${site}`);
    const loaded = !current
      ? null
      : previous?.version === current.version
        ? previous
        : compileStored(current.version, current.config);
    // A version that no longer compiles keeps the previous good one serving; a deleted site serves nothing.
    const serving = current ? (loaded ?? previous) : null;
    cache.set(site, { loaded: serving, fetchedAt: now });
    return serving;
  } catch (error) {
    cache.set(site, { loaded: previous, fetchedAt: previous ? now : 0 });
    if (previous) {
      console.warn(`KV read failed for site ${site}; serving last good config ${previous.version}`);
      return previous;
    }
    throw error;
  }
}

/** Admin writes call this so the isolate that took the write serves it at once. */
export function forgetCachedConfig(site: string): void {
  cache.delete(site);
}

function compileStored(version: string, config: unknown): Loaded | null {
  // Stored configs passed validation when pushed; re-validating also fills defaults added since.
  const result = validateConfig(config, { stored: true });
  if (!result.ok) {
    console.warn(`stored config ${version} no longer validates: ${result.issues[0]?.message}`);
    return null;
  }
  return { version, compiled: result.compiled };
}
