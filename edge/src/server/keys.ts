import { keys } from '../config/keys.js';
import { randomSecret, sha256Hex } from './secret.js';

export interface ServerKeyInfo {
  name: string;
  created: string;
}

/**
 * Per-site keys for shop servers (email tools, chatbots, the checkout that redeems codes).
 * Only a hash is stored: the key is shown once, when issued. A key belongs to one site and
 * opens only the `/v1/server/*` routes; it is never valid for admin routes, and the admin
 * token is never valid here.
 */
export async function issueServerKey(kv: KVNamespace, site: string, name: string, now = new Date()): Promise<string> {
  await revokeServerKey(kv, site, name);
  const key = `vsk_${randomSecret()}`;
  const hash = await sha256Hex(key);
  await kv.put(keys.serverKeyHash(site, hash), name);
  await kv.put(keys.serverKey(site, name), JSON.stringify({ hash }), { metadata: { name, created: now.toISOString() } satisfies ServerKeyInfo });
  return key;
}

export async function revokeServerKey(kv: KVNamespace, site: string, name: string): Promise<boolean> {
  const held = await kv.get<{ hash: string }>(keys.serverKey(site, name), 'json');
  if (!held) return false;
  await kv.delete(keys.serverKeyHash(site, held.hash));
  await kv.delete(keys.serverKey(site, name));
  return true;
}

export async function listServerKeys(kv: KVNamespace, site: string): Promise<ServerKeyInfo[]> {
  const page = await kv.list<ServerKeyInfo>({ prefix: keys.serverKeyPrefix(site) });
  return page.keys.flatMap((k) => (k.metadata ? [k.metadata] : []));
}

/** The name of the site's key `presented` is, or null. Looked up by hash: no compare to time. */
export async function serverKeyName(kv: KVNamespace, site: string, presented: string): Promise<string | null> {
  if (!presented.startsWith('vsk_') || presented.length > 100) return null;
  return kv.get(keys.serverKeyHash(site, await sha256Hex(presented)));
}
