import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../../../shared/schema/common.js';
import { CollectRequestSchema } from '../../../shared/schema/events.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { isLocalDev } from '../delivery/webhook-url.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { fail } from '../http/problems.js';
import { requestFacts } from '../decide/facts.js';
import { effectiveConsent } from '../http/consent.js';
import { feedJourneys } from '../journeys/collect-hook.js';
import { checkEvents } from '../stats/batch-checks.js';
import { shardFor } from '../visitors/shard.js';
import { siteFor } from './site.js';

const FastForwardSchema = z.object({ site: Id, visitor: z.string().min(8).max(LIMITS.idLength) });

/**
 * Local development only (`VITRINE_DEV=1`, which only `wrangler dev` reads from
 * `.dev.vars`). The variant tester's fast-forward looks at a visitor's waiting journey
 * runs now and decides them as at their due time, so a 45-day mail can be seen today.
 */
export const devRoutes = new Hono<AppEnv>()
  .post('/v1/dev/fast-forward', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (!isLocalDev(c.env)) fail(403, 'fast-forward is for local development only');
    const body = await readJson(c, FastForwardSchema, 4096);
    await siteFor(c, body.site);
    const moved = await shardFor(c.env, body.site, body.visitor).stub.fastForward(body.visitor, Date.now());
    return c.json({ moved });
  })
  /**
   * The tester plays a persona's past (an at-risk buyer's orders of 75 days ago), which
   * collect refuses: it counts events of the last 30 days only, its dedupe window. Here,
   * in local development only, that past reaches the journeys — never the statistics — as
   * if the edge had seen it happen, so the seeds' "2.5 months after the last order" plan
   * can be watched today.
   */
  .post('/v1/dev/history', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (!isLocalDev(c.env)) fail(403, 'replaying history is for local development only');
    const batch = await readJson(c, CollectRequestSchema, LIMITS.collectBodyBytes);
    const loaded = await siteFor(c, batch.site);
    const consent = effectiveConsent(requestFacts(c).gpc, batch.consent);
    const { events, rejected } = checkEvents(batch.events, Date.now(), Number.POSITIVE_INFINITY);
    if (rejected.length) fail(400, 'invalid events', rejected);
    await feedJourneys(c.env, loaded, { ...batch, consent }, events.map((e) => e.event));
    return c.json({ replayed: events.length });
  });
