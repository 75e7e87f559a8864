import { z } from 'zod';
import { NonNeg, SafeUrl, ShortText } from './common.js';
import { LIMITS } from './limits.js';

export const ProductSchema = z.object({
  id: z.string().min(1).max(LIMITS.idLength),
  name: ShortText,
  category: z.string().min(1).max(LIMITS.idLength),
  price: NonNeg,
  image: SafeUrl.optional(),
  url: SafeUrl.optional(),
  inStock: z.boolean().default(true),
  attributes: z.record(z.string().max(64), z.union([z.string().max(LIMITS.shortText), z.number(), z.boolean()])).optional(),
});
export type Product = z.infer<typeof ProductSchema>;

/** A partial update names the product and only what changed (a stock change, a new price). */
export const ProductPatchSchema = ProductSchema.partial().required({ id: true });
export type ProductPatch = z.infer<typeof ProductPatchSchema>;
