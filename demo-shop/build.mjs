// Builds the demo shop into dist/public/, next to the SDK the Worker serves:
// pages (one layout around each page's HTML), the stylesheet, one script bundle, and
// every image, drawn from the catalog. `node demo-shop/build.mjs` or `buildShop()`.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeImages } from './build/images.mjs';

const shopDir = dirname(fileURLToPath(import.meta.url));
const srcDir = join(shopDir, 'src');
const defaultOut = join(shopDir, '..', 'dist', 'public');

/** Page file → [data-page name, title]. */
const PAGES = {
  'index.html': ['home', 'Books & clothes'],
  'category.html': ['category', 'Shop'],
  'product.html': ['product', 'Product'],
  'search.html': ['search', 'Search'],
  'cart.html': ['cart', 'Your cart'],
  'checkout.html': ['checkout', 'Checkout'],
  'tester.html': ['tester', 'Vitrine tester'],
};

const html = (name) => readFile(join(srcDir, 'html', name), 'utf8');

/** Replaces each `%KEY%` marker; a marker left over means a template and this file disagree. */
function fill(template, values) {
  const out = template.replace(/%([A-Z]+)%/g, (m, key) => values[key] ?? m);
  const left = /%[A-Z]+%/.exec(out);
  if (left) throw new Error(`unfilled marker ${left[0]}`);
  return out;
}

async function writePages(outDir, endpoint, shopServer) {
  const [layout, card] = await Promise.all([html('layout.html'), html('card.html')]);
  // Served by the Worker, the shop and the edge share an origin; elsewhere, name the edge.
  const ENDPOINT = endpoint ? JSON.stringify(endpoint).replace(/</g, '\\u003c') : 'location.origin';
  // The shop's own server (sign-in, codes at checkout), when one runs: an origin only.
  const SHOPSERVER = shopServer ? new URL(shopServer).origin : '';
  const pages = await Promise.all(
    Object.entries(PAGES).map(async ([file, [page, title]]) => {
      const main = fill(await html(file), { CARD: card });
      const text = fill(layout, { TITLE: title, PAGE: page, MAIN: main, CARD: card, ENDPOINT, SHOPSERVER });
      await writeFile(join(outDir, file), text);
      return text;
    }),
  );
  await writeFile(join(outDir, '_headers'), securityHeaders(pages, [endpoint, shopServer]));
}

/**
 * Headers for the static pages (Workers static assets read `_headers`): a CSP that allows
 * our own scripts plus the one inline snippet, by hash, so injected markup cannot run.
 * Inline styles stay allowed for the debug panel's shadow-DOM style element.
 */
function securityHeaders(pages, elsewhere) {
  const inline = new Set(pages.flatMap((page) => [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])));
  const hashes = [...inline].map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
  const connect = ["'self'", ...elsewhere.filter(Boolean).map((url) => new URL(url).origin)].join(' ');
  return `/*
  Content-Security-Policy: default-src 'self'; script-src 'self' ${hashes.join(' ')}; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; connect-src ${connect}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  X-Frame-Options: DENY
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=()
`;
}

async function writeAssets(outDir) {
  const css = await transform(await readFile(join(srcDir, 'shop.css'), 'utf8'), { loader: 'css', minify: true });
  await Promise.all([
    writeFile(join(outDir, 'shop.css'), css.code),
    build({
      entryPoints: [join(srcDir, 'main.ts')],
      outfile: join(outDir, 'shop.js'),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ]);
}

/**
 * Builds everything into `outDir` (default dist/public) and returns what it wrote.
 * `endpoint`: the edge's origin, for a shop served from elsewhere (default: the page's own).
 * `shopServer`: the shop's own server (shop-server.mjs), for sign-in and codes; without
 * it the pages say that sign-in needs `npm start`.
 */
export async function buildShop({ outDir = defaultOut, endpoint, shopServer } = {}) {
  const catalog = JSON.parse(await readFile(join(shopDir, 'catalog.json'), 'utf8'));
  await mkdir(outDir, { recursive: true });
  await Promise.all([writePages(outDir, endpoint, shopServer), writeAssets(outDir), writeImages(catalog, outDir)]);
  return { outDir, pages: Object.keys(PAGES), products: catalog.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await buildShop();
  console.log(`demo shop: ${result.pages.length} pages, ${result.products} products → ${result.outDir}`);
}
