import type { ClvEstimate } from './clv.js';
import type { CustomerFacts } from './customer-facts.js';
import type { RfmScores } from './rfm-scoring.js';

/** One customer with everything the models said about them. */
export interface ScoredCustomer {
  facts: CustomerFacts;
  rfm: RfmScores;
  value: ClvEstimate;
}
