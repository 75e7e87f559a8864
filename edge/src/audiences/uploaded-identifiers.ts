import { IDENTIFIER_KEYS, UploadedIdentifiersSchema } from '../../../shared/schema/audiences.js';
import { hashEmail, hashPhone } from '../../../shared/identifiers.js';
import type { Problem } from '../http/problems.js';
import type { Hashes } from './customer-store.js';
import type { Stated } from './membership.js';

export interface Uploaded {
  hashes: Hashes;
  stated: Stated;
  /** When the offline consent was given (ms). */
  at?: number;
}

/** Offline consent may be dated a little ahead (clock skew), never further. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * A traits line's identifiers and offline consent, taken out of its traits: raw `email` /
 * `phone` are normalised and hashed here, so only the hash is kept and the address is in
 * no store. Problems come with their key's path; `found` is null when the line has none.
 */
export async function takeIdentifiers(line: Record<string, unknown>, now: number): Promise<{ traits: Record<string, unknown>; found: Uploaded | null; issues: Problem[] }> {
  const traits: Record<string, unknown> = Object.create(null);
  const given: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(line)) ((IDENTIFIER_KEYS as string[]).includes(key) ? given : traits)[key] = value;
  if (Object.keys(given).length === 0) return { traits, found: null, issues: [] };

  const parsed = UploadedIdentifiersSchema.safeParse(given);
  if (!parsed.success) return { traits, found: null, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) };
  const ids = parsed.data;
  const issues: Problem[] = [];
  for (const kind of ['email', 'phone'] as const) {
    if (ids[kind] !== undefined && ids[`${kind}_sha256`] !== undefined) issues.push({ path: [kind], message: `give ${kind} or ${kind}_sha256, not both` });
  }
  const emailSha256 = ids.email_sha256 ?? (ids.email === undefined ? undefined : await hashEmail(ids.email));
  const phoneSha256 = ids.phone_sha256 ?? (ids.phone === undefined ? undefined : await hashPhone(ids.phone));
  if (emailSha256 === null) issues.push({ path: ['email'], message: 'not an email address' });
  if (phoneSha256 === null) issues.push({ path: ['phone'], message: 'not a phone number with its country code (E.164, e.g. +31201234567)' });
  const at = ids.consent && (typeof ids.consent.at === 'number' ? ids.consent.at : Date.parse(ids.consent.at));
  if (at !== undefined && at > now + FUTURE_SLACK_MS) issues.push({ path: ['consent', 'at'], message: 'consent cannot be given in the future' });

  const stated: Stated = {};
  if (ids.consent?.email !== undefined) stated.email = ids.consent.email;
  if (ids.consent?.ads !== undefined) stated.ads = ids.consent.ads;
  const hashes: Hashes = { ...(emailSha256 && { emailSha256 }), ...(phoneSha256 && { phoneSha256 }) };
  return { traits, found: issues.length ? null : { hashes, stated, ...(at !== undefined && { at }) }, issues };
}
