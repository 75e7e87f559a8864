import type { Product } from '../shared/schema/catalog.js';

export const SEED_BUYERS: number;

export interface SeedBatch {
  site: string;
  visitor: string;
  consent: { analytics: boolean; personalization: boolean };
  events: { id: string; name: 'purchase'; ts: number; transaction_id: string; value: number; currency: string; items: { item_id: string; item_name: string; item_category: string; price: number; quantity: number }[] }[];
}

/** One collect batch per customer of the orders CSV (the first `buyers`), dated over the last 27 days. */
export function seedBatches(options: { csv: string; catalog: readonly Product[]; site: string; now: number; buyers?: number }): SeedBatch[];

/** Sends the seed through the edge's `/v1/collect`; resolves to the purchases it accepted. */
export function seedOrders(options: { base: string; site: string; shopDir: string; now?: number }): Promise<number>;
