import type { Audience } from '../../../shared/schema/config.js';
import type { Env } from '../env.js';
import { shardFor } from '../visitors/shard.js';
import type { Sighting } from './sighting.js';

/**
 * The calls other parts make about an identified customer; each goes to the customer's
 * own shard, so a site's audiences are spread over its shards like its visitors.
 */
export async function seeCustomer(env: Env, site: string, audiences: Audience[], customer: string, sighting: Sighting, now: number): Promise<void> {
  const { n, stub } = shardFor(env, site, customer);
  await stub.seeCustomer({ site, shard: n }, audiences, customer, sighting, now);
}

/** What a page states about the customer a visitor is linked to (collect, or a decide without personalization). */
export async function seeLinkedCustomer(env: Env, site: string, audiences: Audience[], visitor: string, sighting: Sighting, now: number): Promise<void> {
  const customer = (await shardFor(env, site, visitor).stub.visitor(visitor))?.customer;
  if (customer) await seeCustomer(env, site, audiences, customer, sighting, now);
}

/** The customer leaves every audience (exits sent) and their purposes, hashes and memberships go. True when any existed. */
export async function forgetCustomerRecord(env: Env, site: string, audiences: Audience[], customer: string, now: number): Promise<boolean> {
  const { n, stub } = shardFor(env, site, customer);
  return stub.forgetCustomer({ site, shard: n }, audiences, customer, now);
}
