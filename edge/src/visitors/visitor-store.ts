import type { Consent } from '../../../shared/schema/common.js';
import type { Profile } from '../../../shared/schema/profile.js';

/**
 * What the edge keeps per visitor with personalization consent, and only for what runs
 * later needs it: the latest summary the SDK sent with a decide (never raw events), the
 * segments it was in then, the consent purposes, the language and time zone (copy and
 * `context.hour` at fire time), and the customer a verified identify linked. Plus, in the
 * customer's own shard, which visitors a customer was seen as (customer → visitor).
 */
export const VISITOR_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS visitors (
  visitor TEXT PRIMARY KEY, profile TEXT, profile_at INTEGER NOT NULL DEFAULT 0,
  segments TEXT NOT NULL DEFAULT '[]', consent TEXT NOT NULL, context TEXT, customer TEXT,
  updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_visitors (
  customer TEXT NOT NULL, visitor TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (customer, visitor)
);
CREATE TABLE IF NOT EXISTS seen_events (id TEXT PRIMARY KEY, ts INTEGER NOT NULL);
`;

export interface VisitorContext {
  language?: string;
  timezone?: string;
}

export interface VisitorState {
  profile?: Profile;
  /** When the summary was stored (0: never): a run waits for a summary newer than its trigger. */
  profileAt: number;
  segments: string[];
  consent: Consent;
  context?: VisitorContext;
  customer?: string;
}

type Row = {
  profile: string | null;
  profile_at: number;
  segments: string;
  consent: string;
  context: string | null;
  customer: string | null;
};

export function readVisitor(sql: SqlStorage, visitor: string): VisitorState | null {
  const row = sql.exec<Row>(`SELECT profile, profile_at, segments, consent, context, customer FROM visitors WHERE visitor = ?`, visitor).toArray()[0];
  if (!row) return null;
  return {
    ...(row.profile && { profile: JSON.parse(row.profile) as Profile }),
    profileAt: row.profile_at,
    segments: JSON.parse(row.segments) as string[],
    consent: JSON.parse(row.consent) as Consent,
    ...(row.context && { context: JSON.parse(row.context) as VisitorContext }),
    ...(row.customer && { customer: row.customer }),
  };
}

/** A decide's summary; a customer once linked stays linked when a later decide names none. */
export function writeSummary(
  sql: SqlStorage,
  visitor: string,
  next: { profile?: Profile; segments: string[]; consent: Consent; context?: VisitorContext; customer?: string },
  now: number,
): void {
  sql.exec(
    `INSERT INTO visitors (visitor, profile, profile_at, segments, consent, context, customer, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (visitor) DO UPDATE SET profile = excluded.profile, profile_at = excluded.profile_at, segments = excluded.segments,
       consent = excluded.consent, context = excluded.context, customer = COALESCE(excluded.customer, visitors.customer), updated = excluded.updated`,
    visitor,
    next.profile ? JSON.stringify(next.profile) : null,
    now,
    JSON.stringify(next.segments),
    JSON.stringify(next.consent),
    next.context ? JSON.stringify(next.context) : null,
    next.customer ?? null,
    now,
  );
}

/** Collect's consent, kept current for a visitor whose summary has not arrived yet (or has). */
export function writeConsent(sql: SqlStorage, visitor: string, consent: Consent, now: number): void {
  sql.exec(
    `INSERT INTO visitors (visitor, consent, updated) VALUES (?, ?, ?) ON CONFLICT (visitor) DO UPDATE SET consent = excluded.consent, updated = excluded.updated`,
    visitor, JSON.stringify(consent), now,
  );
}

/** Forget: the visitor's row goes; answers the customer it was linked to, whose index entry goes too. */
export function deleteVisitor(sql: SqlStorage, visitor: string): string | undefined {
  const customer = sql.exec<{ customer: string | null }>(`SELECT customer FROM visitors WHERE visitor = ?`, visitor).toArray()[0]?.customer;
  sql.exec(`DELETE FROM visitors WHERE visitor = ?`, visitor);
  return customer ?? undefined;
}

/** Each journey event is handled once, whatever the SDK resends (ids are unique per event). */
export function firstSighting(sql: SqlStorage, id: string, now: number): boolean {
  return sql.exec(`INSERT OR IGNORE INTO seen_events (id, ts) VALUES (?, ?)`, id, now).rowsWritten > 0;
}

export function indexCustomer(sql: SqlStorage, customer: string, visitor: string, now: number): void {
  sql.exec(`INSERT INTO customer_visitors (customer, visitor, updated) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET updated = excluded.updated`, customer, visitor, now);
}

export function unindexCustomer(sql: SqlStorage, customer: string, visitor: string): void {
  sql.exec(`DELETE FROM customer_visitors WHERE customer = ? AND visitor = ?`, customer, visitor);
}

/** The visitor ids a customer was seen as, most recent first. */
export function visitorsOf(sql: SqlStorage, customer: string): string[] {
  return sql.exec<{ visitor: string }>(`SELECT visitor FROM customer_visitors WHERE customer = ? ORDER BY updated DESC`, customer).toArray().map((r) => r.visitor);
}

export function pruneSeen(sql: SqlStorage, before: number): void {
  sql.exec(`DELETE FROM seen_events WHERE ts < ?`, before);
}
