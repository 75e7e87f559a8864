// Each retention purge of the site's Durable Object, at a clock the test sets (purgeExpired
// takes `now`; nothing sleeps): the row just past its table's retention goes, the row just
// inside stays. Then the object's alarm, which runs the same purge at the real time.
import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { post, put, siteConfig } from '../testing/fixtures.js';
import { purgeExpired, RETENTION_DAYS } from './retention.js';
import type { SiteStats } from './site-stats.js';
import { statsFor } from './stub.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T12:00:00Z');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One row of `table` at a time `ms`, tagged `tag` so the test can tell which survived. */
const insert: Record<keyof typeof RETENTION_DAYS, (sql: SqlStorage, tag: string, ms: number) => void> = {
  event_ids: (sql, tag, ms) => sql.exec(`INSERT INTO event_ids (visitor, id, ts) VALUES (?, ?, ?)`, 'v', tag, ms),
  view_baskets: (sql, tag, ms) => sql.exec(`INSERT INTO view_baskets (visitor, day, item) VALUES (?, ?, ?)`, 'v', isoDay(ms), tag),
  last_views: (sql, tag, ms) => sql.exec(`INSERT INTO last_views (visitor, item, category, ts) VALUES (?, ?, 'c', ?)`, tag, tag, ms),
  visitor_days: (sql, tag, ms) => sql.exec(`INSERT INTO visitor_days (day, visitor) VALUES (?, ?)`, isoDay(ms), tag),
  path_views: (sql, tag, ms) => sql.exec(`INSERT INTO path_views (day, segment, kind, item, n) VALUES (?, '*', 'item', ?, 1)`, isoDay(ms), tag),
  path_steps: (sql, tag, ms) => sql.exec(`INSERT INTO path_steps (day, segment, kind, src, dst, n) VALUES (?, '*', 'item', ?, 'x', 1)`, isoDay(ms), tag),
  bought_categories: (sql, tag, ms) => sql.exec(`INSERT INTO bought_categories (visitor, category, day) VALUES ('v', ?, ?)`, tag, isoDay(ms)),
};
const tags: Record<keyof typeof RETENTION_DAYS, string> = {
  event_ids: 'id',
  view_baskets: 'item',
  last_views: 'visitor',
  visitor_days: 'visitor',
  path_views: 'item',
  path_steps: 'src',
  bought_categories: 'category',
};

describe('retention purges at a controlled clock', () => {
  it.each([
    // table, days kept, a time just past it, a time just inside it
    ['event_ids', 30, NOW - 30 * DAY - 1, NOW - 30 * DAY + 1],
    ['view_baskets', 2, NOW - 3 * DAY, NOW - 2 * DAY],
    ['last_views', 2, NOW - 2 * DAY - 1, NOW - 2 * DAY + 1],
    ['visitor_days', 396, NOW - 397 * DAY, NOW - 396 * DAY],
    ['path_views', 396, NOW - 397 * DAY, NOW - 396 * DAY],
    ['bought_categories', 396, NOW - 397 * DAY, NOW - 396 * DAY],
    ['path_steps', 396, NOW - 397 * DAY, NOW - 396 * DAY],
  ] as const)('%s: kept %i days', async (table, days, past, inside) => {
    expect(RETENTION_DAYS[table]).toBe(days);
    const stub = statsFor(env, `retention-${table}`);
    const left = await runInDurableObject(stub, (_: SiteStats, state) => {
      const sql = state.storage.sql;
      insert[table](sql, 'expired', past);
      insert[table](sql, 'kept', inside);
      insert[table](sql, 'today', NOW);
      const removed = purgeExpired(sql, NOW);
      expect(removed[table]).toBe(1);
      return sql.exec<{ tag: string }>(`SELECT ${tags[table]} AS tag FROM ${table} ORDER BY 1`).toArray().map((r) => r.tag);
    });
    expect(left).toEqual(['kept', 'today']);
  });
});

describe("the object's alarm", () => {
  const SITE = 'retention-alarm';
  beforeAll(async () => {
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
  });

  it('is armed by any counted event, purges what expired by the real clock, and comes back while visits remain', async () => {
    const stub = statsFor(env, SITE);
    const res = await SELF.fetch(
      post('/v1/collect', { site: SITE, visitor: 'alarm-visitor-1', consent: { analytics: true, personalization: false }, events: [{ id: 'alarm-evt-0001', name: 'page_view', ts: Date.now() }] }),
    );
    expect(res.status).toBe(200);
    await runInDurableObject(stub, async (_: SiteStats, state) => {
      // A page view teaches no recommendation: the alarm is the daily purge, not the lists' minute.
      const at = await state.storage.getAlarm();
      expect(at).toBeGreaterThan(Date.now() + 60_000);
      insert.visitor_days(state.storage.sql, 'thirteen-months-ago', Date.now() - 400 * DAY);
      insert.event_ids(state.storage.sql, 'old-event', Date.now() - 31 * DAY);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const after = await runInDurableObject(stub, async (_: SiteStats, state) => ({
      visitors: state.storage.sql.exec<{ visitor: string }>(`SELECT visitor FROM visitor_days`).toArray().map((r) => r.visitor),
      events: state.storage.sql.exec<{ id: string }>(`SELECT id FROM event_ids`).toArray().map((r) => r.id),
      alarm: await state.storage.getAlarm(),
    }));
    expect(after.visitors).toEqual(['alarm-visitor-1']);
    expect(after.events).toEqual(['alarm-evt-0001']);
    expect(after.alarm).not.toBeNull();
  });
});
