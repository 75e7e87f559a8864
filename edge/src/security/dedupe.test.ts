import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteStats } from '../stats/site-stats.js';
import { statsFor } from '../stats/stub.js';
import { post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'dedupe-per-visitor';
const DAY = 86_400_000;
const consent = { analytics: true, personalization: true };
const collect = async (visitor: string, id: string, ts = Date.now()) =>
  (await (await SELF.fetch(post('/v1/collect', { site: SITE, visitor, consent, events: [{ id, name: 'page_view', ts }] }))).json()) as any;
const ids = () =>
  runInDurableObject(statsFor(env, SITE), (_: SiteStats, state) => state.storage.sql.exec<{ visitor: string; id: string }>(`SELECT visitor, id FROM event_ids ORDER BY visitor`).toArray());

beforeAll(async () => {
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
});

describe('event-id dedupe (finding 11)', () => {
  it('another visitor’s event with the same id is counted; the same visitor’s is a duplicate', async () => {
    expect(await collect('dedupe-visitor-a', 'same-event-id-1')).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await collect('dedupe-visitor-b', 'same-event-id-1')).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await collect('dedupe-visitor-a', 'same-event-id-1')).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('forget removes the visitor’s event ids with the rest of their rows', async () => {
    await collect('dedupe-visitor-c', 'forgotten-evt-1');
    expect((await ids()).filter((r) => r.visitor === 'dedupe-visitor-c')).toHaveLength(1);
    expect((await SELF.fetch(post('/v1/forget', { site: SITE, visitor: 'dedupe-visitor-c' }))).status).toBe(200);
    expect((await ids()).filter((r) => r.visitor === 'dedupe-visitor-c')).toEqual([]);
  });

  it('keeps an id as long as collect would accept its event, and no longer', async () => {
    await collect('dedupe-visitor-d', 'old-but-valid-1', Date.now() - 29 * DAY);
    await runInDurableObject(statsFor(env, SITE), async (instance: SiteStats, state) => {
      state.storage.sql.exec(`INSERT INTO event_ids (visitor, id, ts) VALUES ('dedupe-visitor-d', 'past-window-1', ?)`, Date.now() - 31 * DAY);
      await state.storage.put('site', SITE);
      await instance.alarm();
    });
    const kept = (await ids()).filter((r) => r.visitor === 'dedupe-visitor-d').map((r) => r.id);
    expect(kept).toEqual(['old-but-valid-1']);
    // Replaying the kept one is still a duplicate.
    expect(await collect('dedupe-visitor-d', 'old-but-valid-1', Date.now() - 29 * DAY)).toMatchObject({ duplicates: 1 });
  });
});
