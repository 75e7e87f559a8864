import type { Env } from '../env.js';
import { shardFor } from '../visitors/shard.js';
import { insertDelivery, newDeliveryId, type NewDelivery } from './store.js';

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
  /** Whose data the body holds, so `forget` can scrub it (defaults to `key`). */
  subject?: string;
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

/** The record and the queue message, from inside the shard that keeps the record. */
export async function recordAndQueue(env: Env, sql: SqlStorage, shard: number, delivery: Delivery, now: number): Promise<string> {
  const id = newDeliveryId();
  const record: NewDelivery = {
    id,
    webhook: delivery.webhook,
    type: delivery.type,
    ref: delivery.ref,
    subject: delivery.subject ?? delivery.key,
    body: JSON.stringify({ type: delivery.type, ...delivery.payload }),
  };
  insertDelivery(sql, record, now);
  try {
    await env.DELIVERIES.send({ site: delivery.site, shard, id } satisfies DeliveryMessage);
  } catch (error) {
    // Unqueued, the record would wait for ever: the caller keeps its own state and tries again.
    sql.exec(`DELETE FROM deliveries WHERE id = ?`, id);
    throw error;
  }
  return id;
}
