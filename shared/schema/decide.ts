import { z } from 'zod';
import { RFM_SEGMENTS } from '../rfm.js';
import { ConsentSchema, SiteId, TraitsSchema } from './common.js';
import { ContentSchema } from './content.js';
import { LIMITS } from './limits.js';
import { ProfileSchema, SourceSchema } from './profile.js';

const Key = z.string().max(LIMITS.idLength);

export const DecideRequestSchema = z.object({
  // A site id has the config's id shape, so a malformed one (a lone surrogate, say) is bad
  // input here and never reaches a KV key, where it would fail as a store error (503).
  site: SiteId,
  visitor: z.string().min(8).max(LIMITS.idLength).nullable(),
  consent: ConsentSchema,
  context: z.object({
    url: z.string().max(2048),
    referrer: z.string().max(2048).optional(),
    language: z.string().max(35).optional(),
    timezone: z.string().max(64).optional(),
    /** The product this page shows: it seeds "also bought" and is never recommended to itself. */
    productId: z.string().max(LIMITS.idLength).optional(),
  }),
  profile: ProfileSchema.optional(),
  traits: TraitsSchema.optional(),
  /** Slots on this page; all configured slots when absent. */
  slots: z.array(Key).max(LIMITS.listItems).optional(),
  /** Arms the SDK already holds, kept so changed weights never move a visitor. */
  assignments: z.record(Key, Key).optional(),
  /** Debug: slot → variant. Forced views are flagged and never counted. */
  force: z.record(Key, Key).optional(),
  /** Debug panel: also list every variant id each slot can show, to offer them for forcing. */
  debug: z.boolean().optional(),
  /** A signed identify: traits uploaded for this customer apply only when it checks. */
  /**
   * A signed identify (v2): hex HMAC-SHA256 of `${site}:${customerId}:${expires}` under the
   * site's identity secret, `expires` in seconds since the epoch (at most 30 days ahead).
   * The hashes are not signed: they only say which hashed addresses belong to the customer.
   */
  identity: z
    .object({
      customerId: z.string().min(1).max(128),
      expires: z.number().int().positive().optional(),
      signature: z.string().max(128),
      emailSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      phoneSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    })
    .optional(),
});
export type DecideRequest = z.infer<typeof DecideRequestSchema>;

export const RecommendedItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  price: z.number(),
  image: z.string().optional(),
  url: z.string().optional(),
  reason: z.string(),
});

export const SlotDecisionSchema = z.object({
  variant: z.string(),
  content: ContentSchema.optional(),
  items: z.array(RecommendedItemSchema).optional(),
  experiment: z.string().optional(),
  forced: z.boolean().optional(),
});

/** Why a condition does not hold: its first failing test, with the visitor's value. */
const ReasonSchema = z.object({ path: z.string(), operator: z.string(), expected: z.unknown(), actual: z.unknown(), message: z.string() });

/** With `debug: true`: what can be forced, and why this visitor sees what they see. */
export const DecideDebugSchema = z.object({
  variants: z.record(z.string(), z.array(z.string())),
  context: z.record(z.string(), z.unknown()).optional(),
  segments: z.array(z.object({ id: z.string(), name: z.string().optional(), matched: z.boolean(), why: ReasonSchema.optional() })).optional(),
  personas: z.array(z.object({ id: z.string(), name: z.string(), matched: z.boolean(), why: ReasonSchema.optional() })).optional(),
  slots: z
    .record(
      z.string(),
      z.object({
        reason: z.enum(['forced', 'experiment', 'variant', 'default']),
        variant: z.string(),
        experiment: z.object({ id: z.string(), inAudience: z.boolean(), inTraffic: z.boolean(), arm: z.string().optional() }).optional(),
        tried: z.array(z.object({ variant: z.string(), why: ReasonSchema })).optional(),
      }),
    )
    .optional(),
});
export type DecideDebug = z.infer<typeof DecideDebugSchema>;

export const DecideResponseSchema = z.object({
  configVersion: z.string(),
  segments: z.array(z.string()),
  persona: z.object({ id: z.string(), name: z.string() }).nullable(),
  rfm: z
    .object({
      recencyDays: z.number(),
      frequency: z.number(),
      monetary: z.number(),
      r: z.number(),
      f: z.number(),
      m: z.number(),
      segment: z.enum(RFM_SEGMENTS),
      clv: z.number(),
    })
    .nullable(),
  context: z.object({
    country: z.string().nullable(),
    region: z.string().nullable(),
    city: z.string().nullable(),
    device: z.enum(['mobile', 'tablet', 'desktop', 'bot']),
    source: SourceSchema,
  }),
  slots: z.record(z.string(), SlotDecisionSchema),
  /** `token`: the signed assignment the SDK sends back on the exposure event, so only real arms count. */
  experiments: z.array(z.object({ id: z.string(), variant: z.string(), slot: z.string(), token: z.string().optional() })),
  identity: z.object({ status: z.enum(['verified', 'unsigned', 'invalid', 'unknown']), reason: z.string().optional() }).optional(),
  debug: DecideDebugSchema.optional(),
});
export type DecideResponse = z.infer<typeof DecideResponseSchema>;
export type SlotDecision = z.infer<typeof SlotDecisionSchema>;
export type RecommendedItem = z.infer<typeof RecommendedItemSchema>;
