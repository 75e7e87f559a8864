import { z } from 'zod';
import { NonNeg, Timestamp } from './common.js';
import { LIMITS } from './limits.js';
import { SOURCES } from '../source.js';

/** Product ids, most recent first. */
const ProductIds = z.array(z.string().max(LIMITS.idLength)).max(LIMITS.listItems);

export const CategoryStatsSchema = z.object({
  views: NonNeg.optional(),
  carts: NonNeg.optional(),
  purchases: NonNeg.optional(),
  maxViewedPrice: NonNeg.optional(),
  lastPurchasePrice: NonNeg.optional(),
  /** Sizes the visitor chose while they were sold out (`size_sold_out` events), most recent first. */
  soldOutSizeViews: z.array(z.string().max(LIMITS.sizeLength)).max(LIMITS.soldOutSizes).optional(),
});

export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

/**
 * What the SDK computes in the browser from the visitor's own event log. Raw events never
 * leave the browser in a decide call; this summary carries the facts rules need. Every
 * field is optional so an older SDK that sends less still gets an answer.
 */
export const ProfileSchema = z.object({
  firstSeen: Timestamp.optional(),
  sessions: NonNeg.optional(),
  pageviews: NonNeg.optional(),
  purchases: z
    .object({
      count: NonNeg,
      revenue: NonNeg,
      first: Timestamp.optional(),
      last: Timestamp.optional(),
    })
    .optional(),
  categories: z
    .record(z.string().max(LIMITS.idLength), CategoryStatsSchema)
    .refine((c) => Object.keys(c).length <= LIMITS.categories, `at most ${LIMITS.categories} categories`)
    .optional(),
  viewed: ProductIds.optional(),
  carted: ProductIds.optional(),
  purchased: ProductIds.optional(),
  cart: z
    .object({ items: NonNeg, value: NonNeg, updated: Timestamp.optional() })
    .optional(),
  source: z
    .object({ first: SourceSchema.optional(), last: SourceSchema.optional() })
    .optional(),
  prices: z.object({ avgViewed: NonNeg.optional(), maxViewed: NonNeg.optional() }).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type CategoryStats = z.infer<typeof CategoryStatsSchema>;
