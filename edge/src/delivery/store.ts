/**
 * Delivery records, in the SQLite of the per-visitor state object that made them (the
 * visitor's shard for a journey; the customer's for an audience). A record holds the exact
 * body that is signed and sent, so every retry sends the same bytes under the same
 * `webhook-id`; the body is dropped once sent, and when its visitor is forgotten. The
 * record is written first and handed to the queue after (`enqueued`), so a message the
 * queue did not take is sent again by the shard's alarm, never lost.
 */
export const DELIVERY_SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY, webhook TEXT NOT NULL, type TEXT NOT NULL,
  ref TEXT, subject TEXT, body TEXT,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, enqueued INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_ref ON deliveries (ref, status);
CREATE INDEX IF NOT EXISTS deliveries_subject ON deliveries (subject);
CREATE INDEX IF NOT EXISTS deliveries_unqueued ON deliveries (enqueued) WHERE enqueued = 0;
`;

/** queued: not tried yet · retrying: tried and failed, will try again · failed: gave up (kept for a manual retry). */
export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface NewDelivery {
  id: string;
  webhook: string;
  type: string;
  /** What the counts group by: a journey id, an audience id. */
  ref?: string;
  /** Whose data the body holds (a visitor id): forgetting them scrubs it. */
  subject?: string;
  body: string;
}

export interface Pending {
  webhook: string;
  body: string;
  attempts: number;
}

export interface DeliveryError {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  error: string;
  at: string;
}

export function newDeliveryId(): string {
  return `msg_${crypto.randomUUID().replaceAll('-', '')}`;
}

export function insertDelivery(sql: SqlStorage, d: NewDelivery, now: number): void {
  sql.exec(
    `INSERT INTO deliveries (id, webhook, type, ref, subject, body, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
    d.id, d.webhook, d.type, d.ref ?? null, d.subject ?? null, d.body, now, now,
  );
}

/** Records not handed to the queue yet (or whose hand-over failed). */
export function unqueued(sql: SqlStorage, limit: number): string[] {
  return sql
    .exec<{ id: string }>(`SELECT id FROM deliveries WHERE enqueued = 0 AND status IN ('queued', 'retrying') LIMIT ?`, limit)
    .toArray()
    .map((r) => r.id);
}

/** Handed to the queue (or, with `false`, handed back: the queue refused them). */
export function markEnqueued(sql: SqlStorage, ids: readonly string[], enqueued = true): void {
  for (const id of ids) sql.exec(`UPDATE deliveries SET enqueued = ? WHERE id = ?`, enqueued ? 1 : 0, id);
}

/** What to send for each id that still has something to send (not sent, failed, cancelled or unknown). */
export function pendingDeliveries(sql: SqlStorage, ids: readonly string[]): Map<string, Pending> {
  const out = new Map<string, Pending>();
  for (const id of ids) {
    const row = sql
      .exec<{ webhook: string; body: string | null; attempts: number }>(`SELECT webhook, body, attempts FROM deliveries WHERE id = ? AND status IN ('queued', 'retrying')`, id)
      .toArray()[0];
    if (row?.body) out.set(id, { webhook: row.webhook, body: row.body, attempts: row.attempts });
  }
  return out;
}

export interface AttemptRecord {
  ok: boolean;
  error?: string;
  /** The last attempt: a failure is final. */
  final: boolean;
}

/** One attempt's outcome. A late success after a give-up still counts once; a second success is ignored. */
export function recordAttempt(sql: SqlStorage, id: string, outcome: AttemptRecord, now: number): void {
  if (outcome.ok) {
    sql.exec(`UPDATE deliveries SET status = 'sent', body = NULL, attempts = attempts + 1, updated = ? WHERE id = ? AND status != 'sent' AND status != 'cancelled'`, now, id);
  } else {
    sql.exec(
      `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_error = ?, updated = ? WHERE id = ? AND status IN ('queued', 'retrying')`,
      outcome.final ? 'failed' : 'retrying', outcome.error ?? 'failed', now, id,
    );
  }
}

/** The dead-letter queue's verdict: the message could not even be attempted (the consumer kept failing). */
export function markFailed(sql: SqlStorage, id: string, error: string, now: number): void {
  sql.exec(`UPDATE deliveries SET status = 'failed', last_error = ?, updated = ? WHERE id = ? AND status IN ('queued', 'retrying')`, error, now, id);
}

/** A manual retry: a failed delivery of `ref` is queued again (same id, same body). False when it is not failed or was forgotten. */
export function requeueFailed(sql: SqlStorage, id: string, ref: string, now: number): boolean {
  const updated = sql.exec(
    `UPDATE deliveries SET status = 'retrying', enqueued = 0, updated = ? WHERE id = ? AND ref = ? AND status = 'failed' AND body IS NOT NULL RETURNING id`,
    now, id, ref,
  );
  return updated.toArray().length > 0;
}

/** Forget: nothing of theirs is sent any more, and no stored body names them. Counts stay. */
export function forgetSubject(sql: SqlStorage, subject: string, now: number): void {
  sql.exec(`UPDATE deliveries SET status = 'cancelled', updated = ? WHERE subject = ? AND status IN ('queued', 'retrying', 'failed')`, now, subject);
  sql.exec(`UPDATE deliveries SET body = NULL, subject = NULL, last_error = NULL WHERE subject = ?`, subject);
}

export function deliveryCounts(sql: SqlStorage, ref: string): Record<DeliveryStatus, number> {
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const row of sql.exec<{ status: DeliveryStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM deliveries WHERE ref = ? GROUP BY status`, ref))
    counts[row.status] = row.n;
  return counts;
}

export function lastErrors(sql: SqlStorage, ref: string, limit: number): DeliveryError[] {
  return sql
    .exec<{ id: string; status: DeliveryStatus; attempts: number; last_error: string; updated: number }>(
      `SELECT id, status, attempts, last_error, updated FROM deliveries WHERE ref = ? AND last_error IS NOT NULL ORDER BY updated DESC LIMIT ?`,
      ref, limit,
    )
    .toArray()
    .map((r) => ({ id: r.id, status: r.status, attempts: r.attempts, error: r.last_error, at: new Date(r.updated).toISOString() }));
}

/** Finished records older than `before` go; counts cover what is kept (DELIVERY_RETENTION_DAYS). */
export function pruneDeliveries(sql: SqlStorage, before: number): void {
  sql.exec(`DELETE FROM deliveries WHERE status IN ('sent', 'failed', 'cancelled') AND updated < ?`, before);
}
