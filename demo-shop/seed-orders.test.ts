import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCoOccurrence, scorePairs } from '../edge/src/recs/lists.js';
import type { Product } from '../shared/schema/catalog.js';
import { CollectRequestSchema } from '../shared/schema/events.js';
import { LIMITS } from '../shared/schema/limits.js';
import { SEED_BUYERS, seedBatches } from './seed-orders.mjs';

const here = import.meta.dirname;
const csv = readFileSync(join(here, 'data/orders.csv'), 'utf8');
const catalog: Product[] = JSON.parse(readFileSync(join(here, 'catalog.json'), 'utf8'));
const NOW = Date.UTC(2026, 10, 29, 12);
const batches = seedBatches({ csv, catalog, site: 'demo-shop', now: NOW });

describe("the demo's purchase history (data/orders.csv through /v1/collect)", () => {
  it('is one valid collect batch per buyer, inside what collect accepts (age, batch size, new visitors)', () => {
    expect(batches).toHaveLength(SEED_BUYERS);
    expect(SEED_BUYERS).toBeLessThanOrEqual(100);
    expect(new Set(batches.map((b) => b.visitor)).size).toBe(SEED_BUYERS);
    for (const batch of batches) {
      expect(CollectRequestSchema.safeParse(batch).success, batch.visitor).toBe(true);
      expect(batch.events.length).toBeLessThanOrEqual(LIMITS.eventsPerBatch);
      for (const e of batch.events) expect(e.ts).toBeGreaterThan(NOW - LIMITS.eventPastMs);
      for (const e of batch.events) expect(e.ts).toBeLessThan(NOW);
    }
  });

  it('buys only in-stock catalog products of each line\'s category, the same ones on every run', () => {
    const byId = new Map(catalog.map((p) => [p.id, p]));
    const items = batches.flatMap((b) => b.events.flatMap((e) => e.items));
    expect(items.filter((i) => byId.get(i.item_id)?.category !== i.item_category || !byId.get(i.item_id)?.inStock)).toEqual([]);
    expect(seedBatches({ csv, catalog, site: 'demo-shop', now: NOW })).toEqual(batches);
  });

  it('teaches the edge that people who buy thrillers also buy literature', () => {
    // As the site's Durable Object counts them: one basket per buyer, every category they bought.
    const buyers = countCoOccurrence(batches.map((b) => b.events.flatMap((e) => e.items.map((i) => i.item_category))));
    const learned = scorePairs(buyers.pairs, buyers.items, buyers.baskets, { method: 'cosine' });
    expect(learned.thrillers[0][0]).toBe('literature');
    expect(learned.dresses[0][0]).toBe('jackets');
  });
});
