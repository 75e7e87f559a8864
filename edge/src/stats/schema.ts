/**
 * Tables of a site's Durable Object. Everything keyed by visitor (bought_categories too) is deleted by `forget`;
 * the rest (pair counts, popularity) holds no visitor id at all. Event ids are unique per
 * visitor only (each browser makes its own), so they are deduped per (visitor, id); the
 * old per-site `seen_events` is dropped.
 */
export const SCHEMA = `
DROP TABLE IF EXISTS seen_events;
CREATE TABLE IF NOT EXISTS event_ids (visitor TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (visitor, id));
CREATE INDEX IF NOT EXISTS event_ids_ts ON event_ids (ts);
CREATE TABLE IF NOT EXISTS exposures (
  experiment TEXT NOT NULL, visitor TEXT NOT NULL, variant TEXT NOT NULL,
  ts INTEGER NOT NULL, day TEXT NOT NULL, segments TEXT NOT NULL DEFAULT '[]',
  converted INTEGER NOT NULL DEFAULT 0, conversion_day TEXT, revenue REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (experiment, visitor)
);
CREATE INDEX IF NOT EXISTS exposures_visitor ON exposures (visitor);
CREATE TABLE IF NOT EXISTS visitor_days (
  day TEXT NOT NULL, visitor TEXT NOT NULL, segments TEXT NOT NULL DEFAULT '[]',
  converted INTEGER NOT NULL DEFAULT 0, revenue REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (day, visitor)
);
CREATE INDEX IF NOT EXISTS visitor_days_visitor ON visitor_days (visitor);
CREATE TABLE IF NOT EXISTS view_baskets (visitor TEXT NOT NULL, day TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (visitor, day, item));
CREATE TABLE IF NOT EXISTS bought_categories (visitor TEXT NOT NULL, category TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (visitor, category));
CREATE TABLE IF NOT EXISTS pair_counts (kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, a, b));
CREATE TABLE IF NOT EXISTS item_counts (kind TEXT NOT NULL, item TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, item));
CREATE TABLE IF NOT EXISTS basket_totals (kind TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS popularity (item TEXT PRIMARY KEY, score REAL NOT NULL, updated INTEGER NOT NULL);
`;

export const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
