import type { ClvEstimate } from './clv.js';
import type { CustomerFacts } from './customerFacts.js';
import type { RfmScores } from './rfmScoring.js';

/** One customer with everything the models said about them. */
export interface ScoredCustomer {
  facts: CustomerFacts;
  rfm: RfmScores;
  value: ClvEstimate;
}
