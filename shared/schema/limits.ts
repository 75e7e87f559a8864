/** Size limits shared by the schemas and the edge's request guards. */
export const LIMITS = {
  decideBodyBytes: 64 * 1024,
  collectBodyBytes: 256 * 1024,
  adminBodyBytes: 5 * 1024 * 1024,
  /** A 100,000-product NDJSON feed is about 24 MiB. */
  catalogBodyBytes: 64 * 1024 * 1024,
  eventsPerBatch: 100,
  idLength: 64,
  shortText: 200,
  longText: 2000,
  listItems: 50,
  categories: 50,
  /** A garment's sizes (XS…XXL, 34…48, 28/32…): a few dozen at most. */
  sizesPerProduct: 50,
  sizeLength: 32,
  /** Sold-out sizes the summary keeps per category, most recent first. */
  soldOutSizes: 5,
  traitsBytes: 8 * 1024,
  traitsDepth: 6,
  /**
   * Events dated before now − this are refused: older than any report or dedupe window,
   * they could only rewrite history (an old purchase, a day "1970-01-01").
   */
  eventPastMs: 30 * 86_400_000,
  /** Events dated after now + this are refused: allowance for a client clock running fast, no more. */
  eventFutureMs: 5 * 60_000,
} as const;

/** Ids of segments, slots, variants, experiments: lowercase, URL- and KV-key-safe. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Site ids, one rule everywhere (config, decide, collect, forget, every admin URL): they
 * become a part of storage keys, Durable Object names and hostnames, so no ":", no "_",
 * nothing a KV key or a DNS label cannot carry, at most 63 characters.
 */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
