import { Hono } from 'hono';
import { Id } from '../../../../shared/schema/common.js';
import type { AppEnv } from '../../env.js';
import { fail } from '../../http/problems.js';
import { journeyDeliveries, retryDelivery } from '../../journeys/report.js';
import { shardCount } from '../../visitors/shard.js';
import { onEveryShard } from '../../visitors/state.js';

function idOf(raw: string, what: string): string {
  if (!Id.safeParse(raw).success) fail(400, `invalid ${what}`, [{ path: [what], message: 'use lowercase letters, digits, "-" or "_" (at most 64)' }]);
  return raw;
}

export const journeyRoutes = new Hono<AppEnv>()
  /** Counts (scheduled, waiting, skipped, cancelled, queued, sent, retrying, failed) and the last errors, over all shards. */
  .get('/sites/:site/journeys/:journey/deliveries', async (c) =>
    c.json(await journeyDeliveries(c.env, c.req.param('site'), idOf(c.req.param('journey'), 'journey'))),
  )
  /** Sends a failed message again: same webhook-id, same body, a fresh series of attempts. */
  .post('/sites/:site/journeys/:journey/deliveries/:delivery/retry', async (c) => {
    const delivery = c.req.param('delivery');
    if (!/^msg_[0-9a-f]{32}$/.test(delivery)) fail(400, 'invalid delivery id', [{ path: ['delivery'], message: 'a delivery id is msg_ and 32 hex digits' }]);
    const queued = await retryDelivery(c.env, c.req.param('site'), idOf(c.req.param('journey'), 'journey'), delivery);
    if (!queued) fail(404, 'no failed delivery with this id for this journey');
    return c.json({ delivery, status: 'retrying' }, 202);
  })
  /** How much the site's per-visitor state takes, over all shards. */
  .get('/sites/:site/visitor-state', async (c) => {
    const sizes = await onEveryShard(c.env, c.req.param('site'), (stub) => stub.storageBytes());
    return c.json({ shards: shardCount(c.env), storageBytes: sizes.reduce((a, b) => a + b, 0) });
  });
