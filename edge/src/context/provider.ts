import type { RequestFacts } from '../decide/facts.js';

export interface ProviderEnv {
  WEATHER_API_URL?: string;
}

export interface ProviderInput {
  facts: RequestFacts;
  env: ProviderEnv;
  now: number;
}

/**
 * A source of outside data for `context.<key>`: it declares the attributes it fills (in the
 * attribute tree schema, under `context.<key>`), a time budget, and how to get them. It is
 * asked only when a site's config reads something under `context.<key>`, and never makes
 * decide slower than its budget or turns into an error: no answer means no attribute, and
 * rules on it simply do not match.
 */
export interface ContextProvider<K extends string, V> {
  key: K;
  budgetMs: number;
  provide(input: ProviderInput): Promise<V | undefined>;
}
