import type { Loaded } from '../config/cache.js';
import { recordAndQueue } from '../delivery/deliver.js';
import type { Env } from '../env.js';
import { readVisitor } from '../visitors/visitor-store.js';
import { journeyDecision } from './decision.js';
import { journeyMessage } from './message.js';
import { finishRun, postponeRun, stillFiring, type DueRun } from './runs.js';

/**
 * A run whose latest summary is older than its trigger's arrival waits this long (past
 * its due time, or past that arrival) for a fresher one — the next page's decide — then
 * fires with what there is. The summary travels only with decide, so an event the edge
 * just received may not be in it yet.
 */
export const FRESH_SUMMARY_GRACE_MS = 5 * 60_000;
/** When the queue refuses a message, the run is looked at again after this. */
const RETRY_FIRE_MS = 60_000;

export interface FireContext {
  env: Env;
  sql: SqlStorage;
  site: string;
  shard: number;
  /** The site's config, or null when it has none any more. */
  loaded: Loaded | null;
  now: number;
  waitUntil(p: Promise<unknown>): void;
}

export type FireOutcome = 'fired' | 'skipped' | 'cancelled' | 'postponed';

/**
 * One claimed run: still in the config? summary fresh enough? Then the pipeline decides
 * as at the due time (`only`, placeholders, recommendations) and the message is handed to
 * delivery. Anything that fails puts the run back to wait, never loses it.
 */
export async function fireRun(ctx: FireContext, run: DueRun): Promise<FireOutcome> {
  const { sql, now } = ctx;
  const journey = ctx.loaded?.compiled.journeys.find((j) => j.spec.id === run.journey);
  if (!ctx.loaded || !journey) return finish(ctx, run, 'cancelled', { reason: 'the journey is no longer in the config' });
  const state = readVisitor(sql, run.visitor);
  if (!state) return finish(ctx, run, 'cancelled', { reason: 'nothing is kept for this visitor any more' });
  const freshBy = Math.max(run.due, run.received) + FRESH_SUMMARY_GRACE_MS;
  if (state.profileAt < run.received && now < freshBy) {
    postponeRun(sql, run.id, freshBy, now);
    return 'postponed';
  }
  try {
    // Fast-forwarded runs are looked at early but decided as at their due time.
    const clock = Math.max(now, run.due);
    const decision = await journeyDecision(ctx.env, { site: ctx.site, visitor: run.visitor, state, loaded: ctx.loaded, journey, clock, waitUntil: ctx.waitUntil });
    if (!stillFiring(sql, run.id)) return 'cancelled';
    if (journey.only && !journey.only(decision.attrs)) return finish(ctx, run, 'skipped', { reason: '"only" did not match at the end of the wait' });
    const payload = journeyMessage({ journey, site: ctx.site, visitor: run.visitor, customer: state.customer, consent: state.consent, trigger: run.trigger, firedAt: Date.now(), ...decision });
    const delivery = await recordAndQueue(ctx.env, sql, ctx.shard, { site: ctx.site, webhook: journey.spec.send.webhook, type: 'journey.fired', payload, key: run.visitor, ref: journey.spec.id }, Date.now());
    return finish(ctx, run, 'fired', { delivery });
  } catch (error) {
    console.warn(`journey ${run.journey}: run ${run.id} could not fire; trying again`, error);
    postponeRun(sql, run.id, now + RETRY_FIRE_MS, now);
    return 'postponed';
  }
}

function finish(ctx: FireContext, run: DueRun, status: 'fired' | 'skipped' | 'cancelled', detail: { reason?: string; delivery?: string }): FireOutcome {
  finishRun(ctx.sql, run.id, status, detail, Date.now());
  return status;
}
