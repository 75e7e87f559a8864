import type { Product } from '../../shared/schema/catalog.js';
import products from '../catalog.json';

export type { Product };

/** Checked against ProductSchema by demo-shop/config.test.ts; JSON imports are typed loosely. */
export const CATALOG = products as unknown as readonly Product[];

export interface CategoryInfo {
  id: string;
  label: string;
  department: 'Books' | 'Fashion';
  intro: string;
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { id: 'thrillers', label: 'Thrillers', department: 'Books', intro: 'Page-turners our booksellers could not put down — most of them with a reviewer who agrees.' },
  { id: 'literature', label: 'Literature', department: 'Books', intro: 'Novels and stories that stay with you, from quiet to quietly devastating.' },
  { id: 'cookbooks', label: 'Cookbooks', department: 'Books', intro: 'Books with stains on them in our own kitchen: soups, bread, small plates and big evenings.' },
  { id: 'children', label: 'Children’s books', department: 'Books', intro: 'Picture books and first chapter books, tested at bedtime.' },
  { id: 'dresses', label: 'Dresses', department: 'Fashion', intro: 'Dresses in linen, silk, knit and cotton, sizes XS–XL.' },
  { id: 'jackets', label: 'Jackets', department: 'Fashion', intro: 'Coats and jackets for rain, wind, and the first cold mornings.' },
  { id: 'accessories', label: 'Accessories', department: 'Fashion', intro: 'Bags, scarves, hats and the small things a reader needs.' },
];

const byId = new Map(CATALOG.map((p) => [p.id, p]));

export function findProduct(id: string | null): Product | undefined {
  return id ? byId.get(id) : undefined;
}

export function categoryInfo(id: string | null): CategoryInfo | undefined {
  return CATEGORIES.find((c) => c.id === id);
}

export function inCategory(category: string): Product[] {
  return CATALOG.filter((p) => p.category === category);
}

export function attr(product: Product, name: string): string | number | boolean | undefined {
  return product.attributes?.[name];
}

/** Sizes a garment comes in and those sold out (stock 0), from the catalog's `variants`. */
export function sizesOf(product: Product): { all: string[]; soldOut: string[] } {
  const variants = product.variants ?? [];
  return { all: variants.map((v) => v.size), soldOut: variants.filter((v) => v.stock === 0).map((v) => v.size) };
}

/** Case-insensitive match on every word of the query against name, category and attributes. */
export function search(query: string): Product[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return CATALOG.filter((p) => {
    const label = categoryInfo(p.category)?.label ?? '';
    const haystack = [p.name, p.category, label, ...Object.values(p.attributes ?? {})].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w) || haystack.includes(w.replace(/s$/, '')));
  });
}

export type SortOrder = 'featured' | 'price-asc' | 'price-desc' | 'rating';

export function sortProducts(list: readonly Product[], order: SortOrder): Product[] {
  const rating = (p: Product) => Number(attr(p, 'rating') ?? 0);
  const sorted = [...list];
  if (order === 'price-asc') sorted.sort((a, b) => a.price - b.price);
  if (order === 'price-desc') sorted.sort((a, b) => b.price - a.price);
  if (order === 'rating') sorted.sort((a, b) => rating(b) - rating(a));
  // "featured": in stock first, catalog order otherwise (the catalog is curated).
  if (order === 'featured') sorted.sort((a, b) => Number(b.inStock) - Number(a.inStock));
  return sorted;
}

/** Bestsellers shown before Vitrine has learnt anything: the curated top of each department. */
export const BESTSELLER_IDS = ['the-quiet-witness', 'marloes-linen-wrap-dress', 'small-plates-big-evenings', 'harbour-waxed-jacket'];
