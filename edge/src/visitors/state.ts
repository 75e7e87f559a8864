import type { CompiledConfig } from '../../../shared/config/compile.js';
import type { DecideRequest, DecideResponse } from '../../../shared/schema/decide.js';
import type { Consent } from '../../../shared/schema/common.js';
import type { Audience } from '../../../shared/schema/config.js';
import { forgetCustomerRecord, seeCustomer, seeLinkedCustomer } from '../audiences/customers.js';
import { statedPurposes } from '../audiences/membership.js';
import type { Loaded } from '../config/cache.js';
import { checkIdentity } from '../decide/identity.js';
import type { Env } from '../env.js';
import { allShards, shardFor } from './shard.js';
import type { JourneyEvent, VisitorShard } from './visitor-shard.js';
import type { VisitorState } from './visitor-store.js';

/**
 * The per-visitor state API the routes (and other channels) use; each call goes to the
 * shard of the visitor (or of the customer, for the customer index).
 */

/**
 * Whether anything is kept for this visitor: on sites with journeys or audiences, and for
 * identified customers (their summary is what server decide answers email tools and chatbots from).
 */
export function keepsVisitorState(compiled: CompiledConfig, request: Pick<DecideRequest, 'identity'>): boolean {
  return compiled.journeys.length > 0 || compiled.config.audiences.length > 0 || request.identity !== undefined;
}

/**
 * After a decide with personalization consent, on a site that keeps visitor state: the
 * summary the SDK sent, the segments the pipeline found, the consent, and the customer a
 * verified identify names; then the customer's purposes, hashes and audiences. Without
 * personalization only the purposes the page states reach the linked customer (a
 * withdrawal must). In the background (`waitUntil`): a failure costs a fresher summary,
 * never the answer.
 */
export function rememberDecide(env: Env, loaded: Loaded, request: DecideRequest, response: DecideResponse, now: number, waitUntil: (p: Promise<unknown>) => void, gpc = false): void {
  if (!request.visitor || !keepsVisitorState(loaded.compiled, request)) return;
  const audiences = loaded.compiled.config.audiences;
  const stated = statedPurposes(request.consent, gpc);
  if (!request.consent.personalization && Object.keys(stated).length === 0) return;
  const work = request.consent.personalization
    ? remember(env, request.visitor, request, response, now, audiences, gpc)
    : seeLinkedCustomer(env, request.site, audiences, request.visitor, { stated, at: now }, now);
  waitUntil(work.catch((error) => console.warn('visitor state not updated', error)));
}

async function remember(env: Env, visitor: string, request: DecideRequest, response: DecideResponse, now: number, audiences: Audience[], gpc: boolean): Promise<void> {
  // The signature was checked for the answer; it is checked again here, in the background, to learn the id.
  const identity = request.identity ? await checkIdentity(env.KV, request.site, request.identity, now) : undefined;
  const customer = identity?.customerId;
  const { n, stub } = shardFor(env, request.site, visitor);
  const { linked, previousCustomer, customer: known } = await stub.remember(
    { site: request.site, shard: n },
    visitor,
    {
      profile: request.profile,
      segments: response.segments,
      consent: request.consent,
      context: { language: request.context.language, timezone: request.context.timezone },
      customer,
    },
    now,
  );
  if (previousCustomer) await shardFor(env, request.site, previousCustomer).stub.unindexCustomer(previousCustomer, visitor);
  if (linked && customer) await shardFor(env, request.site, customer).stub.indexCustomer(customer, visitor, now);
  if (!known) return;
  // Segments and hashes only from a decide that proved who it is about; purposes from any page of theirs.
  const proven = customer ? { segments: response.segments, hashes: { emailSha256: request.identity?.emailSha256, phoneSha256: request.identity?.phoneSha256 } } : {};
  await seeCustomer(env, request.site, audiences, known, { stated: statedPurposes(request.consent, gpc), at: now, ...proven }, now);
}

/** Events a journey listens to, from collect (personalization consent checked by the caller). */
export async function trackJourneyEvents(env: Env, site: string, visitor: string, consent: Consent, events: JourneyEvent[], now: number): Promise<void> {
  const { n, stub } = shardFor(env, site, visitor);
  await stub.track({ site, shard: n }, visitor, consent, events, now);
}

/**
 * Forget everywhere per-visitor state lives: summary, runs, stored messages, the customer
 * index; and the linked customer's purposes, hashes and audiences (they leave each one,
 * with an `audience.exited`). Answers the customer it was linked to.
 */
export async function forgetVisitor(env: Env, site: string, visitor: string, audiences: Audience[], now: number): Promise<string | undefined> {
  const { customer } = await shardFor(env, site, visitor).stub.forget(visitor, now);
  if (!customer) return undefined;
  await shardFor(env, site, customer).stub.unindexCustomer(customer, visitor);
  await forgetCustomerRecord(env, site, audiences, customer, now);
  return customer;
}

/** The latest summary kept for a customer (through the visitors they were seen as), or null. */
export async function summaryForCustomer(env: Env, site: string, customer: string): Promise<(VisitorState & { visitor: string }) | null> {
  for (const visitor of await shardFor(env, site, customer).stub.visitorsOf(customer)) {
    const state = await shardFor(env, site, visitor).stub.visitor(visitor);
    if (state?.profile) return { ...state, visitor };
  }
  return null;
}

/** One call on every shard of a site, for totals. */
export function onEveryShard<T>(env: Env, site: string, call: (stub: DurableObjectStub<VisitorShard>) => Promise<T>): Promise<T[]> {
  return Promise.all(allShards(env, site).map(call));
}
