import { describe, expect, it } from 'vitest';
import { CSV_HEADER, generateOrders, PLANTED_GROUPS } from './generate.js';

function lines(seed: number, customers = 400) {
  const out: string[] = [];
  const result = generateOrders({ customers, seed }, (l) => out.push(l));
  return { out, ...result };
}

describe('generateOrders', () => {
  it('writes the same file for the same seed and another for another seed', () => {
    expect(lines(1).out).toEqual(lines(1).out);
    expect(lines(2).out).not.toEqual(lines(1).out);
  });

  it('writes a header and one row per order line, within the period and the shop’s catalog', () => {
    const { out, rows } = lines(3);
    expect(out[0]).toBe(CSV_HEADER);
    expect(out.length - 1).toBe(rows);
    const categories = new Set(['thrillers', 'literature', 'cookbooks', 'children', 'dresses', 'jackets', 'accessories']);
    const channels = new Set(['email', 'ads', 'organic', 'social', 'direct']);
    for (const line of out.slice(1)) {
      const [, , date, amount, currency, category, channel] = line.split(',');
      expect(date >= '2024-01-01' && date < '2026-01-01').toBe(true);
      expect(Number(amount)).toBeGreaterThan(0);
      expect(currency).toBe('EUR');
      expect(categories.has(category) && channels.has(channel)).toBe(true);
    }
  });

  it('plants every group in about its share', () => {
    const { groups } = lines(4, 4000);
    for (const g of PLANTED_GROUPS) {
      const share = [...groups.values()].filter((id) => id === g.id).length / 4000;
      expect(Math.abs(share - g.share)).toBeLessThan(0.03);
    }
  });
});
