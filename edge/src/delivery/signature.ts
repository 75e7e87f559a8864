/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_`
 * and the base64 of its key bytes; each attempt signs `${id}.${timestamp}.${body}` with
 * HMAC-SHA256 and sends `webhook-signature: v1,<base64>`. Several signatures, space
 * separated, let a receiver keep verifying with the previous secret during a rotation.
 */
const PREFIX = 'whsec_';
const KEY_BYTES = 32;

export function newSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

export async function sign(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', fromBase64(secret.slice(PREFIX.length)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The three headers of one attempt; `secrets` newest first. */
export async function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Promise<Record<string, string>> {
  const signatures = await Promise.all(secrets.map((s) => sign(s, id, timestamp, body)));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}
