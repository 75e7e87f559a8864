import { DELIVERY_STATUSES, type DeliveryError, type DeliveryStatus } from '../delivery/store.js';
import type { Env } from '../env.js';
import { onEveryShard } from '../visitors/state.js';
import { RUN_STATUSES, type RunStatus } from './runs.js';

const LAST_ERRORS = 10;

export interface JourneyDeliveries {
  journey: string;
  counts: {
    /** Runs started (a restarted wait is the same run). */
    scheduled: number;
    waiting: number;
    skipped: number;
    cancelled: number;
    /** Messages not tried yet. */
    queued: number;
    sent: number;
    retrying: number;
    failed: number;
  };
  lastErrors: DeliveryError[];
}

/**
 * A journey's runs and messages over all of the site's shards: runs by state, their
 * messages by delivery state, and the latest errors (kept RETENTION_DAYS).
 */
export async function journeyDeliveries(env: Env, site: string, journey: string): Promise<JourneyDeliveries> {
  const parts = await onEveryShard(env, site, (stub) => stub.journeyReport(journey, LAST_ERRORS));
  const runs = sum<RunStatus>(RUN_STATUSES, parts.map((p) => p.runs));
  const deliveries = sum<DeliveryStatus>(DELIVERY_STATUSES, parts.map((p) => p.deliveries));
  return {
    journey,
    counts: {
      scheduled: RUN_STATUSES.reduce((n, s) => n + runs[s], 0),
      waiting: runs.waiting + runs.firing,
      skipped: runs.skipped,
      cancelled: runs.cancelled + deliveries.cancelled,
      queued: deliveries.queued,
      sent: deliveries.sent,
      retrying: deliveries.retrying,
      failed: deliveries.failed,
    },
    lastErrors: parts
      .flatMap((p) => p.errors)
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .slice(0, LAST_ERRORS),
  };
}

function sum<S extends string>(statuses: readonly S[], parts: Record<S, number>[]): Record<S, number> {
  return Object.fromEntries(statuses.map((s) => [s, parts.reduce((n, p) => n + p[s], 0)])) as Record<S, number>;
}

/** A manual retry of a failed delivery of the journey, wherever its shard is. */
export async function retryDelivery(env: Env, site: string, journey: string, id: string): Promise<boolean> {
  return (await onEveryShard(env, site, (stub) => stub.retryDelivery(id, journey, Date.now()))).some(Boolean);
}
