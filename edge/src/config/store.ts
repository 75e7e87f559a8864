import type { Config } from '../../../shared/schema/config.js';
import { keys } from './keys.js';

/** Who made a change and why, as the version history shows it. */
export interface Authorship {
  /** "token" for the admin token, the signed-in name for a studio session. */
  by: string;
  /** One line, like a commit message. */
  message?: string;
}

export interface StoredVersion extends Partial<Authorship> {
  version: string;
  created: string;
  hash: string;
}

/** The served version, and who last moved the pointer to it (a publish or a rollback). */
export interface Pointer extends Partial<Authorship> {
  version: string;
  at?: string;
  rolledBack?: true;
}

/**
 * Versioned config in KV: each push writes a new immutable version key first, and only
 * after that write succeeded moves the site's pointer. A failed push therefore never
 * leaves a site pointing at a half-written config, and old versions stay for rollback.
 */
export async function putConfig(kv: KVNamespace, config: Config, author: Authorship = { by: 'token' }, now = new Date()): Promise<StoredVersion> {
  const json = JSON.stringify(config);
  const hash = (await sha256Hex(json)).slice(0, 8);
  // Milliseconds in the id keep two pushes within one second in order.
  const version = `${now.toISOString().replace(/[-:.]/g, '')}-${hash}`;
  const meta: StoredVersion = { version, created: now.toISOString(), hash, ...author };
  await kv.put(keys.version(config.site, version), json, { metadata: meta });
  await movePointer(kv, config.site, { version, ...author, at: meta.created });
  return meta;
}

export async function movePointer(kv: KVNamespace, site: string, pointer: Pointer): Promise<void> {
  await kv.put(keys.pointer(site), JSON.stringify(pointer));
}

export async function currentPointer(kv: KVNamespace, site: string): Promise<Pointer | null> {
  return kv.get<Pointer>(keys.pointer(site), 'json');
}

export async function currentVersion(kv: KVNamespace, site: string): Promise<string | null> {
  return (await currentPointer(kv, site))?.version ?? null;
}

export async function getVersion(kv: KVNamespace, site: string, version: string): Promise<Config | null> {
  return kv.get<Config>(keys.version(site, version), 'json');
}

/** The served config with its version, or null when the site has none. */
export async function getCurrent(kv: KVNamespace, site: string): Promise<{ version: string; config: Config } | null> {
  const version = await currentVersion(kv, site);
  if (!version) return null;
  const config = await getVersion(kv, site, version);
  return config ? { version, config } : null;
}

/** Newest first. Version ids start with a UTC timestamp, so name order is time order. */
export async function listVersions(kv: KVNamespace, site: string): Promise<StoredVersion[]> {
  const out: StoredVersion[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list<StoredVersion>({ prefix: keys.versionPrefix(site), cursor });
    for (const k of page.keys) if (k.metadata) out.push(k.metadata);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out.sort((a, b) => (a.version < b.version ? 1 : -1));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
