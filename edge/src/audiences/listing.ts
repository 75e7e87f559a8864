import type { Env } from '../env.js';
import { allShards } from '../visitors/shard.js';
import type { MemberRow } from './customer-store.js';

const PAGE = 500;

/** Current members per audience, over every shard of the site. */
export async function audienceCounts(env: Env, site: string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const counts of await Promise.all(allShards(env, site).map((stub) => stub.audienceCounts()))) {
    for (const [audience, n] of counts) totals.set(audience, (totals.get(audience) ?? 0) + n);
  }
  return totals;
}

/** An audience's current members, shard after shard and page after page: never all in memory. */
export async function* membersOf(env: Env, site: string, audience: string, limit = Infinity): AsyncGenerator<MemberRow> {
  let left = limit;
  for (const stub of allShards(env, site)) {
    for (let after = ''; left > 0; ) {
      const page = await stub.audienceMembers(audience, after, Math.min(PAGE, left));
      for (const row of page) yield row;
      left -= page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1].customer;
    }
  }
}

/** The members as a text stream, one `format`ted piece each (null: left out), after `head`. */
export function memberStream(env: Env, site: string, audience: string, head: string, format: (row: MemberRow) => string | null): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = membersOf(env, site, audience);
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        if (head) return controller.enqueue(encoder.encode(head));
      }
      for (;;) {
        const next = await rows.next();
        if (next.done) return controller.close();
        const text = format(next.value);
        if (text !== null) return controller.enqueue(encoder.encode(text));
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
