// Email and phone hashing, a separate bundle the main script loads only when `identify`
// is given an email or a phone. It leaves one function on `window.vitrineHash`.
import { hashEmail, hashPhone } from '../../../shared/identifiers.js';
import type { Hashes } from '../state.js';

const hash = async (email?: string, phone?: string): Promise<Hashes> => ({
  emailSha256: (email && (await hashEmail(email))) || undefined,
  phoneSha256: (phone && (await hashPhone(phone))) || undefined,
});

(window as { vitrineHash?: typeof hash }).vitrineHash = hash;
