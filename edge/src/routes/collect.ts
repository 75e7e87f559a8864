import { Hono } from 'hono';
import { CollectRequestSchema, EventSchema, type VitrineEvent } from '../../../shared/schema/events.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { fail, type Problem } from '../http/problems.js';
import { feedJourneys } from '../journeys/collect-hook.js';
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
  if (!batch.consent.analytics) fail(403, 'no analytics consent: nothing was stored');

  const events: VitrineEvent[] = [];
  const rejected: (Problem & { index: number })[] = [];
  batch.events.forEach((raw, index) => {
    const parsed = EventSchema.safeParse(raw);
    if (parsed.success) events.push(parsed.data);
    else for (const issue of parsed.error.issues) rejected.push({ index, path: ['events', index, ...issue.path.map(String)], message: issue.message });
  });
  // `issues` like every other 400; `rejected` (the same list) stays for SDKs that read it.
  if (events.length === 0) return c.json({ error: 'no valid events', issues: rejected, accepted: 0, duplicates: 0, rejected }, 400);

  const outcome = await withStats(
    c.env,
    batch.site,
    (stats) =>
      stats.collect({
        site: batch.site,
        visitor: batch.visitor,
        client: c.req.header('cf-connecting-ip') ?? 'local',
        segments: batch.segments ?? [],
        events,
      }),
    'event store unavailable; keep the batch and retry',
  );
  if (outcome.retryAfter) fail(429, 'too many events from this visitor', undefined, { 'Retry-After': String(outcome.retryAfter) });
  await feedJourneys(c.env, loaded, batch, events);
  return c.json({ accepted: outcome.accepted, duplicates: outcome.duplicates, ignored: outcome.ignored, rejected });
});
