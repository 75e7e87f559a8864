import { journeyEventNames } from '../../../shared/journeys/plan.js';
import type { CollectRequest, VitrineEvent } from '../../../shared/schema/events.js';
import type { Loaded } from '../config/cache.js';
import type { Env } from '../env.js';
import { fail } from '../http/problems.js';
import { trackJourneyEvents } from '../visitors/state.js';

/**
 * Collect's hand-off to journeys: the batch's events that a journey triggers on or is
 * cancelled by go to the visitor's shard (which dedupes them by id). Nothing without
 * personalization consent, nothing for sites without journeys, never debug views. If
 * the shard cannot take them the batch is answered 503, so the SDK sends it again (the
 * stats and the shard both drop what they already have).
 */
export async function feedJourneys(env: Env, loaded: Loaded, batch: CollectRequest, events: VitrineEvent[]): Promise<void> {
  if (!batch.consent.personalization || !loaded.compiled.journeys.length) return;
  const names = journeyEventNames(loaded.compiled.journeys);
  const relevant = events.filter((e) => names.has(e.name) && !e.forced);
  if (!relevant.length) return;
  const mapped = relevant.map(({ id, name, ts, ...params }) => ({ id, name, ts, params: { name, ...params } }));
  await trackJourneyEvents(env, batch.site, batch.visitor, batch.consent, mapped, Date.now()).catch((error) => {
    console.warn('visitor state unavailable', error);
    fail(503, 'journey state unavailable; keep the batch and retry', undefined, { 'Retry-After': '30' });
  });
}
