import { Hono } from 'hono';
import type { Config } from '../../../shared/schema/config.js';
import { loadConfig } from '../config/cache.js';
import type { AppEnv } from '../env.js';
import { marginBand, popularityLabeller } from '../feed/labels.js';
import { FEED_TAIL, feedHead, feedItem } from '../feed/rss.js';
import { fail } from '../http/problems.js';
import { readStoredIndex, shardKey, type Shard, type StoredIndex } from '../recs/catalog-store.js';
import { readLists, type Lists } from '../recs/lists.js';

/**
 * The catalog as a Google Merchant Center RSS 2.0 feed, for Shopping and dynamic
 * remarketing. Public (feed readers send no token), so only sites that turn it on have one.
 * It streams one catalog shard at a time: a 100,000-product feed never holds more than the
 * compact index and one shard (~256 KB) in memory. The catalog version is the ETag.
 */
export const feedRoute = new Hono<AppEnv>().get('/feeds/:site/products.xml', async (c) => {
  const site = c.req.param('site');
  const loaded = await loadConfig(c.env.KV, site).catch(() => fail(503, 'configuration store unavailable', undefined, { 'Retry-After': '5' }));
  const config = loaded?.compiled.config;
  if (!config?.feed.enabled) fail(404, 'no product feed for this site');
  const [index, lists] = await Promise.all([readStoredIndex(c.env.KV, site), readLists(c.env.KV, site)]);
  if (!index) fail(404, 'no catalog uploaded for this site');

  const etag = `"${index.generation}-${index.updated}"`;
  const headers = {
    'Content-Type': 'application/rss+xml; charset=utf-8',
    ETag: etag,
    'Last-Modified': new Date(index.updated).toUTCString(),
    'Cache-Control': 'public, max-age=900',
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(feedStream(c.env.KV, site, config, index, lists), 200, headers);
});

function feedStream(kv: KVNamespace, site: string, config: Config, index: StoredIndex, lists: Lists | null): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const popularity = popularityLabeller(lists, index.ids.length);
  const baseUrl = config.feed.baseUrl;
  let shard = -1;
  return new ReadableStream({
    async pull(controller) {
      if (shard === -1) controller.enqueue(encoder.encode(feedHead(site, baseUrl ?? `/feeds/${site}/products.xml`)));
      else {
        const products = (await kv.get<Shard>(shardKey(site, index.generation, shard), 'json')) ?? {};
        let chunk = '';
        for (const product of Object.values(products)) {
          chunk += feedItem({ product, currency: config.currency, baseUrl, margin: marginBand(product, config.feed.marginBands), popularity: popularity(product.id) }) ?? '';
        }
        controller.enqueue(encoder.encode(chunk));
      }
      if (++shard === index.shards) {
        controller.enqueue(encoder.encode(FEED_TAIL));
        controller.close();
      }
    },
  });
}
