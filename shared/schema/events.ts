import { z } from 'zod';
import { ConsentSchema, NonNeg, ShortText, SiteId, Timestamp } from './common.js';
import { LIMITS } from './limits.js';

export const ItemSchema = z.object({
  item_id: z.string().min(1).max(LIMITS.idLength),
  item_name: ShortText.optional(),
  item_category: z.string().max(LIMITS.idLength).optional(),
  price: NonNeg.optional(),
  quantity: z.number().int().positive().max(10_000).optional(),
});
export type Item = z.infer<typeof ItemSchema>;

/** GA4 names and custom ones alike: snake_case, so a journey's trigger can name either. */
export const EventNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'event names are snake_case, at most 40 characters');

export const STANDARD_EVENTS = [
  'page_view',
  'view_item_list',
  'view_item',
  'add_to_cart',
  'remove_from_cart',
  'begin_checkout',
  'purchase',
  'search',
  'exposure',
] as const;

/**
 * One event on the wire: a client-made id (the edge dedupes on it), the GA4 name, a
 * timestamp in ms, and the GA4 parameters beside them. Unknown parameters pass through
 * for custom events but are bounded in size by the collect route.
 */
export const EventSchema = z
  .object({
    id: z.string().min(8).max(LIMITS.idLength),
    name: EventNameSchema,
    ts: Timestamp,
    items: z.array(ItemSchema).max(LIMITS.listItems).optional(),
    value: NonNeg.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    transaction_id: z.string().max(LIMITS.idLength).optional(),
    search_term: ShortText.optional(),
    page_location: z.string().max(2048).optional(),
    page_referrer: z.string().max(2048).optional(),
    experiment: z.string().max(LIMITS.idLength).optional(),
    variant: z.string().max(LIMITS.idLength).optional(),
    /** On an exposure: the signed assignment decide returned with the arm (`experiments[].token`). */
    token: z.string().max(128).optional(),
    /** Set by the SDK on views rendered under a debug force: they are never counted. */
    forced: z.boolean().optional(),
  })
  .catchall(z.union([z.string().max(LIMITS.shortText), z.number(), z.boolean(), z.null()]))
  .superRefine((e, ctx) => {
    if (e.name === 'purchase' && !e.transaction_id)
      ctx.addIssue({ code: 'custom', path: ['transaction_id'], message: 'purchase needs a transaction_id' });
    if (e.name === 'exposure' && (!e.experiment || !e.variant))
      ctx.addIssue({ code: 'custom', path: ['experiment'], message: 'exposure needs experiment and variant' });
  });
export type VitrineEvent = z.infer<typeof EventSchema>;

/**
 * Why an event's time is refused, or null: the edge and the SDK both keep only events of
 * the last 30 days and not more than 5 minutes ahead, so one event dated 2100 can never
 * top a trending list or add a report day "+275760-09".
 */
export function eventTimeProblem(ts: number, now: number, pastMs: number = LIMITS.eventPastMs): string | null {
  if (ts < now - pastMs) return `event is older than ${pastMs / 86_400_000} days`;
  if (ts > now + LIMITS.eventFutureMs) return `event is dated more than ${LIMITS.eventFutureMs / 60_000} minutes ahead`;
  return null;
}

/** The envelope is checked whole; events are checked one by one so good ones are kept. */
export const CollectRequestSchema = z.object({
  site: SiteId,
  visitor: z.string().min(8).max(LIMITS.idLength),
  consent: ConsentSchema,
  /** Segments the visitor was in at the last decide, for per-segment conversion reports. */
  segments: z.array(z.string().max(LIMITS.idLength)).max(LIMITS.listItems).optional(),
  events: z.array(z.unknown()).min(1).max(LIMITS.eventsPerBatch),
});
export type CollectRequest = z.infer<typeof CollectRequestSchema>;

export const ForgetRequestSchema = z.object({
  site: SiteId,
  visitor: z.string().min(8).max(LIMITS.idLength),
});
