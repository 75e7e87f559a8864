// Writes every picture the shop shows: product images from the catalog and the hero scenes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bookCover } from './covers.mjs';
import { garment } from './garments.mjs';
import { HERO_NAMES, hero } from './heroes.mjs';

const BOOK_CATEGORIES = new Set(['thrillers', 'literature', 'cookbooks', 'children']);

export function productImage(product) {
  return BOOK_CATEGORIES.has(product.category) ? bookCover(product) : garment(product);
}

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f2f4f"/>' +
  '<text x="16" y="22" font-size="16" text-anchor="middle" font-family="Georgia, serif" fill="#f3ebe0">K&amp;K</text></svg>\n';

export async function writeImages(catalog, outDir) {
  const img = join(outDir, 'img');
  await mkdir(join(img, 'p'), { recursive: true });
  await mkdir(join(img, 'hero'), { recursive: true });
  await Promise.all([
    ...catalog.map((p) => writeFile(join(img, 'p', `${p.id}.svg`), productImage(p))),
    ...HERO_NAMES.map((name) => writeFile(join(img, 'hero', `${name}.svg`), hero(name))),
    writeFile(join(img, 'favicon.svg'), FAVICON),
  ]);
}
