/**
 * HMAC signatures for what the studio hands out (session cookies, CSRF tokens, shared
 * report links). Each purpose has its own key, derived with HKDF from ADMIN_TOKEN: a
 * signature made for one purpose never verifies for another, and rotating the admin token
 * invalidates every session and every shared link at once.
 */
export type Purpose = 'session' | 'csrf' | 'share';

const encoder = new TextEncoder();
/** One derived key per purpose, re-derived when the secret changes (a rotated token). */
const keys = new Map<Purpose, { secret: string; key: Promise<CryptoKey> }>();

function keyFor(secret: string, purpose: Purpose): Promise<CryptoKey> {
  const cached = keys.get(purpose);
  if (cached?.secret === secret) return cached.key;
  const key = crypto.subtle
    .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
    .then((base) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('vitrine-studio-v1'), info: encoder.encode(purpose) },
        base,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign', 'verify'],
      ),
    );
  keys.set(purpose, { secret, key });
  return key;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export async function sign(secret: string, purpose: Purpose, message: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await keyFor(secret, purpose), encoder.encode(message));
  return base64url(new Uint8Array(mac));
}

/** Constant-time (WebCrypto's verify), so a forger learns nothing from how long a refusal took. */
export async function verify(secret: string, purpose: Purpose, message: string, mac: string): Promise<boolean> {
  const bytes = fromBase64url(mac);
  if (!bytes || bytes.length !== 32) return false;
  return crypto.subtle.verify('HMAC', await keyFor(secret, purpose), bytes, encoder.encode(message));
}

/** 128 random bits, URL- and cookie-safe. */
export function randomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}
