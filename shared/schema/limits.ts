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
  traitsBytes: 8 * 1024,
  traitsDepth: 6,
} as const;

/** Ids of sites, segments, slots, variants, experiments: lowercase, URL- and KV-key-safe. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
