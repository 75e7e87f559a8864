import type { ProxyConfig } from '../../../shared/schema/proxy.js';
import { getCurrent } from '../config/store.js';
import { KV_READ_TIMEOUT_MS, withTimeout } from '../config/timeout.js';
import { fail, type Problem } from '../http/problems.js';

/**
 * Which site proxies a host, with that site's origin, one KV key per host. A host belongs
 * to at most one site: `PUT …/config` checks the index before it stores a config and
 * updates it after. The origin is kept beside the site so a proxied page still reaches
 * the shop when the site's config cannot be read (it is then served unchanged).
 *
 * KV has no transactions: two sites claiming the same new host within KV's propagation
 * delay could both pass the check; the served config stays the truth (the proxy only
 * personalizes with a config that lists the host).
 */
export interface HostEntry {
  site: string;
  origin: string;
}

/** Cross-site by nature, so outside the `site:<site>:` namespace. */
const hostKey = (host: string) => `proxy:host:${host}`;

/**
 * Runs `serve` (the write that makes a config with `next` the served one) only when no
 * host in it belongs to another site (422 with the path of each), then moves the index.
 */
export async function withProxyHosts<T>(kv: KVNamespace, site: string, next: ProxyConfig | undefined, serve: () => Promise<T>): Promise<T> {
  const [taken, before] = await Promise.all([hostConflicts(kv, site, next), getCurrent(kv, site)]);
  if (taken.length) fail(422, 'config rejected; the served version is unchanged', taken);
  const served = await serve();
  await indexHosts(kv, site, before?.config.proxy, next);
  return served;
}

/** A problem per host of `proxy` that another site already serves. */
async function hostConflicts(kv: KVNamespace, site: string, proxy: ProxyConfig | undefined): Promise<Problem[]> {
  const hosts = proxy?.hosts ?? [];
  const owners = await Promise.all(hosts.map((host) => kv.get<HostEntry>(hostKey(host), 'json')));
  return owners.flatMap((owner, i) =>
    owner && owner.site !== site
      ? [{ path: ['proxy', 'hosts', i], message: `"${hosts[i]}" is already proxied for site "${owner.site}"; remove it from that site's config first` }]
      : [],
  );
}

/** After a site's served config changed from `before` to `after`: its hosts point at it, the hosts it dropped at nothing. */
async function indexHosts(kv: KVNamespace, site: string, before: ProxyConfig | undefined, after: ProxyConfig | undefined): Promise<void> {
  const kept = new Set(after?.hosts ?? []);
  const dropped = (before?.hosts ?? []).filter((host) => !kept.has(host));
  await Promise.all([
    ...[...kept].map((host) => kv.put(hostKey(host), JSON.stringify({ site, origin: after!.origin } satisfies HostEntry))),
    ...dropped.map(async (host) => {
      const owner = await kv.get<HostEntry>(hostKey(host), 'json');
      if (owner?.site === site) await kv.delete(hostKey(host));
    }),
  ]);
  forgetCachedHosts();
}

interface Cached {
  entry: HostEntry | null;
  /** Whether KV has answered for this host at least once in this isolate. */
  known: boolean;
  fetchedAt: number;
  pending?: Promise<HostEntry | null>;
}
/** Every request asks, so answers are kept per isolate; the key is request data, hence a Map with a size cap. */
const cache = new Map<string, Cached>();
export const HOST_TTL_MS = 30_000;
/** After a failed read, ask KV again this soon rather than after a whole TTL. */
const RETRY_MS = 2_000;
const MAX_CACHED = 1_000;

/**
 * The site proxying `host`, or null. Every request asks (the Worker's own API too), so a
 * host this isolate has seen is answered from memory at once, even past its TTL, while KV
 * is asked again in the background: a slow KV never delays a request twice. Only a host
 * never seen here waits for KV, bounded; when that read fails, it counts as not proxied.
 */
export function hostEntry(kv: KVNamespace, host: string, now = Date.now()): Promise<HostEntry | null> {
  let cached = cache.get(host);
  if (!cached) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cached = { entry: null, known: false, fetchedAt: -Infinity };
    cache.set(host, cached);
  }
  if (now - cached.fetchedAt >= HOST_TTL_MS && !cached.pending) cached.pending = refresh(kv, host, cached, now);
  return !cached.known && cached.pending ? cached.pending : Promise.resolve(cached.entry);
}

async function refresh(kv: KVNamespace, host: string, cached: Cached, now: number): Promise<HostEntry | null> {
  try {
    cached.entry = await withTimeout(kv.get<HostEntry>(hostKey(host), 'json'), KV_READ_TIMEOUT_MS, `host index read for ${host}`);
    cached.known = true;
    cached.fetchedAt = now;
  } catch {
    cached.fetchedAt = now - HOST_TTL_MS + RETRY_MS;
  } finally {
    cached.pending = undefined;
  }
  return cached.entry;
}

/** Admin writes call this so the isolate that took the write routes by it at once. */
export function forgetCachedHosts(): void {
  cache.clear();
}
