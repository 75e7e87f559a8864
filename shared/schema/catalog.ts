import { z } from 'zod';
import { NonNeg, SafeUrl, ShortText } from './common.js';
import { LIMITS } from './limits.js';

export const SizeStockSchema = z.object({
  size: z.string().min(1).max(LIMITS.sizeLength),
  stock: z.number().int().nonnegative(),
});

export const ProductSchema = z.object({
  id: z.string().min(1).max(LIMITS.idLength),
  name: ShortText,
  category: z.string().min(1).max(LIMITS.idLength),
  price: NonNeg,
  image: SafeUrl.optional(),
  url: SafeUrl.optional(),
  inStock: z.boolean().default(true),
  /** Shown in the product feed; the rest of Vitrine does not need it. */
  description: z.string().max(5000).optional(),
  brand: ShortText.optional(),
  /** A reduced price; the feed sends it as `sale_price` next to `price`. */
  salePrice: NonNeg.optional(),
  /** What the product costs the shop: the feed's margin band (`custom_label_0`) comes from it. */
  cost: NonNeg.optional(),
  /** ISO 4217; the site config's `currency` when absent. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  /** Google's product taxonomy id or path, passed to the feed as is. */
  googleProductCategory: ShortText.optional(),
  /**
   * Stock per size, for products sold in sizes. A size with stock 0 is sold out: the
   * recommendations never offer a product sold out in the size the visitor wanted.
   */
  variants: z.array(SizeStockSchema).max(LIMITS.sizesPerProduct).optional(),
  attributes: z.record(z.string().max(64), z.union([z.string().max(LIMITS.shortText), z.number(), z.boolean()])).optional(),
});
export type Product = z.infer<typeof ProductSchema>;

/** A partial update names the product and only what changed (a stock change, a new price). */
export const ProductPatchSchema = ProductSchema.partial().required({ id: true });
export type ProductPatch = z.infer<typeof ProductPatchSchema>;
