import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bgnbd.js';
import { ClvModel, parseHorizon } from './clv.js';
import type { CustomerFacts } from './customerFacts.js';
import { expectedAverageValue } from './gammaGamma.js';

const BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const customer = { repeat: { x: 2, tx: 30.43, T: 38.86 }, repeatMeanValue: 40 } as CustomerFacts;

describe('parseHorizon', () => {
  it.each([
    ['12m', 365.25],
    ['52w', 364],
    ['90d', 90],
    ['1y', 365.25],
    ['1.5y', 547.875],
  ])('%s → %s days', (text, days) => expect(parseHorizon(text)).toBeCloseTo(days, 10));

  it.each(['12', 'm', '0m', '-3m', '12 months'])('refuses %j', (text) => expect(() => parseHorizon(text)).toThrow(/horizon/));
});

describe('ClvModel', () => {
  const weeks = { horizonDays: 364, margin: 0.3, unitDays: 7 };

  it('without discounting is margin × expected value × expected purchases over the horizon', () => {
    const { clv, expectedPurchases: purchases, expectedValue } = new ClvModel(BGNBD, GG, { ...weeks, annualDiscount: 0 }).estimate(customer);
    expect(purchases).toBeCloseTo(expectedPurchases(BGNBD, customer.repeat, 52), 10);
    expect(expectedValue).toBeCloseTo(expectedAverageValue(GG, 2, 40), 10);
    expect(clv).toBeCloseTo(0.3 * expectedValue * purchases, 8);
  });

  it('discounts later months: 10 % a year lowers a year’s value by less than 10 %', () => {
    const plain = new ClvModel(BGNBD, GG, { ...weeks, annualDiscount: 0 }).estimate(customer).clv;
    const discounted = new ClvModel(BGNBD, GG, { ...weeks, annualDiscount: 0.1 }).estimate(customer).clv;
    expect(discounted).toBeLessThan(plain);
    expect(discounted).toBeGreaterThan(plain / 1.1);
  });

  it('falls back to the customer’s own average basket when Gamma-Gamma has no finite mean (q ≤ 1)', () => {
    const heavyTailed = { p: 2, q: 0.8, gamma: 10 };
    const withBasket = { ...customer, averageBasket: 55 } as CustomerFacts;
    expect(new ClvModel(BGNBD, heavyTailed, { ...weeks, annualDiscount: 0 }).estimate(withBasket).expectedValue).toBe(55);
  });

  it('gives the same answer whether the unit is days or weeks', () => {
    const inDays = { ...customer, repeat: { x: 2, tx: 30.43 * 7, T: 38.86 * 7 } } as CustomerFacts;
    const daily = { r: BGNBD.r, alpha: BGNBD.alpha * 7, a: BGNBD.a, b: BGNBD.b };
    const a = new ClvModel(BGNBD, GG, { ...weeks, annualDiscount: 0.1 }).estimate(customer).clv;
    const b = new ClvModel(daily, GG, { ...weeks, annualDiscount: 0.1, unitDays: 1 }).estimate(inDays).clv;
    expect(b).toBeCloseTo(a, 8);
  });
});
