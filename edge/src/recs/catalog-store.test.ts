import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/schema/catalog.js';
import { getCatalogIndex, getProducts, indexKey, patchCatalog, putCatalog, shardOf, stampKey } from './catalog-store.js';
import { syntheticCatalog } from './synthetic-catalog.js';

const kv = (env as unknown as { KV: KVNamespace }).KV;

const product = (id: string, extra: Partial<Product> = {}): Product => ({
  id,
  name: `Name ${id}`,
  category: 'books',
  price: 10,
  inStock: true,
  ...extra,
});

/** Every stored value under a site's catalog, key → JSON text. */
async function catalogValues(site: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: `site:${site}:catalog:`, cursor });
    for (const { name } of page.keys) values.set(name, (await kv.get(name))!);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return values;
}

describe('catalog store', () => {
  it('round-trips products: the index for ranking, full records for display, in the order asked', async () => {
    const products = [
      product('a', { image: 'https://cdn.example/a.jpg', url: '/a' }),
      product('b', { category: 'games', price: 30, inStock: false }),
      product('__proto__', { price: 7 }),
    ];
    await putCatalog(kv, 'round-trip', products, { replace: true });

    const index = (await getCatalogIndex(kv, 'round-trip'))!;
    expect(index.ids).toEqual(['a', 'b', '__proto__']);
    expect(index.category).toEqual(['books', 'games', 'books']);
    expect(index.price).toEqual([10, 30, 7]);
    expect(index.inStock).toEqual([true, false, true]);
    expect(index.byCategory.get('books')).toEqual([0, 2]);

    const found = await getProducts(kv, 'round-trip', ['__proto__', 'missing', 'constructor', 'a'], index);
    expect(found).toEqual([products[2], products[0]]);
  });

  it('answers null and no products for a site without a catalog', async () => {
    expect(await getCatalogIndex(kv, 'nothing-here')).toBeNull();
    expect(await getProducts(kv, 'nothing-here', ['a'])).toEqual([]);
  });

  it('stores 20,000 products (100,000 in bench/catalog-upload.ts) in shards under 1 MiB and finds any of them', async () => {
    const products = syntheticCatalog(20_000);
    const { shards, count } = await putCatalog(kv, 'big', products, { replace: true });
    expect(count).toBe(20_000);
    expect(shards).toBeGreaterThan(1);

    const values = await catalogValues('big');
    expect(values.size).toBe(shards + 2); // the shards, the index and its stamp
    for (const [key, text] of values) expect(text.length, key).toBeLessThan(1024 * 1024);

    const index = (await getCatalogIndex(kv, 'big'))!;
    expect(index.ids.length).toBe(20_000);
    const sample = ['sku-0', 'sku-9', 'sku-12345', 'sku-19999'];
    expect(await getProducts(kv, 'big', sample, index)).toEqual(sample.map((id) => products[Number(id.slice(4))]));
  });

  it.each([
    ['replace: true makes the upload the whole catalog', true, ['c', 'a']],
    ['replace: false merges, the upload winning for the same id', false, ['a', 'b', 'c']],
  ])('%s', async (_, replace, ids) => {
    const site = `merge-${replace}`;
    await putCatalog(kv, site, [product('a'), product('b')], { replace: true });
    await putCatalog(kv, site, [product('c'), product('a', { price: 99 })], { replace });
    const index = (await getCatalogIndex(kv, site))!;
    expect(index.ids).toEqual(ids);
    expect(index.price[index.position.get('a')!]).toBe(99);
    expect(await getProducts(kv, site, ids, index)).toHaveLength(ids.length);
  });

  it('a stock change rewrites only the shard holding the product, and the index', async () => {
    await putCatalog(kv, 'patch', syntheticCatalog(5_000), { replace: true });
    const before = await catalogValues('patch');
    const index = (await getCatalogIndex(kv, 'patch'))!;

    const result = await patchCatalog(kv, 'patch', [{ id: 'sku-42', inStock: false, price: 1 }, { id: 'no-such-sku', inStock: false }]);
    expect(result).toEqual({ updated: 1, unknown: ['no-such-sku'], shardsWritten: 1 });

    const after = await catalogValues('patch');
    const changed = [...after.keys()].filter((key) => after.get(key) !== before.get(key));
    expect(changed.sort()).toEqual(
      [indexKey('patch'), stampKey('patch'), `site:patch:catalog:${index.generation}:shard:${shardOf('sku-42', index.shards)}`].sort(),
    );

    const patched = (await getCatalogIndex(kv, 'patch'))!;
    const i = patched.position.get('sku-42')!;
    expect([patched.inStock[i], patched.price[i]]).toEqual([false, 1]);
    const [full] = await getProducts(kv, 'patch', ['sku-42'], patched);
    expect(full).toMatchObject({ id: 'sku-42', name: 'Product number 42 in a very nice edition', inStock: false, price: 1 });
  });

  it('keeps the sizes in stock in the index through uploads and patches; sold out in every size is sold out', async () => {
    const sizes = (stock: Record<string, number>) => ({ variants: Object.entries(stock).map(([size, n]) => ({ size, stock: n })) });
    await putCatalog(kv, 'sizes', [product('dress', sizes({ S: 1, M: 0 })), product('gone', { ...sizes({ M: 0 }), inStock: true }), product('book'), product('coat', sizes({ L: 2 }))], { replace: true });
    const sizesOf = async () => {
      const index = (await getCatalogIndex(kv, 'sizes'))!;
      return index.ids.map((id, i) => [id, index.inStock[i], index.sizesInStock.has(i) ? [...index.sizesInStock.get(i)!] : null]);
    };
    expect(await sizesOf()).toEqual([['dress', true, ['S']], ['gone', false, []], ['book', true, null], ['coat', true, ['L']]]);

    // M comes back for the dress; the untouched products keep their sizes when the index is rebuilt.
    await patchCatalog(kv, 'sizes', [{ id: 'dress', ...sizes({ S: 1, M: 4 }) }]);
    expect(await sizesOf()).toEqual([['dress', true, ['S', 'M']], ['gone', false, []], ['book', true, null], ['coat', true, ['L']]]);
    const [dress] = await getProducts(kv, 'sizes', ['dress']);
    expect(dress.variants).toEqual([{ size: 'S', stock: 1 }, { size: 'M', stock: 4 }]);
  });

  it('keeps the previous upload readable for isolates holding its index, and deletes older ones', async () => {
    await putCatalog(kv, 'generations', [product('v1')], { replace: true });
    const first = (await getCatalogIndex(kv, 'generations'))!;
    await putCatalog(kv, 'generations', [product('v2')], { replace: true });
    expect(await getProducts(kv, 'generations', ['v1'], first)).toHaveLength(1);

    await putCatalog(kv, 'generations', [product('v3')], { replace: true });
    expect(await getProducts(kv, 'generations', ['v1'], first)).toEqual([]);
    const shardGenerations = new Set([...(await catalogValues('generations')).keys()].filter((k) => k.includes(':shard:')).map((k) => k.split(':')[3]));
    expect(shardGenerations.size).toBe(2);
  });
});
