// How long audience memberships are kept, in workerd with a real visitor shard: the shard's
// daily alarm closes the memberships of audiences taken out of the config and deletes
// closed ones after the retention time.
import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { put, siteConfig } from '../testing/fixtures.js';
import { RETENTION_DAYS } from '../visitors/visitor-shard.js';
import { shardStub } from '../visitors/shard.js';

const SITE = 'membership-retention';
const DAY = 86_400_000;

it('closes the memberships of an audience taken out of the config and deletes closed ones after the retention time', async () => {
  const config = siteConfig(SITE, { audiences: [{ id: 'kept', name: 'Kept', segment: 'thriller-lovers', purpose: 'email' }] });
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
  const stub = shardStub(env, SITE, 0) as unknown as DurableObjectStub;
  const now = Date.now();
  const rows = () =>
    runInDurableObject(stub, (_, state) =>
      Object.fromEntries(
        state.storage.sql
          .exec<{ audience: string; customer: string; exited_at: number | null }>(`SELECT audience, customer, exited_at FROM audience_members`)
          .toArray()
          .map((r) => [`${r.audience} ${r.customer}`, r.exited_at === null ? 'current' : 'closed']),
      ),
    );
  await runInDurableObject(stub, async (_, state) => {
    const sql = state.storage.sql;
    sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('where', ?)`, JSON.stringify({ site: SITE, shard: 0 }));
    const member = (audience: string, customer: string, exitedAt: number | null) =>
      sql.exec(`INSERT INTO audience_members (audience, customer, entered_at, exited_at) VALUES (?, ?, ?, ?)`, audience, customer, now - 200 * DAY, exitedAt);
    member('kept', 'current-member', null);
    member('removed', 'member-of-a-removed-audience', null);
    member('kept', 'left-long-ago', now - (RETENTION_DAYS + 1) * DAY);
    member('kept', 'left-lately', now - 10 * DAY);
    // Due later; runDurableObjectAlarm runs it now.
    await state.storage.setAlarm(now + 3_600_000);
  });

  expect(await runDurableObjectAlarm(stub)).toBe(true);
  expect(await rows()).toEqual({
    'kept current-member': 'current',
    'removed member-of-a-removed-audience': 'closed',
    'kept left-lately': 'closed',
  });
});
