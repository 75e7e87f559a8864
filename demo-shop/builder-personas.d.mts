import type { Persona } from '../shared/schema/config.js';

/** The committed output of the persona builder on data/orders.csv. */
export const BUILDER_DIR: string;
/** Refits into BUILDER_DIR when the orders, flags or the config's RFM bands/cart changed; true when it did. */
export function ensureBuilderOutput(options?: { log?: (line: string) => void }): boolean;
export function builderPersonas(): Persona[];
export function builderCustomersNdjson(): string;
export function withBuilderPersonas<C extends { personas?: unknown[] }>(config: C, personas?: Persona[]): C & { personas: Persona[] };
/**
 * demo-shop/vitrine.config.json with the builder's personas merged in: what `npm start`
 * pushes. Typed as loosely as a JSON import (tests reach into any part of it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function demoConfig(): any;
