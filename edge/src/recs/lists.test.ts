import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  buildLists,
  countCoOccurrence,
  decayedPopularity,
  MAX_BASKET_ITEMS,
  neighbours,
  pairsOf,
  readLists,
  scorePairs,
  writeLists,
} from './lists.js';

const kv = (env as unknown as { KV: KVNamespace }).KV;

/*
 * 20 baskets. B is the bestseller (15 baskets). A is in 4 baskets: 3 with B — exactly B's base
 * rate, so no real association — and 2 with C, which is otherwise never bought: a real one.
 * Counts: A 4, B 15, C 2, D 4. Pairs: A–B 3, A–C 2, B–C 2.
 */
const baskets = [
  ['A', 'B', 'C'],
  ['A', 'B', 'C'],
  ['A', 'B'],
  ['A'],
  ...Array.from({ length: 12 }, () => ['B']),
  ...Array.from({ length: 4 }, () => ['D']),
];
const counted = countCoOccurrence(baskets);

describe('scorePairs', () => {
  it('counts baskets, items and unordered pairs', () => {
    expect(counted.baskets).toBe(20);
    expect(Object.fromEntries(counted.items)).toEqual({ A: 4, B: 15, C: 2, D: 4 });
    expect([...counted.pairs].sort()).toEqual([
      ['A', 'B', 3],
      ['A', 'C', 2],
      ['B', 'C', 2],
    ]);
  });

  it.each([
    // lift A→C = 2·20 / (4·2) = 5; lift A→B = 3·20 / (4·15) = 1
    ['lift', { A: [['C', 5], ['B', 1]], C: [['A', 5], ['B', 1.333]] }],
    // cosine A–C = 2/√8 = 0.707; A–B = 3/√60 = 0.387; B–C = 2/√30 = 0.365
    ['cosine', { A: [['C', 0.707], ['B', 0.387]], C: [['A', 0.707], ['B', 0.365]] }],
  ] as const)('%s puts the real association above the bestseller that co-occurs more often', (method, expected) => {
    const lists = scorePairs(counted.pairs, counted.items, counted.baskets, { method });
    expect(lists.A).toEqual(expected.A);
    expect(lists.C).toEqual(expected.C);
    expect(lists.D).toBeUndefined();
  });

  it('drops pairs below the minimum support', () => {
    const lists = scorePairs(counted.pairs, counted.items, counted.baskets, { method: 'lift', minSupport: 3 });
    expect(lists).toEqual({ A: [['B', 1]], B: [['A', 1]] });
  });

  it('keeps at most topN per item and lists only for the maxItems most bought items', () => {
    const lists = scorePairs(counted.pairs, counted.items, counted.baskets, { method: 'lift', topN: 1, maxItems: 2 });
    expect(Object.keys(lists).sort()).toEqual(['A', 'B']);
    expect(lists.A).toEqual([['C', 5]]);
  });

  it('keeps an id like "__proto__" as data and finds nothing for "constructor"', () => {
    const c = countCoOccurrence([['__proto__', 'x'], ['__proto__', 'x']]);
    const lists = scorePairs(c.pairs, c.items, c.baskets, { method: 'cosine' });
    expect(neighbours(lists, '__proto__')).toEqual([['x', 1]]);
    expect(neighbours(lists, 'constructor')).toEqual([]);
  });
});

describe('pairsOf', () => {
  it('pairs each distinct item once, smaller id first, and caps a huge basket', () => {
    expect(pairsOf(['b', 'a', 'b', 'c'])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    const huge = Array.from({ length: 100 }, (_, i) => `p${i}`);
    expect(pairsOf(huge).length).toBe((MAX_BASKET_ITEMS * (MAX_BASKET_ITEMS - 1)) / 2);
  });
});

describe('decayedPopularity', () => {
  const now = Date.UTC(2026, 0, 10);
  const HOUR = 3_600_000;
  it.each([
    ['now', 0, 2],
    ['one half-life ago', 24 * HOUR, 1],
    ['two half-lives ago', 48 * HOUR, 0.5],
    ['in the future (clock skew)', -HOUR, 2],
  ])('an event of weight 2 from %s scores %s', (_, age, score) => {
    expect(decayedPopularity([{ id: 'x', ts: now - age, weight: 2 }], 24, now).get('x')).toBeCloseTo(score, 9);
  });

  it('sums events, so steady interest today beats a burst last week', () => {
    const events = [
      ...Array.from({ length: 3 }, () => ({ id: 'today', ts: now - HOUR })),
      ...Array.from({ length: 20 }, () => ({ id: 'last-week', ts: now - 7 * 24 * HOUR })),
    ];
    const scores = decayedPopularity(events, 24, now);
    expect(scores.get('today')!).toBeGreaterThan(scores.get('last-week')!);
  });
});

describe('buildLists and KV', () => {
  const now = Date.UTC(2026, 0, 10);
  const lists = buildLists({
    now,
    purchases: counted,
    views: countCoOccurrence([['A', 'D'], ['A', 'D'], ['B']]),
    recent: [
      { id: 'D', ts: now, weight: 5 },
      { id: 'A', ts: now - 72 * 3_600_000, weight: 5 },
    ],
  });

  it('builds every list from the Durable Object counts, scoring by cosine unless told otherwise', () => {
    expect(lists.alsoBought.A).toEqual([['C', 0.707], ['B', 0.387]]);
    expect(lists.alsoViewed.A).toEqual([['D', 1]]);
    expect(lists.bestsellers.map(([id]) => id)).toEqual(['B', 'A', 'D', 'C']);
    expect(lists.trending.map(([id]) => id)).toEqual(['D', 'A']);
    expect(lists.updated).toBe(now);
  });

  it('round-trips through one KV value, and reads null before the first alarm', async () => {
    expect(await readLists(kv, 'lists-site')).toBeNull();
    await writeLists(kv, 'lists-site', lists);
    expect(await readLists(kv, 'lists-site')).toEqual(lists);
  });
});
