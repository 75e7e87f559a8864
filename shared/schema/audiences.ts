import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256 (64 characters)');

/**
 * What a traits upload line may carry besides traits: a customer's email and phone, raw
 * (normalised and hashed on arrival, never stored) or already hashed, and consent the
 * customer gave the shop offline, with when (ISO 8601 or ms since the epoch).
 */
export const UploadedIdentifiersSchema = z.object({
  email: z.string().max(320).optional(),
  phone: z.string().max(64).optional(),
  email_sha256: Sha256.optional(),
  phone_sha256: Sha256.optional(),
  consent: z
    .object({
      email: z.boolean().optional(),
      ads: z.boolean().optional(),
      at: z.union([z.string().datetime({ offset: true }), z.number().int().nonnegative()]),
    })
    .strict()
    .optional(),
});
export type UploadedIdentifiers = z.infer<typeof UploadedIdentifiersSchema>;
/** The keys of a traits line that are identifiers or consent, never traits. */
export const IDENTIFIER_KEYS = Object.keys(UploadedIdentifiersSchema.shape) as (keyof UploadedIdentifiers)[];

/** One member in `GET …/audiences/:id/members` (NDJSON): hashes only, never an address. */
export const AudienceMemberSchema = z.object({
  customer_id: z.string(),
  email_sha256: Sha256.optional(),
  phone_sha256: Sha256.optional(),
  enteredAt: z.string(),
});
export type AudienceMember = z.infer<typeof AudienceMemberSchema>;

/**
 * The message a destination gets when a customer enters or leaves an audience (types
 * `audience.entered` / `audience.exited`): the customer id and hashes, nothing else.
 * `reason` says why someone left: out of the segment, the purpose's consent withdrawn
 * (Global Privacy Control included), or forgotten (their data is gone after this message).
 */
export const AudienceMessageSchema = z.object({
  type: z.enum(['audience.entered', 'audience.exited']),
  site: z.string(),
  audience: z.string(),
  purpose: z.enum(['email', 'ads']),
  customer_id: z.string(),
  email_sha256: Sha256.optional(),
  phone_sha256: Sha256.optional(),
  at: z.string(),
  reason: z.enum(['segment', 'consent', 'forgotten']).optional(),
});
export type AudienceMessage = z.infer<typeof AudienceMessageSchema>;
