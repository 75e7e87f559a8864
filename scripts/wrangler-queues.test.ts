import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../edge/src/delivery/backoff.js';
import { DEAD_LETTER_QUEUE } from '../edge/src/delivery/consumer.js';

// The consumer's retry schedule and the queue's own limit must agree, or the queue would
// dead-letter a message before its last planned attempt (or keep it after).
it('wrangler.toml gives the delivery queue one retry per backoff step and the dead-letter queue the consumer knows', () => {
  const toml = readFileSync('wrangler.toml', 'utf8');
  const consumer = /\[\[queues\.consumers\]\]\s*\nqueue = "vitrine-deliveries"\n([\s\S]*?)(?=\n\[\[|$)/.exec(toml)?.[1] ?? '';
  expect(Number(/max_retries = (\d+)/.exec(consumer)?.[1])).toBe(MAX_ATTEMPTS - 1);
  expect(/dead_letter_queue = "([^"]+)"/.exec(consumer)?.[1]).toBe(DEAD_LETTER_QUEUE);
  expect(toml).toContain(`queue = "${DEAD_LETTER_QUEUE}"`);
});
