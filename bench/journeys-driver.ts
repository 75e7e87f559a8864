/**
 * The load generator of bench/journeys.ts, run inside workerd beside the edge: it hands
 * each visitor's add_to_cart straight to the visitor's shard (the call collect makes),
 * many at once, so the bench measures the shards and not the Node ↔ workerd hop.
 */
import type { Env } from '../edge/src/env.js';
import { shardFor } from '../edge/src/visitors/shard.js';

interface Job {
  site: string;
  from: number;
  to: number;
  ts: number;
  concurrency: number;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const job = (await request.json()) as Job;
    let next = job.from;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (next < job.to) {
          const i = next++;
          const visitor = `bench-visitor-${i}`;
          const { n, stub } = shardFor(env, job.site, visitor);
          const event = { id: `bench-event-${i}-x`, name: 'add_to_cart', ts: job.ts, params: {} };
          await stub.track({ site: job.site, shard: n }, visitor, { analytics: true, personalization: true }, [event], Date.now());
        }
      }),
    );
    return Response.json({ ms: Date.now() - started });
  },
};
