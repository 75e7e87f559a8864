import type { Purposes } from './membership.js';

/**
 * What the edge keeps per identified customer, in the customer's own shard (so no one
 * object holds a site's audiences): the hashes of their email and phone (never the
 * address), their ads/email consent with when each was given or withdrawn, the segments
 * the edge last found them in, and their audience memberships with `entered_at` /
 * `exited_at`. Forget deletes all of it.
 */
export const CUSTOMER_SCHEMA = `
CREATE TABLE IF NOT EXISTS customers (
  customer TEXT PRIMARY KEY, email_sha256 TEXT, phone_sha256 TEXT,
  purposes TEXT NOT NULL DEFAULT '{}', segments TEXT, updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audience_members (
  audience TEXT NOT NULL, customer TEXT NOT NULL, entered_at INTEGER NOT NULL, exited_at INTEGER,
  PRIMARY KEY (audience, customer)
);
CREATE INDEX IF NOT EXISTS audience_members_current ON audience_members (audience, customer) WHERE exited_at IS NULL;
`;

export interface Hashes {
  emailSha256?: string;
  phoneSha256?: string;
}
export interface CustomerRecord extends Hashes {
  customer: string;
  purposes: Purposes;
  /** Null until a decide (or a traits upload) has told which segments they are in. */
  segments: string[] | null;
}

type Row = { customer: string; email_sha256: string | null; phone_sha256: string | null; purposes: string; segments: string | null };

function fromRow(row: Row): CustomerRecord {
  return {
    customer: row.customer,
    ...(row.email_sha256 && { emailSha256: row.email_sha256 }),
    ...(row.phone_sha256 && { phoneSha256: row.phone_sha256 }),
    purposes: JSON.parse(row.purposes) as Purposes,
    segments: row.segments === null ? null : (JSON.parse(row.segments) as string[]),
  };
}

export function readCustomer(sql: SqlStorage, customer: string): CustomerRecord | null {
  const row = sql.exec<Row>(`SELECT customer, email_sha256, phone_sha256, purposes, segments FROM customers WHERE customer = ?`, customer).toArray()[0];
  return row ? fromRow(row) : null;
}

export function writeCustomer(sql: SqlStorage, record: CustomerRecord, now: number): void {
  sql.exec(
    `INSERT OR REPLACE INTO customers (customer, email_sha256, phone_sha256, purposes, segments, updated) VALUES (?, ?, ?, ?, ?, ?)`,
    record.customer,
    record.emailSha256 ?? null,
    record.phoneSha256 ?? null,
    JSON.stringify(record.purposes),
    record.segments && JSON.stringify(record.segments),
    now,
  );
}

/** The audiences the customer is a member of now. */
export function currentAudiences(sql: SqlStorage, customer: string): Set<string> {
  return new Set(sql.exec<{ audience: string }>(`SELECT audience FROM audience_members WHERE customer = ? AND exited_at IS NULL`, customer).toArray().map((r) => r.audience));
}

/** A (re-)entry starts a new membership: `entered_at` is the latest entry. */
export function enterAudience(sql: SqlStorage, audience: string, customer: string, now: number): void {
  sql.exec(
    `INSERT INTO audience_members (audience, customer, entered_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET entered_at = excluded.entered_at, exited_at = NULL`,
    audience, customer, now,
  );
}

export function exitAudience(sql: SqlStorage, audience: string, customer: string, now: number): void {
  sql.exec(`UPDATE audience_members SET exited_at = ? WHERE audience = ? AND customer = ? AND exited_at IS NULL`, now, audience, customer);
}

/** Forget: the record and every membership, past ones included. True when there was anything. */
export function deleteCustomer(sql: SqlStorage, customer: string): boolean {
  const records = sql.exec(`DELETE FROM customers WHERE customer = ?`, customer).rowsWritten;
  const memberships = sql.exec(`DELETE FROM audience_members WHERE customer = ?`, customer).rowsWritten;
  return records + memberships > 0;
}

/**
 * Memberships kept no longer than they serve. Those of audiences no longer in the config
 * (`audiences`; null when the config could not be read) are closed, with no message: the
 * audience and its destinations are gone. Closed memberships go once they closed before
 * `closedBefore`. Put back within that time, an audience fills again as its customers
 * are next seen.
 */
export function pruneMemberships(sql: SqlStorage, audiences: readonly string[] | null, closedBefore: number, now: number): void {
  if (audiences) {
    sql.exec(`UPDATE audience_members SET exited_at = ? WHERE exited_at IS NULL AND audience NOT IN (SELECT value FROM json_each(?))`, now, JSON.stringify(audiences));
  }
  sql.exec(`DELETE FROM audience_members WHERE exited_at IS NOT NULL AND exited_at < ?`, closedBefore);
}

/** Whether any membership is current (the prune then needs the config). */
export const anyCurrentMember = (sql: SqlStorage) => sql.exec(`SELECT 1 FROM audience_members WHERE exited_at IS NULL LIMIT 1`).toArray().length > 0;

/** Current members per audience in this shard. */
export function memberCounts(sql: SqlStorage): Map<string, number> {
  const rows = sql.exec<{ audience: string; n: number }>(`SELECT audience, COUNT(*) AS n FROM audience_members WHERE exited_at IS NULL GROUP BY audience`);
  return new Map(rows.toArray().map((r) => [r.audience, r.n]));
}

export interface MemberRow extends CustomerRecord {
  enteredAt: number;
}

/** One page of an audience's current members, by customer id after `after` (keyset paging). */
export function memberPage(sql: SqlStorage, audience: string, after: string, limit: number): MemberRow[] {
  return sql
    .exec<Row & { entered_at: number }>(
      `SELECT m.customer, c.email_sha256, c.phone_sha256, COALESCE(c.purposes, '{}') AS purposes, c.segments, m.entered_at
       FROM audience_members m LEFT JOIN customers c ON c.customer = m.customer
       WHERE m.audience = ? AND m.exited_at IS NULL AND m.customer > ? ORDER BY m.customer LIMIT ?`,
      audience, after, limit,
    )
    .toArray()
    .map((row) => ({ ...fromRow(row), enteredAt: row.entered_at }));
}
