import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bgnbd.js';
import { ClvModel, parseHorizon } from './clv.js';
import type { CustomerFacts } from './customer-facts.js';
import { expectedAverageValue } from './gamma-gamma.js';
import { predictorFor, type PurchaseModel } from './purchase-models.js';

const BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** lifetimes' published MBG/NBD and Pareto/NBD fits on CDNOW. */
const MBGNBD = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const CDNOW = predictorFor({ name: 'bgnbd', params: BGNBD });
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
    const { clv, expectedPurchases: purchases, expectedValue } = new ClvModel(CDNOW, GG, { ...weeks, annualDiscount: 0 }).estimate(customer);
    expect(purchases).toBeCloseTo(expectedPurchases(BGNBD, customer.repeat, 52), 10);
    expect(expectedValue).toBeCloseTo(expectedAverageValue(GG, 2, 40), 10);
    expect(clv).toBeCloseTo(0.3 * expectedValue * purchases, 8);
  });

  it('discounts later months: 10 % a year lowers a year’s value by less than 10 %', () => {
    const plain = new ClvModel(CDNOW, GG, { ...weeks, annualDiscount: 0 }).estimate(customer).clv;
    const discounted = new ClvModel(CDNOW, GG, { ...weeks, annualDiscount: 0.1 }).estimate(customer).clv;
    expect(discounted).toBeLessThan(plain);
    expect(discounted).toBeGreaterThan(plain / 1.1);
  });

  it('falls back to the customer’s own average basket when Gamma-Gamma has no finite mean (q ≤ 1)', () => {
    const heavyTailed = { p: 2, q: 0.8, gamma: 10 };
    const withBasket = { ...customer, averageBasket: 55 } as CustomerFacts;
    expect(new ClvModel(CDNOW, heavyTailed, { ...weeks, annualDiscount: 0 }).estimate(withBasket).expectedValue).toBe(55);
  });

  it.each<[string, PurchaseModel, PurchaseModel]>([
    ['BG/NBD', { name: 'bgnbd', params: BGNBD }, { name: 'bgnbd', params: { ...BGNBD, alpha: BGNBD.alpha * 7 } }],
    ['MBG/NBD', { name: 'mbgnbd', params: MBGNBD }, { name: 'mbgnbd', params: { ...MBGNBD, alpha: MBGNBD.alpha * 7 } }],
    ['Pareto/NBD', { name: 'paretonbd', params: PARETO }, { name: 'paretonbd', params: { ...PARETO, alpha: PARETO.alpha * 7, beta: PARETO.beta * 7 } }],
  ])('gives the same answer whether the unit is days or weeks (%s)', (_, weekly, daily) => {
    const inDays = { ...customer, repeat: { x: 2, tx: 30.43 * 7, T: 38.86 * 7 } } as CustomerFacts;
    const a = new ClvModel(predictorFor(weekly), GG, { ...weeks, annualDiscount: 0.1 }).estimate(customer);
    const b = new ClvModel(predictorFor(daily), GG, { ...weeks, annualDiscount: 0.1, unitDays: 1 }).estimate(inDays);
    expect(b.clv).toBeCloseTo(a.clv, 8);
    expect(b.pAlive).toBeCloseTo(a.pAlive, 10);
  });
});
