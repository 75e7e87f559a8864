import type { AudienceMember } from '../../../shared/schema/audiences.js';
import type { MemberRow } from './customer-store.js';

/** One NDJSON line of a members listing: id, hashes, and when they entered. */
export function memberLine(row: MemberRow): string {
  const member: AudienceMember = {
    customer_id: row.customer,
    ...(row.emailSha256 && { email_sha256: row.emailSha256 }),
    ...(row.phoneSha256 && { phone_sha256: row.phoneSha256 }),
    enteredAt: new Date(row.enteredAt).toISOString(),
  };
  return `${JSON.stringify(member)}\n`;
}

/**
 * Google Ads Customer Match, hashed data: a CSV whose English headers name the column
 * ("Email", "Phone"), values SHA-256 of the normalised address / E.164 number in hex.
 * https://support.google.com/google-ads/answer/7476159
 */
export const CUSTOMER_MATCH_HEADER = 'Email,Phone\n';

/** A member's Customer Match row; null for one with neither hash (nothing to match on). */
export function customerMatchRow(row: MemberRow): string | null {
  if (!row.emailSha256 && !row.phoneSha256) return null;
  return `${row.emailSha256 ?? ''},${row.phoneSha256 ?? ''}\n`;
}
