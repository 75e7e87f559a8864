import { Hono } from 'hono';
import { CollectRequestSchema } from '../../../shared/schema/events.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import type { AppEnv } from '../env.js';
import { feedAudiences } from '../audiences/collect-hook.js';
import { requestFacts } from '../decide/facts.js';
import { readJson } from '../http/body.js';
import { effectiveConsent } from '../http/consent.js';
import { fail } from '../http/problems.js';
import { feedJourneys } from '../journeys/collect-hook.js';
import { checkEvents, knownSegments, segmentIdsOf } from '../stats/batch-checks.js';
import { withStats } from '../stats/stub.js';
import { siteFor } from './site.js';

/**
 * Events arrive in batches (JSON, or text/plain from sendBeacon). Each event is checked on
 * its own: bad ones are listed with their index and path, good ones are kept. Nothing is
 * taken without analytics consent. The site's Durable Object dedupes by event id.
 */
export const collectRoute = new Hono<AppEnv>().post('/v1/collect', async (c) => {
  c.header('Cache-Control', 'no-store');
  const batch = await readJson(c, CollectRequestSchema, LIMITS.collectBodyBytes);
  const loaded = await siteFor(c, batch.site);
  const { gpc } = requestFacts(c);
  const consent = effectiveConsent(gpc, batch.consent);
  if (!consent.analytics) fail(403, 'no analytics consent: nothing was stored');

  const { events, rejected } = checkEvents(batch.events, Date.now());
  // `issues` like every other 400; `rejected` (the same list) stays for SDKs that read it.
  if (events.length === 0) return c.json({ error: 'no valid events', issues: rejected, accepted: 0, duplicates: 0, rejected }, 400);
  const { segments, dropped } = knownSegments(batch.segments, segmentIdsOf(loaded.compiled));

  const outcome = await withStats(
    c.env,
    batch.site,
    (stats) =>
      stats.collect({
        site: batch.site,
        visitor: batch.visitor,
        client: c.req.header('cf-connecting-ip') ?? 'local',
        segments,
        events: events.map((e) => e.event),
      }),
    'event store unavailable; keep the batch and retry',
  );
  if (outcome.limited) fail(429, outcome.limited.reason, undefined, { 'Retry-After': String(outcome.limited.retryAfter) });
  await feedJourneys(c.env, loaded, { ...batch, consent }, events.map((e) => e.event));
  await feedAudiences(c.env, loaded, batch, gpc === true, Date.now());
  // The object numbers the events it was given; the answer numbers them as the batch did.
  const ignored = outcome.ignored.map((i) => ({ ...i, index: events[i.index].index }));
  // `consent` as applied, so a page can see that Sec-GPC withdrew `ads`.
  return c.json({ accepted: outcome.accepted, duplicates: outcome.duplicates, ignored, rejected, segmentsDropped: dropped, consent });
});
