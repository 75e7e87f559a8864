import type { TriggerFacts, Waiting } from '../../../shared/journeys/plan.js';

/**
 * Journey runs of the visitors in one shard. A run waits until `due`; `check_at` is when
 * the shard's alarm next looks at it (the due time, later when it waits for a fresh
 * summary, now when fast-forwarded); `received` is when its trigger reached the edge (a
 * summary older than that may not know it). One alarm per shard, at the earliest `check_at`.
 * A finished run keeps its counts (status) but not whose run it was once forgotten.
 */
export const RUN_SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, journey TEXT NOT NULL, visitor TEXT, status TEXT NOT NULL,
  due INTEGER NOT NULL, check_at INTEGER NOT NULL, received INTEGER NOT NULL, trigger TEXT, delivery TEXT, reason TEXT,
  created INTEGER NOT NULL, updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_check ON runs (status, check_at);
CREATE INDEX IF NOT EXISTS runs_journey ON runs (journey, status);
CREATE UNIQUE INDEX IF NOT EXISTS runs_waiting ON runs (visitor, journey) WHERE status = 'waiting';
`;

/** waiting → firing → fired (handed to delivery) | skipped (`only` did not match) | cancelled. */
export const RUN_STATUSES = ['waiting', 'firing', 'fired', 'skipped', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface DueRun {
  id: number;
  journey: string;
  visitor: string;
  due: number;
  received: number;
  trigger: TriggerFacts;
}

export function waitingRuns(sql: SqlStorage, visitor: string): Waiting[] {
  return sql
    .exec<{ journey: string; trigger: string }>(`SELECT journey, trigger FROM runs WHERE visitor = ? AND status = 'waiting'`, visitor)
    .toArray()
    .map((r) => ({ journey: r.journey, triggerAt: (JSON.parse(r.trigger) as TriggerFacts).at }));
}

/** Schedules a run, or restarts the wait of the one already waiting. */
export function scheduleRun(sql: SqlStorage, visitor: string, journey: string, trigger: TriggerFacts, due: number, now: number): void {
  const checkAt = Math.max(due, now);
  const restarted = rows(
    sql.exec(
      `UPDATE runs SET due = ?, check_at = ?, received = ?, trigger = ?, updated = ? WHERE visitor = ? AND journey = ? AND status = 'waiting' RETURNING id`,
      due, checkAt, now, JSON.stringify(trigger), now, visitor, journey,
    ),
  );
  if (!restarted)
    sql.exec(
      `INSERT INTO runs (journey, visitor, status, due, check_at, received, trigger, created, updated) VALUES (?, ?, 'waiting', ?, ?, ?, ?, ?, ?)`,
      journey, visitor, due, checkAt, now, JSON.stringify(trigger), now, now,
    );
}

export function cancelRun(sql: SqlStorage, visitor: string, journey: string, reason: string, now: number): void {
  sql.exec(`UPDATE runs SET status = 'cancelled', reason = ?, updated = ? WHERE visitor = ? AND journey = ? AND status = 'waiting'`, reason, now, visitor, journey);
}

/** Runs to look at now, earliest first; each is claimed (waiting → firing) so nothing else moves it meanwhile. */
export function claimDue(sql: SqlStorage, now: number, limit: number): DueRun[] {
  const rows = sql
    .exec<{ id: number; journey: string; visitor: string; due: number; received: number; trigger: string }>(
      `SELECT id, journey, visitor, due, received, trigger FROM runs WHERE status = 'waiting' AND check_at <= ? ORDER BY check_at LIMIT ?`,
      now, limit,
    )
    .toArray();
  for (const r of rows) sql.exec(`UPDATE runs SET status = 'firing', updated = ? WHERE id = ?`, now, r.id);
  return rows.map((r) => ({ id: r.id, journey: r.journey, visitor: r.visitor, due: r.due, received: r.received, trigger: JSON.parse(r.trigger) as TriggerFacts }));
}

/** Whether the run is still being fired (forget cancels it in between). */
export function stillFiring(sql: SqlStorage, id: number): boolean {
  return sql.exec(`SELECT 1 FROM runs WHERE id = ? AND status = 'firing'`, id).toArray().length > 0;
}

export function finishRun(sql: SqlStorage, id: number, status: 'fired' | 'skipped' | 'cancelled', detail: { reason?: string; delivery?: string }, now: number): void {
  sql.exec(
    `UPDATE runs SET status = ?, reason = ?, delivery = ?, updated = ? WHERE id = ? AND status = 'firing'`,
    status, detail.reason ?? null, detail.delivery ?? null, now, id,
  );
}

/** Back to waiting, to be looked at again at `checkAt` (unless a newer trigger restarted it meanwhile: then it goes). */
export function postponeRun(sql: SqlStorage, id: number, checkAt: number, now: number): void {
  try {
    sql.exec(`UPDATE runs SET status = 'waiting', check_at = ?, updated = ? WHERE id = ? AND status = 'firing'`, checkAt, now, id);
  } catch {
    // A trigger during the fire made a new waiting run of the same journey: that one stands.
    sql.exec(`UPDATE runs SET status = 'cancelled', reason = 'restarted', updated = ? WHERE id = ?`, now, id);
  }
}

/** Runs left `firing` by an object that was reset mid-fire go back to waiting. */
export function recoverFiring(sql: SqlStorage, before: number, now: number): void {
  for (const { id } of sql.exec<{ id: number }>(`SELECT id FROM runs WHERE status = 'firing' AND updated < ?`, before).toArray()) postponeRun(sql, id, now, now);
}

export function nextCheck(sql: SqlStorage): number | null {
  return sql.exec<{ at: number | null }>(`SELECT MIN(check_at) AS at FROM runs WHERE status = 'waiting'`).one().at;
}

/** The visitor's waiting runs that are due now: look again at once (a fresher summary arrived, or fast-forward). */
export function recheckDue(sql: SqlStorage, visitor: string, now: number): number {
  return rows(sql.exec(`UPDATE runs SET check_at = ?, updated = ? WHERE visitor = ? AND status = 'waiting' AND due <= ? RETURNING id`, now, now, visitor, now));
}

/**
 * Demo fast-forward: every waiting run of the visitor is looked at now and decided as at
 * its due time. The wait for a fresher summary is skipped too (`received` 0: any summary will do).
 */
export function fastForwardRuns(sql: SqlStorage, visitor: string, now: number): number {
  return rows(sql.exec(`UPDATE runs SET check_at = ?, received = 0, updated = ? WHERE visitor = ? AND status = 'waiting' RETURNING id`, now, now, visitor));
}

/** Forget: runs are cancelled and no row says whose they were or what they did. */
export function forgetRuns(sql: SqlStorage, visitor: string, now: number): number {
  const cancelled = rows(sql.exec(`UPDATE runs SET status = 'cancelled', reason = 'forgotten', updated = ? WHERE visitor = ? AND status IN ('waiting', 'firing') RETURNING id`, now, visitor));
  sql.exec(`UPDATE runs SET visitor = NULL, trigger = NULL WHERE visitor = ?`, visitor);
  return cancelled;
}

export function runCounts(sql: SqlStorage, journey: string): Record<RunStatus, number> {
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const row of sql.exec<{ status: RunStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM runs WHERE journey = ? GROUP BY status`, journey))
    counts[row.status] = row.n;
  return counts;
}

export function pruneRuns(sql: SqlStorage, before: number): void {
  sql.exec(`DELETE FROM runs WHERE status IN ('fired', 'skipped', 'cancelled') AND updated < ?`, before);
}

/** Rows an UPDATE … RETURNING touched (`rowsWritten` also counts index entries). */
function rows(cursor: SqlStorageCursor<Record<string, SqlStorageValue>>): number {
  return cursor.toArray().length;
}
