import type { Env } from '../env.js';
import { shardStub } from '../visitors/shard.js';
import { attemptDelivery } from './attempt.js';
import { retryDelay } from './backoff.js';
import type { DeliveryMessage } from './deliver.js';
import { getWebhook } from './registry.js';

/** Must match wrangler.toml's `dead_letter_queue` (a test compares them). */
export const DEAD_LETTER_QUEUE = 'vitrine-deliveries-dead';

/**
 * The queue consumer. Each message is one attempt: the shard says what to send (nothing,
 * if it was sent, cancelled or forgotten meanwhile), the attempt is signed and POSTed,
 * the shard records the outcome, and a failure is retried after the backoff step. After
 * the last attempt the record stays as failed. A message the consumer itself keeps failing
 * on goes to the dead-letter queue, whose consumer marks it failed.
 */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const dead = batch.queue === DEAD_LETTER_QUEUE;
  await Promise.all(batch.messages.map((message) => (dead ? bury(message, env) : attempt(message, env))));
}

async function attempt(message: Message<DeliveryMessage>, env: Env): Promise<void> {
  const { site, shard, id } = message.body;
  const delay = retryDelay(message.attempts);
  try {
    const stub = shardStub(env, site, shard);
    const pending = await stub.pendingDelivery(id);
    if (!pending) return message.ack();
    const hook = await getWebhook(env.KV, site, pending.webhook);
    const outcome = hook
      ? await attemptDelivery(hook, id, pending.body, Date.now())
      : { ok: false, error: `webhook "${pending.webhook}" is not registered` };
    await stub.recordAttempt(id, { ...outcome, final: !outcome.ok && delay === null }, Date.now());
    if (outcome.ok || delay === null) message.ack();
    else message.retry({ delaySeconds: delay });
  } catch (error) {
    console.warn(`delivery ${id}: attempt ${message.attempts} could not run`, error);
    message.retry({ delaySeconds: delay ?? 60 });
  }
}

async function bury(message: Message<DeliveryMessage>, env: Env): Promise<void> {
  const { site, shard, id } = message.body;
  await shardStub(env, site, shard).markDeliveryFailed(id, 'gave up: the delivery kept failing before it could be attempted', Date.now());
  message.ack();
}
