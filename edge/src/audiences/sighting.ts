import type { Audience } from '../../../shared/schema/config.js';
import type { Delivery } from '../delivery/deliver.js';
import { currentAudiences, deleteCustomer, enterAudience, exitAudience, readCustomer, writeCustomer, type CustomerRecord, type Hashes } from './customer-store.js';
import { membershipChanges, mergePurposes, qualifyingAudiences, type Stated } from './membership.js';
import { audienceMessages } from './messages.js';

/** What the edge learnt about an identified customer on one occasion (decide, collect, identify, upload). */
export interface Sighting {
  /** Purposes the occasion states (see statedPurposes), and when they were stated. */
  stated?: Stated;
  at: number;
  /** The segments the edge found them in, when this occasion evaluated them. */
  segments?: string[];
  hashes?: Hashes;
}

export interface AudienceScope {
  site: string;
  /** The served config's audiences. */
  audiences: readonly Audience[];
}

/**
 * Inside the customer's shard: the record updated with what was seen, memberships moved,
 * and the messages to send for each entry and exit. Only consent or an address starts a
 * record: segments alone (a customer who stated no purpose) are kept for no one.
 */
export function applySighting(sql: SqlStorage, scope: AudienceScope, customer: string, sighting: Sighting, now: number): Delivery[] {
  const before = readCustomer(sql, customer);
  const says = Object.keys(sighting.stated ?? {}).length > 0 || sighting.hashes?.emailSha256 || sighting.hashes?.phoneSha256;
  if (!before && !says) return [];
  const base: CustomerRecord = before ?? { customer, purposes: {}, segments: null };
  const record: CustomerRecord = {
    ...base,
    ...(sighting.hashes?.emailSha256 && { emailSha256: sighting.hashes.emailSha256 }),
    ...(sighting.hashes?.phoneSha256 && { phoneSha256: sighting.hashes.phoneSha256 }),
    purposes: mergePurposes(base.purposes, sighting.stated ?? {}, sighting.at),
    segments: sighting.segments ?? base.segments,
  };
  writeCustomer(sql, record, now);

  const { entered, exited } = membershipChanges(scope.audiences, currentAudiences(sql, customer), qualifyingAudiences(scope.audiences, record.segments ?? [], record.purposes));
  for (const a of entered) enterAudience(sql, a.id, customer, now);
  for (const a of exited) exitAudience(sql, a.id, customer, now);
  return [
    ...entered.flatMap((a) => audienceMessages(scope.site, a, record, now)),
    ...exited.flatMap((a) => audienceMessages(scope.site, a, record, now, record.purposes[a.purpose]?.granted ? 'segment' : 'consent')),
  ];
}

/**
 * Forget, inside the customer's shard: they leave every audience at once, the exits are
 * made (customer id and hashes, for the destinations to drop them too), then the record
 * and every membership go. The caller cancels what was still waiting to be sent about
 * them before recording the exits.
 */
export function forgetCustomer(sql: SqlStorage, scope: AudienceScope, customer: string, now: number): { messages: Delivery[]; existed: boolean } {
  const record = readCustomer(sql, customer) ?? { customer, purposes: {}, segments: null };
  const current = currentAudiences(sql, customer);
  const messages = scope.audiences.filter((a) => current.has(a.id)).flatMap((a) => audienceMessages(scope.site, a, record, now, 'forgotten'));
  return { messages, existed: deleteCustomer(sql, customer) };
}
