import type { Audience } from '../../../shared/schema/config.js';
import type { Env } from '../env.js';
import { membersOf } from './listing.js';

export interface OverviewMember {
  customer_id: string;
  enteredAt: string;
  /** When the audience's purpose was granted (online or offline). */
  consentAt?: string;
  hashes: ('email' | 'phone')[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Each audience with its first members and why they are in it (its segment, and the
 * purpose's consent with when it was given), for the demo's variant tester.
 */
export async function audienceOverview(env: Env, site: string, audiences: readonly Audience[], limit: number) {
  return Promise.all(
    audiences.map(async (audience) => {
      const members: OverviewMember[] = [];
      for await (const row of membersOf(env, site, audience.id, limit)) {
        const consent = row.purposes[audience.purpose];
        members.push({
          customer_id: row.customer,
          enteredAt: iso(row.enteredAt),
          ...(consent?.granted && { consentAt: iso(consent.at) }),
          hashes: [...(row.emailSha256 ? (['email'] as const) : []), ...(row.phoneSha256 ? (['phone'] as const) : [])],
        });
      }
      return { id: audience.id, name: audience.name, segment: audience.segment, purpose: audience.purpose, members };
    }),
  );
}
