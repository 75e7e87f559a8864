/** What the clustering sees of a customer. */
import { standardise } from './k-means.js';
import type { ScoredCustomer } from './scored-customer.js';

const BEHAVIOUR_FEATURES = 4;

/**
 * Standardised log-basket, log-frequency, recency and log-CLV, then the category shares.
 * Each category column is scaled by 1/√(categories), so the category block as a whole
 * weighs like one behavioural feature: otherwise a catalog with many categories would
 * split customers by what they bought and ignore how they buy.
 */
export function clusteringFeatures(customers: readonly ScoredCustomer[]): number[][] {
  const rows = standardise(
    customers.map(({ facts, value }) => [
      Math.log1p(facts.averageBasket),
      Math.log1p(facts.transactions),
      facts.recencyDays,
      Math.log1p(Math.max(0, value.clv)),
      ...facts.categoryShares,
    ]),
  );
  const categories = (rows[0]?.length ?? BEHAVIOUR_FEATURES) - BEHAVIOUR_FEATURES;
  const weight = 1 / Math.sqrt(Math.max(1, categories));
  for (const row of rows) for (let d = BEHAVIOUR_FEATURES; d < row.length; d++) row[d] *= weight;
  return rows;
}
