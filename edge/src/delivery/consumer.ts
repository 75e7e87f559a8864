import type { Env } from '../env.js';
import { shardStub } from '../visitors/shard.js';
import { attemptDelivery, type AttemptOutcome } from './attempt.js';
import { retryDelay } from './backoff.js';
import type { DeliveryMessage } from './deliver.js';
import { getWebhook, type Webhook } from './registry.js';

/** Must match wrangler.toml's `dead_letter_queue` (a test compares them). */
export const DEAD_LETTER_QUEUE = 'vitrine-deliveries-dead';

/**
 * The queue consumer. Each message is one attempt: the shard that keeps the record says
 * what to send (nothing, if it was sent, cancelled or forgotten meanwhile), the attempt
 * is signed and POSTed, the shard records the outcome, and a failure is retried after
 * the backoff step; after the last attempt the record stays as failed. Messages of one
 * shard are read and recorded together (two calls per shard per batch). A message the
 * consumer itself keeps failing on goes to the dead-letter queue, whose consumer marks it
 * failed.
 */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return void (await Promise.all(batch.messages.map((message) => bury(message, env))));
  const byShard = new Map<string, Message<DeliveryMessage>[]>();
  for (const message of batch.messages) {
    const key = `${message.body.site}#${message.body.shard}`;
    byShard.set(key, [...(byShard.get(key) ?? []), message]);
  }
  const hooks = new Map<string, Promise<Webhook | null>>();
  const hookOf = (site: string, name: string) => {
    const key = `${site}#${name}`;
    if (!hooks.has(key)) hooks.set(key, getWebhook(env.KV, site, name));
    return hooks.get(key)!;
  };
  await Promise.all([...byShard.values()].map((messages) => attemptShard(messages, env, hookOf)));
}

async function attemptShard(messages: Message<DeliveryMessage>[], env: Env, hookOf: (site: string, name: string) => Promise<Webhook | null>): Promise<void> {
  const { site, shard } = messages[0].body;
  try {
    const stub = shardStub(env, site, shard);
    const pending = await stub.pendingDeliveries(messages.map((m) => m.body.id));
    const attempts = await Promise.all(
      messages.map(async (message): Promise<[Message<DeliveryMessage>, AttemptOutcome] | null> => {
        const record = pending.get(message.body.id);
        if (!record) return null;
        const hook = await hookOf(site, record.webhook);
        const outcome = hook ? await attemptDelivery(hook, message.body.id, record.body, Date.now()) : { ok: false, error: `webhook "${record.webhook}" is not registered` };
        return [message, outcome];
      }),
    );
    const tried = attempts.filter((a) => a !== null);
    await stub.recordAttempts(
      tried.map(([message, outcome]) => ({ id: message.body.id, ...outcome, final: !outcome.ok && retryDelay(message.attempts) === null })),
      Date.now(),
    );
    const failed = new Map(tried.filter(([, outcome]) => !outcome.ok).map(([message]) => [message, retryDelay(message.attempts)]));
    for (const message of messages) {
      const delay = failed.get(message);
      if (delay) message.retry({ delaySeconds: delay });
      else message.ack();
    }
  } catch (error) {
    console.warn(`deliveries of ${site}#${shard}: a batch could not be attempted`, error);
    for (const message of messages) message.retry({ delaySeconds: retryDelay(message.attempts) ?? 60 });
  }
}

async function bury(message: Message<DeliveryMessage>, env: Env): Promise<void> {
  const { site, shard, id } = message.body;
  try {
    await shardStub(env, site, shard).markDeliveryFailed(id, 'gave up: the delivery kept failing before it could be attempted', Date.now());
    message.ack();
  } catch {
    message.retry();
  }
}
