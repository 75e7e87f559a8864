import { z } from 'zod';
import { parseDuration } from '../journeys/duration.js';
import { isPlainObject } from '../rules/values.js';
import { Id, LongText, ShortText } from './common.js';
import { EventNameSchema } from './events.js';

// config.ts imports this file for `journeys`, so this one cannot import config.ts back:
// conditions are checked by the rule compiler, recommendation blocks by compileJourneys.
const Condition = z.record(z.string(), z.unknown());

/**
 * Journeys: timed messages the edge fires for a visitor ("a reminder 30 minutes after a
 * full cart was left"), each handed to a webhook registered apart from the config (its
 * secret never belongs in a file marketers edit and version).
 */

export const DurationSchema = z
  .string()
  // The pattern reaches the JSON Schema, so editors flag "2 weeks" as it is typed.
  .regex(/^[1-9][0-9]{0,5}[mhd]$/, 'a wait is a whole number and m, h or d (e.g. "30m", "6h", "45d")')
  .refine((text) => parseDuration(text) !== null, 'a wait is a whole number and m, h or d, from "1m" to "400d" (e.g. "30m", "6h", "45d")');

/**
 * A fixed wait, or the visitor's own rhythm: the median days between orders of the
 * persona the persona builder put the customer in (`customer.personaMedianGapDays`,
 * uploaded with the traits), for identified customers; `fallback` for everyone else.
 */
export const WaitSchema = z.union([
  DurationSchema,
  z.object({ personaMedianGap: z.literal(true), fallback: DurationSchema }).strict(),
]);

/** An event (custom names too, as in collect), optionally filtered on its params; or entering a segment. */
export const TriggerSchema = z
  .object({
    event: EventNameSchema.optional(),
    /** A condition on the event's parameters (`{"value": {"$gte": 40}}`), not on the attribute tree. */
    where: Condition.optional(),
    segmentEntered: Id.optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.event === undefined) === (t.segmentEntered === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'a trigger has either "event" or "segmentEntered"' });
    if (t.where && t.event === undefined)
      ctx.addIssue({ code: 'custom', path: ['where'], message: '"where" filters an event trigger\'s params; a segment trigger has none' });
  });

/** `{"recommendations": {strategies, count}}` inside `send.data`: products picked when the run fires. */
export function isRecommendationBlock(value: unknown): value is { recommendations: unknown } {
  return isPlainObject(value) && Object.hasOwn(value, 'recommendations') && Object.keys(value).length === 1;
}

const DATA_BYTES = 8 * 1024;
const DATA_DEPTH = 6;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What the message carries besides the facts: JSON whose strings may hold `{{placeholders}}`
 * and whose `{"recommendations": …}` objects become product lists (their shape is checked
 * by compileJourneys). Bounded like traits.
 */
export const SendDataSchema = z.record(z.string().max(64), z.unknown()).superRefine((data, ctx) => {
  if (JSON.stringify(data).length > DATA_BYTES) ctx.addIssue({ code: 'custom', path: [], message: `data is larger than ${DATA_BYTES} bytes` });
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (path.length > DATA_DEPTH) return ctx.addIssue({ code: 'custom', path, message: `data nests deeper than ${DATA_DEPTH} levels` });
    if (typeof value === 'string') {
      if (value.length > 2000) ctx.addIssue({ code: 'custom', path, message: 'a text is longer than 2000 characters' });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (FORBIDDEN_KEYS.has(key)) ctx.addIssue({ code: 'custom', path: [...path, key], message: `key "${key}" is not allowed` });
        else walk(child, [...path, key]);
      }
    }
  };
  for (const [key, value] of Object.entries(data)) {
    if (FORBIDDEN_KEYS.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `key "${key}" is not allowed` });
    else walk(value, [key]);
  }
});

/** Webhook names are ids: they travel in admin URLs and KV keys. */
export const WebhookNameSchema = Id;

export const JourneySchema = z.object({
  id: Id,
  name: ShortText,
  description: LongText.optional(),
  trigger: TriggerSchema,
  wait: WaitSchema,
  /** That event from the same visitor during the wait cancels the run (a purchase cancels the cart reminder). */
  cancelIf: z.object({ event: EventNameSchema }).optional(),
  /** Checked when the wait ends, against the visitor's latest known state. */
  only: Condition.optional(),
  send: z.object({ webhook: WebhookNameSchema, data: SendDataSchema.optional() }),
});
export type Journey = z.infer<typeof JourneySchema>;
export type Wait = z.infer<typeof WaitSchema>;

/** `PUT /admin/sites/:site/webhooks/:name`. */
export const WebhookRegistrationSchema = z.object({ url: z.string().min(1).max(2048) });

/** The message a receiver gets when a run fires (type `journey.fired`). */
export const JourneyFiredSchema = z.object({
  type: z.literal('journey.fired'),
  journey: z.string(),
  site: z.string(),
  visitor: z.string(),
  customer: z.string().optional(),
  firedAt: z.string(),
  trigger: z.object({ event: z.string(), segment: z.string().optional(), at: z.string() }),
  /** The attribute values the journey's `only` and placeholders read, by path. */
  profile: z.record(z.string(), z.unknown()),
  /** The visitor's latest consent: a mailer sends marketing mail only with `email`. */
  consent: z.object({ email: z.boolean(), ads: z.boolean() }),
  data: z.record(z.string(), z.unknown()),
});
export type JourneyFired = z.infer<typeof JourneyFiredSchema>;
