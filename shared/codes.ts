/**
 * Personal discount codes without a list: a code is derived from a per-site secret, so the
 * edge can make one for any identified customer and check any code it is shown, storing
 * only the ones redeemed. A code is PREFIX-XXXX-XXXX-XXXX-XXXX, 80 bits in Crockford
 * base32 (no I, L, O, U: nothing to misread on a receipt):
 *
 *   16 bits  the day it was issued (days since 1970-01-01), for `validDays`
 *   40 bits  the customer's tag (an HMAC of the customer id), so redeeming marks that customer
 *   24 bits  an HMAC over code id, day and tag: a guessed code passes one time in 16.7 million
 *
 * The customer id itself is not in the code. The same customer gets the same code all day.
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DAY_MS = 86_400_000;

export interface CodeParts {
  prefix: string;
  day: number;
  /** 10 hex digits. */
  tag: string;
  /** 6 hex digits. */
  mac: string;
}

export type HmacHex = (message: string) => Promise<string>;

export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

export async function customerTag(hmac: HmacHex, customerId: string): Promise<string> {
  return (await hmac(`customer:${customerId}`)).slice(0, 10);
}

async function macOf(hmac: HmacHex, codeId: string, day: number, tag: string): Promise<string> {
  return (await hmac(`code:${codeId}:${day}:${tag}`)).slice(0, 6);
}

/** The code a customer is shown today for the code definition `codeId`. */
export async function makeCode(hmac: HmacHex, codeId: string, prefix: string, customerId: string, now: number): Promise<string> {
  const day = dayOf(now);
  const tag = await customerTag(hmac, customerId);
  const hex = day.toString(16).padStart(4, '0') + tag + (await macOf(hmac, codeId, day, tag));
  const chars = toBase32(hex);
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

/** Reads a code as a person may type it (any case, spaces or dashes anywhere, O for 0, I/L for 1). */
export function parseCode(code: string): CodeParts | null {
  const m = /^\s*([A-Za-z0-9]{1,12})-(.+)$/.exec(code);
  if (!m) return null;
  const chars = m[2].toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== 16 || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  const hex = fromBase32(chars);
  return { prefix: m[1].toUpperCase(), day: parseInt(hex.slice(0, 4), 16), tag: hex.slice(4, 14), mac: hex.slice(14, 20) };
}

/** Whether the code was made by this site's secret for code definition `codeId`. */
export async function authentic(hmac: HmacHex, codeId: string, parts: CodeParts): Promise<boolean> {
  return (await macOf(hmac, codeId, parts.day, parts.tag)) === parts.mac;
}

export function expired(parts: CodeParts, validDays: number, now: number): boolean {
  return dayOf(now) >= parts.day + validDays;
}

/** 80 bits as 20 hex digits ↔ 16 base32 characters, 5 bits each. */
function toBase32(hex: string): string {
  let bits = '';
  for (const h of hex) bits += parseInt(h, 16).toString(2).padStart(4, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

function fromBase32(chars: string): string {
  let bits = '';
  for (const c of chars) bits += ALPHABET.indexOf(c).toString(2).padStart(5, '0');
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}
