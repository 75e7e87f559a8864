/**
 * Demo order history for the demo shop's catalog: a few thousand customers from four
 * planted groups, each buying by the BG/NBD process with its own rates, baskets, favourite
 * categories and channels. Also a CLI:
 *   npx tsx personas/generate.ts --customers 3000 --out demo-shop/data/orders.csv --seed 1
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { beta, gamma, normal, pick, seededRng, type Rng } from './math/random.js';
import { repeatPurchaseTimes } from './simulate.js';
import { isMain } from './is-main.js';

interface PlantedGroup {
  id: string;
  share: number;
  /** Days of the period (as fractions) in which such customers first buy. */
  firstPurchase: [number, number];
  /** Mean days between purchases while active, and the spread of that across customers. */
  meanGapDays: number;
  rateShape: number;
  /** Beta(a, b) dropout probability after each repeat purchase. */
  dropout: [number, number];
  meanBasket: number;
  maxLines: number;
  categories: Record<string, number>;
  channels: Record<string, number>;
}

export const PLANTED_GROUPS: readonly PlantedGroup[] = [
  {
    id: 'loyal-thriller-readers',
    share: 0.25,
    firstPurchase: [0, 0.7],
    meanGapDays: 35,
    rateShape: 6,
    dropout: [1, 40],
    meanBasket: 24,
    maxLines: 2,
    categories: { thrillers: 0.8, literature: 0.15, cookbooks: 0.05 },
    channels: { email: 0.6, direct: 0.25, organic: 0.15 },
  },
  {
    id: 'lapsed-bargain-hunters',
    share: 0.25,
    firstPurchase: [0, 0.35],
    meanGapDays: 30,
    rateShape: 6,
    dropout: [8, 6],
    meanBasket: 14,
    maxLines: 2,
    categories: { accessories: 0.35, cookbooks: 0.25, children: 0.2, literature: 0.2 },
    channels: { ads: 0.5, social: 0.35, organic: 0.15 },
  },
  {
    id: 'big-basket-fashion-buyers',
    share: 0.2,
    firstPurchase: [0, 0.8],
    meanGapDays: 75,
    rateShape: 6,
    dropout: [2, 14],
    meanBasket: 150,
    maxLines: 4,
    categories: { dresses: 0.45, jackets: 0.35, accessories: 0.2 },
    channels: { organic: 0.4, direct: 0.35, social: 0.25 },
  },
  {
    id: 'one-time-gift-buyers',
    share: 0.3,
    firstPurchase: [0, 1],
    meanGapDays: 3000,
    rateShape: 6,
    dropout: [1, 1],
    meanBasket: 38,
    maxLines: 2,
    categories: { children: 0.55, cookbooks: 0.3, literature: 0.15 },
    channels: { organic: 0.45, ads: 0.3, social: 0.25 },
  },
];

export interface DemoOptions {
  customers: number;
  seed: number;
  /** First day of the period, ISO date. */
  start?: string;
  days?: number;
}

export const CSV_HEADER = 'order_id,customer_id,date,amount,currency,category,channel,quantity';

/**
 * Writes the CSV (header first) line by line through `write`, and returns each customer's
 * planted group and the number of data rows.
 */
export function generateOrders(options: DemoOptions, write: (line: string) => void): { groups: Map<string, string>; rows: number } {
  const { customers, seed, start = '2024-01-01', days = 730 } = options;
  const rng = seededRng(seed);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const groups = new Map<string, string>();
  let rows = 0;
  let orderNumber = 0;
  write(CSV_HEADER);
  for (let i = 0; i < customers; i++) {
    const group = PLANTED_GROUPS[pick(rng, PLANTED_GROUPS.map((g) => g.share))];
    const customerId = `C${100_000 + i}`;
    groups.set(customerId, group.id);
    const first = days * (group.firstPurchase[0] + rng() * (group.firstPurchase[1] - group.firstPurchase[0]));
    const rate = gamma(rng, group.rateShape, group.rateShape * group.meanGapDays);
    const dropout = beta(rng, group.dropout[0], group.dropout[1]);
    const basket = group.meanBasket * Math.exp(normal(rng, 0, 0.2));
    const times = [0, ...repeatPurchaseTimes(rng, rate, dropout, days - first)];
    for (const t of times) {
      const order = `O${++orderNumber}`;
      const date = isoDateTime(startMs + (first + t) * 86_400_000);
      const channel = weighted(rng, group.channels);
      const lines = 1 + Math.floor(rng() * group.maxLines);
      const total = gamma(rng, 8, 8 / basket);
      for (let l = 0; l < lines; l++) {
        const amount = Math.max(0.5, total / lines).toFixed(2);
        write(`${order},${customerId},${date},${amount},EUR,${weighted(rng, group.categories)},${channel},1`);
        rows++;
      }
    }
  }
  return { groups, rows };
}

function weighted(rng: Rng, weights: Record<string, number>): string {
  const names = Object.keys(weights);
  return names[pick(rng, Object.values(weights))];
}

function isoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}

/** Writes the CSV to `path` in 1 MB chunks; the rows are never all in memory. */
export function writeDemoOrders(path: string, options: DemoOptions): { groups: Map<string, string>; rows: number } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let buffer = '';
  try {
    const result = generateOrders(options, (line) => {
      buffer += line + '\n';
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    });
    writeSync(fd, buffer);
    return result;
  } finally {
    closeSync(fd);
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '3000' },
      out: { type: 'string', default: 'demo-shop/data/orders.csv' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2024-01-01' },
      days: { type: 'string', default: '730' },
    },
  });
  const { rows } = writeDemoOrders(values.out!, {
    customers: Number(values.customers),
    seed: Number(values.seed),
    start: values.start,
    days: Number(values.days),
  });
  process.stderr.write(`wrote ${rows} rows for ${values.customers} customers to ${values.out}\n`);
}
