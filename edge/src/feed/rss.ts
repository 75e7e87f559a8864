import type { Product } from '../../../shared/schema/catalog.js';
import type { MarginBand, Popularity } from './labels.js';

export interface FeedItemInput {
  product: Product;
  currency: string;
  baseUrl?: string;
  margin?: MarginBand;
  popularity: Popularity;
}

/** XML text and attribute escaping: product data is the shop's, never markup. */
export function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[ch]};`);
}

export function feedHead(title: string, link: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>${xml(title)}</title>\n<link>${xml(link)}</link>\n<description>${xml(`Products of ${title}`)}</description>\n`;
}
export const FEED_TAIL = '</channel>\n</rss>\n';

/** A relative link made absolute with the feed's base URL; null when it cannot be. */
export function absolute(url: string | undefined, baseUrl: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return null;
  }
}

/** Google's price format: "12.50 EUR". */
const price = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/**
 * One `<item>` in Google Merchant Center's RSS 2.0 format (the `g:` namespace). Fields the
 * catalog does not have are left out rather than invented; a product without an absolute
 * link cannot be listed, so it is skipped (null).
 */
export function feedItem({ product, currency, baseUrl, margin, popularity }: FeedItemInput): string | null {
  const link = absolute(product.url, baseUrl);
  if (!link) return null;
  const cur = product.currency ?? currency;
  const fields: [string, string | undefined][] = [
    ['g:id', product.id],
    ['g:title', product.name],
    ['g:description', product.description ?? product.name],
    ['g:link', link],
    ['g:image_link', absolute(product.image, baseUrl) ?? undefined],
    ['g:price', price(product.price, cur)],
    ['g:sale_price', product.salePrice !== undefined && product.salePrice < product.price ? price(product.salePrice, cur) : undefined],
    ['g:availability', product.inStock ? 'in_stock' : 'out_of_stock'],
    ['g:brand', product.brand],
    ['g:product_type', product.category],
    ['g:google_product_category', product.googleProductCategory],
    ['g:custom_label_0', margin],
    ['g:custom_label_1', popularity],
  ];
  const body = fields.filter(([, v]) => v !== undefined).map(([tag, v]) => `<${tag}>${xml(v!)}</${tag}>`).join('');
  return `<item>${body}</item>\n`;
}
