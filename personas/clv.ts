/**
 * Predicted customer lifetime value: the chosen purchase model's expected purchases per
 * period of the horizon, discounted, times the Gamma-Gamma expected transaction value,
 * times the margin.
 */
import type { CustomerFacts } from './customer-facts.js';
import { expectedAverageValue, type GammaGammaParams } from './gamma-gamma.js';
import type { RepeatPredictor } from './purchase-models.js';

export interface ClvOptions {
  horizonDays: number;
  margin: number;
  /** Yearly discount rate (0.1 = 10 % a year). */
  annualDiscount: number;
  /** Days in the model's time unit. */
  unitDays: number;
}

export interface ClvEstimate {
  pAlive: number;
  /** Purchases expected within the horizon (undiscounted). */
  expectedPurchases: number;
  expectedValue: number;
  clv: number;
}

const MONTH_DAYS = 365.25 / 12;
const UNITS: Record<string, number> = { d: 1, w: 7, m: MONTH_DAYS, y: 365.25 };

/** "12m", "52w", "365d", "1y" → days. */
export function parseHorizon(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([dwmy])$/i.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`horizon "${text}" must be a number with d, w, m or y (e.g. 12m)`);
  return Number(m[1]) * UNITS[m[2].toLowerCase()];
}

export class ClvModel {
  /** Discounted purchase counts per history: customers with identical histories share one. */
  private readonly cache = new Map<string, { discounted: number; total: number }>();

  constructor(
    readonly purchases: RepeatPredictor,
    readonly gammaGamma: GammaGammaParams,
    readonly options: ClvOptions,
  ) {}

  estimate(customer: CustomerFacts): ClvEstimate {
    const { x } = customer.repeat;
    // With q ≤ 1 the fitted spend distribution has no finite mean; the customer's own
    // average basket is then the only defensible estimate.
    const expectedValue =
      this.gammaGamma.q > 1 ? expectedAverageValue(this.gammaGamma, x, customer.repeatMeanValue) : customer.averageBasket;
    const purchases = this.purchasesOver(customer);
    return {
      pAlive: this.purchases.pAlive(customer.repeat),
      expectedPurchases: purchases.total,
      expectedValue,
      clv: this.options.margin * expectedValue * purchases.discounted,
    };
  }

  /** Month by month (or the horizon in one step if shorter), each month's purchases discounted. */
  private purchasesOver({ repeat }: CustomerFacts): { discounted: number; total: number } {
    const key = `${repeat.x}|${repeat.tx}|${repeat.T}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const { horizonDays, annualDiscount, unitDays } = this.options;
    const steps = Math.max(1, Math.round(horizonDays / MONTH_DAYS));
    let previous = 0;
    let discounted = 0;
    for (let k = 1; k <= steps; k++) {
      const days = (horizonDays * k) / steps;
      const cumulative = this.purchases.expectedPurchases(repeat, days / unitDays);
      discounted += (cumulative - previous) / Math.pow(1 + annualDiscount, days / 365.25);
      previous = cumulative;
    }
    const result = { discounted, total: previous };
    this.cache.set(key, result);
    return result;
  }
}
