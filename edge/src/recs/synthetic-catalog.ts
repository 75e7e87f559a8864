import type { Product } from '../../../shared/schema/catalog.js';

/**
 * A believable feed for tests and benchmarks: ids, names, image and product URLs of
 * realistic length, `categories` categories, prices 5–200, every 10th product out of stock.
 */
export function syntheticCatalog(count: number, categories = 50): Product[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `sku-${i}`,
    name: `Product number ${i} in a very nice edition`,
    category: `category-${i % categories}`,
    price: 5 + ((i * 37) % 1950) / 10,
    image: `https://cdn.example-shop.com/images/products/sku-${i}-640x640.webp`,
    url: `/products/sku-${i}/product-number-${i}`,
    inStock: i % 10 !== 9,
  }));
}
