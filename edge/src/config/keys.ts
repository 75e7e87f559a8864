import { SITE_ID_RULE } from '../../../shared/schema/common.js';
import { SITE_ID_PATTERN } from '../../../shared/schema/limits.js';
import { HttpProblem } from '../http/problems.js';

/**
 * The one place a storage key is built. Every key is `site:<site>:<tag>…:<part>…`, where the
 * site id has passed SITE_ID_PATTERN (no ":" can be in it) and every other part has "%"
 * and ":" escaped, so a part is always exactly one segment: keys of different kinds, sites
 * or customers can never be the same string. (Parts without "%" or ":", every key written
 * before this rule, are unchanged.) A site id that slipped past its route's check is a
 * 400 here, before any read or write.
 */
export function storageKey(site: string, ...parts: (string | number)[]): string {
  if (!SITE_ID_PATTERN.test(site)) throw new HttpProblem(400, 'invalid site id', [{ path: ['site'], message: SITE_ID_RULE }]);
  return ['site', site, ...parts.map((p) => String(p).replace(/%/g, '%25').replace(/:/g, '%3A'))].join(':');
}

/** Every KV key of a site starts with `site:<site>:`, so a site's data lists and deletes as one. */
export const keys = {
  pointer: (site: string) => storageKey(site, 'config', 'current'),
  version: (site: string, version: string) => storageKey(site, 'config', 'v', version),
  /** Lists the versions: every version key starts with it. */
  versionPrefix: (site: string) => storageKey(site, 'config', 'v', ''),
  traits: (site: string, customerId: string) => storageKey(site, 'traits', customerId),
  identitySecret: (site: string) => storageKey(site, 'identity-secret'),
  assignmentSecret: (site: string) => storageKey(site, 'assignment-secret'),
  catalogIndex: (site: string) => storageKey(site, 'catalog', 'index'),
  catalogStamp: (site: string) => storageKey(site, 'catalog', 'stamp'),
  catalogShard: (site: string, generation: string, n: number) => storageKey(site, 'catalog', generation, 'shard', n),
  recsLists: (site: string) => storageKey(site, 'recs', 'lists'),
  codeSecret: (site: string) => storageKey(site, 'code-secret'),
  serverKey: (site: string, name: string) => storageKey(site, 'server-key', name),
  /** Lists the server keys: every server key's record starts with it. */
  serverKeyPrefix: (site: string) => storageKey(site, 'server-key', ''),
  serverKeyHash: (site: string, hash: string) => storageKey(site, 'server-key-hash', hash),
  /** A studio draft behind a preview link; it expires by itself. */
  draft: (site: string, id: string) => storageKey(site, 'draft', id),
  /** A registered webhook: its URL and signing secret (never in the config). */
  webhook: (site: string, name: string) => storageKey(site, 'webhook', name),
  webhookPrefix: (site: string) => storageKey(site, 'webhook', ''),
  /** The name of one of a site's per-visitor state objects (Durable Objects), `n` its shard. */
  visitorShard: (site: string, n: number) => storageKey(site, 'visitors', n),
};
