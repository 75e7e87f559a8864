// Identify's work, a separate bundle the main script loads only when a page calls
// `identify` with a customer (sign-in and account pages): the expiry check, and the email
// and phone hashed in the browser. It leaves one function on `window.vitrineIdentity`.
import { hashEmail, hashPhone } from '../../../shared/identifiers.js';
import type { IdentifyOptions } from '../client.js';
import type { Identity } from '../state.js';

/**
 * The identity to keep and send: only hashes, never the raw email or phone. Hashing can
 * fail (no `crypto.subtle` on a plain-http page): then the identity goes without hashes
 * and `warn` hears why.
 */
async function identity(customerId: string, o: IdentifyOptions, warn: (e: unknown) => void): Promise<Identity> {
  const now = Date.now() / 1000;
  const { signature = '', expires = 0, email, phone } = o;
  // A time in ms, or none, would never verify at the edge: say so here.
  if (!(expires > now && expires <= now + 31 * 86_400)) throw new Error('identify: expires must be seconds since the epoch, within the next 30 days');
  const me: Identity = { customerId: String(customerId), signature, expires };
  try {
    // One that cannot be normalised (no @, no country code) is left out.
    me.emailSha256 = (email && (await hashEmail(email))) || undefined;
    me.phoneSha256 = (phone && (await hashPhone(phone))) || undefined;
  } catch (error) {
    warn(error);
  }
  return me;
}

(window as { vitrineIdentity?: typeof identity }).vitrineIdentity = identity;
