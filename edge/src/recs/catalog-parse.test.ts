import { describe, expect, it } from 'vitest';
import { MAX_ISSUES, parseCatalog } from './catalog-parse.js';

const good = (id: string) => ({ id, name: `Book ${id}`, category: 'thrillers', price: 12.5 });
const ndjson = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('parseCatalog', () => {
  it('reads NDJSON, keeps the good lines and names each bad line by its line number', () => {
    const body = ndjson(good('a'), { id: 'b', category: 'x', price: 1 }, '', '{not json', good('c'), { ...good('d'), price: -3 });
    const { products, issues, rejected } = parseCatalog(body);
    expect(products.map((p) => p.id)).toEqual(['a', 'c']);
    expect(issues.map(({ line, path }) => ({ line, path }))).toEqual([
      { line: 2, path: 'name' },
      { line: 4, path: '' },
      { line: 6, path: 'price' },
    ]);
    expect(rejected).toBe(3);
  });

  it('reads a JSON array and counts lines as index + 1', () => {
    const { products, issues } = parseCatalog(JSON.stringify([good('a'), { ...good('b'), image: 'javascript:alert(1)' }, good('c')], null, 2));
    expect(products.map((p) => p.id)).toEqual(['a', 'c']);
    expect(issues).toEqual([{ line: 2, path: 'image', message: expect.stringContaining('http') }]);
  });

  it.each([
    ['a broken JSON array', '[{"id":"a"', /not valid JSON/],
    ['an unterminated JSON array', '[1, 2', /not valid JSON/],
  ])('rejects %s as a whole (line 0)', (_, body, message) => {
    const { products, issues } = parseCatalog(body);
    expect(products).toEqual([]);
    expect(issues).toEqual([{ line: 0, path: '', message: expect.stringMatching(message) }]);
  });

  it.each([
    ['a size with negative stock', [{ size: 'M', stock: -1 }], 'variants.0.stock'],
    ['a fractional stock', [{ size: 'S', stock: 2 }, { size: 'M', stock: 1.5 }], 'variants.1.stock'],
    ['a size without a name', [{ size: '', stock: 3 }], 'variants.0.size'],
    ['a size name over 32 characters', [{ size: 'x'.repeat(33), stock: 3 }], 'variants.0.size'],
  ])('names the variant of %s by its path', (_, variants, path) => {
    const { products, issues } = parseCatalog(ndjson(good('a'), { ...good('b'), variants }));
    expect(products.map((p) => p.id)).toEqual(['a']);
    expect(issues.map((i) => [i.line, i.path])).toEqual([[2, path]]);
  });

  it('names each element of a JSON array that is not a product', () => {
    expect(parseCatalog('[1, "x"]').issues.map((i) => i.line)).toEqual([1, 2]);
  });

  it('defaults inStock to true for a full product', () => {
    expect(parseCatalog(ndjson(good('a'))).products[0].inStock).toBe(true);
  });

  it.each([
    ['a stock change', { id: 'a', inStock: false }, true],
    ['a price change', { id: 'a', price: 9 }, true],
    ['a patch without id', { inStock: false }, false],
    ['a negative price', { id: 'a', price: -1 }, false],
  ])('patch mode accepts %s: %s', (_, line, ok) => {
    const { products, issues } = parseCatalog(ndjson(line), { patch: true });
    expect(products.length).toBe(ok ? 1 : 0);
    expect(issues.length).toBe(ok ? 0 : 1);
  });

  it('refuses a stock change in full mode because name, category and price are missing', () => {
    const { issues } = parseCatalog(ndjson({ id: 'a', inStock: false }));
    expect(issues[0]).toMatchObject({ line: 1 });
  });

  it('keeps the first of two lines with the same id and names the repeat', () => {
    const { products, issues } = parseCatalog(ndjson(good('a'), { ...good('a'), price: 99 }));
    expect(products).toEqual([expect.objectContaining({ id: 'a', price: 12.5 })]);
    expect(issues).toEqual([{ line: 2, path: 'id', message: expect.stringContaining('line 1') }]);
  });

  it('lists at most MAX_ISSUES issues but counts every rejected line', () => {
    const body = Array.from({ length: MAX_ISSUES + 50 }, () => '{}').join('\n');
    const { issues, rejected } = parseCatalog(body);
    expect(issues.length).toBe(MAX_ISSUES);
    expect(rejected).toBe(MAX_ISSUES + 50);
  });
});
