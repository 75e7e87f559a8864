/** 32 random bytes as base64url: the form of every secret the edge issues. */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** HMAC-SHA256 under `secret`, as lowercase hex. */
export async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A per-site secret kept in KV, made on first use. Two isolates racing on the first use
 * may each write one; the second read settles on whatever KV holds, and only codes made
 * in that first moment could differ, so the first write wins by reading back.
 */
export async function siteSecret(kv: KVNamespace, key: string): Promise<string> {
  const held = await kv.get(key);
  if (held) return held;
  await kv.put(key, randomSecret());
  return (await kv.get(key))!;
}
