import { loadConfig } from '../config/cache.js';
import type { Env } from '../env.js';
import { fail } from '../http/problems.js';
import { statsFor } from '../stats/stub.js';
import { shardFor } from '../visitors/shard.js';
import { forgetVisitor } from '../visitors/state.js';
import { customerSegments } from './customer-segments.js';
import { forgetCustomerRecord, seeCustomer } from './customers.js';
import type { Uploaded } from './uploaded-identifiers.js';

const PARALLEL = 25;

/**
 * After a traits upload is written: each customer's hashes and offline consent go to their
 * record and, on a site with audiences, their segments are evaluated on the new data, so
 * they enter or leave audiences now rather than at their next visit.
 */
export async function applyUpload(env: Env, site: string, rows: [string, Record<string, unknown>, Uploaded | null][], now: number): Promise<void> {
  const loaded = await loadConfig(env.KV, site).catch(() => null);
  const audiences = loaded?.compiled.config.audiences ?? [];
  const apply = async ([customer, traits, found]: (typeof rows)[number]) => {
    if (!found && !audiences.length) return;
    const segments = loaded && audiences.length ? await customerSegments(env, loaded, site, customer, traits, now) : undefined;
    await seeCustomer(env, site, audiences, customer, { stated: found?.stated, at: found?.at ?? now, hashes: found?.hashes, segments }, now);
  };
  try {
    for (let i = 0; i < rows.length; i += PARALLEL) await Promise.all(rows.slice(i, i + PARALLEL).map(apply));
  } catch (error) {
    console.warn('customer records not updated', error);
    fail(503, 'traits were written, but customer records could not be updated; upload again', undefined, { 'Retry-After': '30' });
  }
}

/**
 * Forget a customer the shop deleted: every visitor they were seen as (events, summary,
 * runs), then their purposes, hashes and audiences (exits sent first). True when
 * anything was kept.
 */
export async function forgetCustomer(env: Env, site: string, customer: string, now: number): Promise<boolean> {
  const audiences = (await loadConfig(env.KV, site).catch(() => null))?.compiled.config.audiences ?? [];
  try {
    const visitors = await shardFor(env, site, customer).stub.visitorsOf(customer);
    for (const visitor of visitors) {
      await statsFor(env, site).forget(visitor);
      await forgetVisitor(env, site, visitor, audiences, now);
    }
    // The first visitor's forget took the record with it when it was linked; an offline-only customer's goes here.
    return (await forgetCustomerRecord(env, site, audiences, customer, now)) || visitors.length > 0;
  } catch (error) {
    console.warn('customer not forgotten', error);
    return fail(503, 'customer state unavailable; retry', undefined, { 'Retry-After': '30' });
  }
}
