import { z } from 'zod';
import { isSafeUrl } from '../url.js';
import { ID_PATTERN, LIMITS, SITE_ID_PATTERN } from './limits.js';

export const Id = z.string().regex(ID_PATTERN, 'use lowercase letters, digits, "-" or "_" (at most 64)');
export const SITE_ID_RULE = 'a site id is 1–63 lowercase letters, digits or "-", starting with a letter or digit';
export const SiteId = z.string().regex(SITE_ID_PATTERN, SITE_ID_RULE);
export const ShortText = z.string().max(LIMITS.shortText);
export const LongText = z.string().max(LIMITS.longText);
export const SafeUrl = z
  .string()
  .max(2048)
  .refine(isSafeUrl, 'only http(s) and relative URLs are allowed');
/** A finite number: JSON cannot carry NaN/Infinity, but a JS caller of the schema can. */
export const Num = z.number().finite();
export const NonNeg = Num.nonnegative();
/** Milliseconds since the epoch. */
export const Timestamp = z.number().int().nonnegative().max(8.64e15);

/**
 * Consent per purpose. `ads` is Google Consent Mode v2's ad_user_data + ad_personalization,
 * `email` that the shop confirmed a marketing-mail opt-in. Missing purposes are false, so
 * an older SDK that sends only the first two never grants the new ones.
 */
export const ConsentSchema = z.object({
  analytics: z.boolean(),
  personalization: z.boolean(),
  ads: z.boolean().optional(),
  email: z.boolean().optional(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/**
 * Traits are free JSON the site sets with `set`, bounded so a visitor cannot make the edge
 * walk a huge tree: at most 8 KB serialised and 6 levels deep. Keys that could reach an
 * object's prototype are refused outright.
 */
export const TraitsSchema = z
  .unknown()
  // Checked on the raw JSON, before any copy: a copy would already have followed `__proto__`.
  .superRefine((value, ctx) => {
    const problem = traitsProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .pipe(z.record(z.string().max(64), z.unknown()));

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function traitsProblem(value: unknown): string | null {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    return 'traits must be plain JSON';
  }
  if (json.length > LIMITS.traitsBytes) return `traits are larger than ${LIMITS.traitsBytes} bytes`;
  const walk = (v: unknown, depth: number): string | null => {
    if (depth > LIMITS.traitsDepth) return `traits are nested deeper than ${LIMITS.traitsDepth} levels`;
    if (Array.isArray(v)) {
      for (const x of v) {
        const p = walk(x, depth + 1);
        if (p) return p;
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.has(k)) return `trait key "${k}" is not allowed`;
        const p = walk(x, depth + 1);
        if (p) return p;
      }
    }
    return null;
  };
  return walk(value, 1);
}
