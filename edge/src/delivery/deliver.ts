import type { Env } from '../env.js';
import { shardFor } from '../visitors/shard.js';
import { insertDelivery, markEnqueued, newDeliveryId, unqueued, type NewDelivery } from './store.js';

/** What travels through the queue: where the record is, never the body (it may be forgotten meanwhile). */
export interface DeliveryMessage {
  site: string;
  shard: number;
  id: string;
}

export interface Delivery {
  site: string;
  /** A registered webhook name. */
  webhook: string;
  /** `journey.fired`, `audience.entered`, … — the body's `type`. */
  type: string;
  /** The body's other fields. */
  payload: Record<string, unknown>;
  /** Whose shard keeps the record: the visitor id (journeys) or the customer id (audiences). */
  key: string;
  ref?: string;
  /**
   * Whose data the body holds, so `forget` can scrub it (defaults to `key`); null for a
   * message no forget may cancel (the exit that tells destinations a customer is forgotten).
   */
  subject?: string | null;
}

/**
 * Signed, retried delivery of one message to a registered webhook (Standard Webhooks):
 * recorded in the shard of `key`, then queued. Answers the message id, which is the
 * `webhook-id` of every attempt. For callers outside a shard (audiences).
 */
export async function deliver(env: Env, delivery: Delivery): Promise<string> {
  const { n, stub } = shardFor(env, delivery.site, delivery.key);
  return stub.deliver({ site: delivery.site, shard: n }, delivery);
}

/** The record, from inside the shard that keeps it; `enqueue` hands it to the queue after. */
export function recordDelivery(sql: SqlStorage, delivery: Delivery, now: number): string {
  const record: NewDelivery = {
    id: newDeliveryId(),
    webhook: delivery.webhook,
    type: delivery.type,
    ref: delivery.ref,
    subject: delivery.subject === undefined ? delivery.key : (delivery.subject ?? undefined),
    body: JSON.stringify({ type: delivery.type, ...delivery.payload }),
  };
  insertDelivery(sql, record, now);
  return record.id;
}

/** Queue messages go out in batches of at most this many (the Queues limit per sendBatch). */
const SEND_BATCH = 100;

/**
 * Hands every record of this shard not yet queued to the queue, in batches. Answers how
 * many are still waiting for it (a batch the queue refused): the shard's alarm tries again.
 */
export async function enqueue(env: Env, sql: SqlStorage, where: { site: string; shard: number }): Promise<number> {
  for (;;) {
    const ids = unqueued(sql, SEND_BATCH);
    if (!ids.length) return 0;
    // Claimed before the send: another call into the shard runs while this one awaits the
    // queue, and would otherwise hand the same records over a second time.
    markEnqueued(sql, ids);
    try {
      await env.DELIVERIES.sendBatch(ids.map((id) => ({ body: { site: where.site, shard: where.shard, id } satisfies DeliveryMessage })));
    } catch (error) {
      markEnqueued(sql, ids, false);
      console.warn(`deliveries of ${where.site}#${where.shard}: the queue refused a batch; the alarm retries`, error);
      return unqueued(sql, Number.MAX_SAFE_INTEGER).length;
    }
  }
}
