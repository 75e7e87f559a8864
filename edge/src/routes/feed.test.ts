import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { writeLists } from '../recs/lists.js';
import { put, siteConfig } from '../testing/fixtures.js';

const PRODUCTS = [
  { id: 'dress-1', name: 'Linen dress', category: 'dresses', price: 99.5, cost: 30, url: '/p/dress-1', image: '/img/dress-1.jpg', brand: 'Vitrine & Co', description: 'Light <linen>', googleProductCategory: '2271' },
  { id: 'dress-2', name: 'Cotton dress', category: 'dresses', price: 49.5, salePrice: 39.5, cost: 30, url: 'https://shop.example/p/dress-2', inStock: false },
  { id: 'book-1', name: 'A thriller', category: 'thrillers', price: 20, cost: 17, url: '/p/book-1' },
  { id: 'book-2', name: 'No cost known', category: 'thrillers', price: 15, url: '/p/book-2' },
];

async function feedSite(site: string, enabled = true) {
  const config = { ...siteConfig(site), currency: 'USD', feed: { enabled, baseUrl: 'https://shop.example' } };
  expect((await SELF.fetch(put(`/admin/sites/${site}/config`, config))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${site}/catalog`, PRODUCTS))).status).toBe(200);
  await writeLists(env.KV, site, { alsoBought: {}, alsoViewed: {}, trending: [['book-1', 3]], bestsellers: [['dress-1', 9]], updated: Date.now() });
}

/**
 * A small XML reader: every tag closes in order, text holds only the five XML entities, and
 * the tree is rss > channel > (title, link, description, item*) with item children in g:.
 */
function parseFeed(xml: string): { channel: string[]; itemFields: Set<string> } {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const channel: string[] = [];
  const itemFields = new Set<string>();
  for (const m of body.matchAll(/<(\/?)([\w:]+)([^>]*)>|([^<]+)/g)) {
    const [, close, name, , text] = m;
    if (text !== undefined) {
      expect(text.replace(/&(lt|gt|amp|apos|quot);/g, '')).not.toMatch(/[&<>]/);
      continue;
    }
    if (close) expect(stack.pop()).toBe(name);
    else {
      if (stack.join('>') === 'rss>channel') channel.push(name);
      if (stack.join('>') === 'rss>channel>item') itemFields.add(name);
      stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  return { channel, itemFields };
}

const items = (xml: string) => new Map([...xml.matchAll(/<item>(.*?)<\/item>/g)].map((m) => [/<g:id>(.*?)<\/g:id>/.exec(m[1])![1], m[1]]));
const field = (item: string, tag: string) => new RegExp(`<g:${tag}>(.*?)</g:${tag}>`).exec(item)?.[1];

describe('product feed', () => {
  it('serves the catalog as Google Merchant RSS 2.0 with margin and popularity labels', async () => {
    await feedSite('feed-on');
    const res = await SELF.fetch('https://edge.example/feeds/feed-on/products.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0" xmlns:g="http:\/\/base.google.com\/ns\/1.0">\n<channel>\n<title>feed-on<\/title>/);
    const tree = parseFeed(xml);
    expect(tree.channel.slice(0, 3)).toEqual(['title', 'link', 'description']);
    expect(new Set(tree.channel.slice(3))).toEqual(new Set(['item']));
    expect([...tree.itemFields].every((f) => f.startsWith('g:'))).toBe(true);
    for (const required of ['g:id', 'g:title', 'g:description', 'g:link', 'g:price', 'g:availability']) expect(tree.itemFields).toContain(required);
    const byId = items(xml);
    expect([...byId.keys()].sort()).toEqual(['book-1', 'book-2', 'dress-1', 'dress-2']);
    const dress = byId.get('dress-1')!;
    expect(field(dress, 'link')).toBe('https://shop.example/p/dress-1');
    expect(field(dress, 'image_link')).toBe('https://shop.example/img/dress-1.jpg');
    expect(field(dress, 'price')).toBe('99.50 USD');
    expect(field(dress, 'brand')).toBe('Vitrine &amp; Co');
    expect(field(dress, 'description')).toBe('Light &lt;linen&gt;');
    expect(field(dress, 'google_product_category')).toBe('2271');
    expect(field(dress, 'custom_label_0')).toBe('margin-high'); // 1 − 30/99.5 = 0.70
    expect(field(dress, 'custom_label_1')).toBe('bestseller');
    const sale = byId.get('dress-2')!;
    expect(field(sale, 'sale_price')).toBe('39.50 USD');
    expect(field(sale, 'availability')).toBe('out_of_stock');
    expect(field(sale, 'custom_label_0')).toBe('margin-low'); // 1 − 30/39.5 = 0.24
    expect(field(byId.get('book-1')!, 'custom_label_0')).toBe('margin-low'); // 0.15
    expect(field(byId.get('book-1')!, 'custom_label_1')).toBe('trending');
    expect(field(byId.get('book-2')!, 'custom_label_0')).toBeUndefined();
    expect(field(byId.get('book-2')!, 'custom_label_1')).toBe('slow');
  });

  it('answers 304 for the catalog version the reader holds, and a new ETag after an upload', async () => {
    await feedSite('feed-etag');
    const first = await SELF.fetch('https://edge.example/feeds/feed-etag/products.xml');
    const etag = first.headers.get('etag')!;
    await first.text();
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    expect((await SELF.fetch('https://edge.example/feeds/feed-etag/products.xml', { headers: { 'if-none-match': etag } })).status).toBe(304);
    await SELF.fetch(put('/admin/sites/feed-etag/catalog', PRODUCTS.slice(0, 2)));
    const changed = await SELF.fetch('https://edge.example/feeds/feed-etag/products.xml', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(items(await changed.text()).size).toBe(2);
  });

  it('is not served for a site that has not turned it on', async () => {
    await feedSite('feed-off', false);
    expect((await SELF.fetch('https://edge.example/feeds/feed-off/products.xml')).status).toBe(404);
    expect((await SELF.fetch('https://edge.example/feeds/no-such-site/products.xml')).status).toBe(404);
  });
});
