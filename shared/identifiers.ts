/**
 * Email addresses and phone numbers, normalised the way Google Customer Match and Meta
 * Custom Audiences match them and hashed with SHA-256, so only the hash ever leaves the
 * browser (the SDK) or reaches storage (the edge, for raw values uploaded with traits).
 * Pure functions with no dependency: `crypto.subtle` is in browsers (secure contexts),
 * Workers and Node.
 */

const GMAIL = /^(gmail|googlemail)\.com$/;

/**
 * Trimmed and lower-cased (whitespace inside an address is dropped too: no valid address
 * has any); for gmail.com and googlemail.com, dots and a `+suffix` before the `@` go, as
 * Gmail ignores them. Null for what is not an address (no `@`, nothing on one side, no
 * dot in the domain).
 */
export function normalizeEmail(raw: string): string | null {
  const email = String(raw).replace(/\s+/g, '').toLowerCase();
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (GMAIL.test(domain)) local = local.split('+')[0].replace(/\./g, '');
  return at > 0 && local && /^[^@.][^@]*\.[^@.]+$/.test(domain) ? `${local}@${domain}` : null;
}

/**
 * E.164: `+` and 7 to 15 digits, the first not 0. Spaces, dashes, dots, slashes and
 * brackets go, as does a trunk `(0)` after the country code (`+31 (0)20 …`); an
 * international `00` prefix becomes `+`. A number must carry its country code: a
 * national one (leading single 0) cannot be matched and gives null, as does anything
 * with letters (an extension, a note).
 */
export function normalizePhone(raw: string): string | null {
  const phone = String(raw).trim().replace('(0)', '');
  if (/[^\d\s+\-./()]/.test(phone) || phone.lastIndexOf('+') > 0) return null;
  let digits = phone.replace(/\D/g, '');
  if (phone[0] !== '+') digits = digits.replace(/^00/, '');
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

/** Lowercase hex SHA-256 of the text's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash of a normalised email, or null when it is no address. */
export async function hashEmail(raw: string): Promise<string | null> {
  const email = normalizeEmail(raw);
  return email && sha256Hex(email);
}

/** The hash of a normalised phone number, or null when it cannot be put in E.164. */
export async function hashPhone(raw: string): Promise<string | null> {
  const phone = normalizePhone(raw);
  return phone && sha256Hex(phone);
}
