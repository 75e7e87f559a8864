import type { CollectRequest } from '../../../shared/schema/events.js';
import type { Loaded } from '../config/cache.js';
import type { Env } from '../env.js';
import { seeLinkedCustomer } from './customers.js';
import { statedPurposes } from './membership.js';

/**
 * Collect's hand-off to audiences: on a site with audiences, the purposes a batch states
 * (with `Sec-GPC: 1` withdrawing ads) reach the customer the visitor is linked to, who
 * enters or leaves audiences at once. A shard that cannot take it costs nothing but
 * freshness: the next decide or batch states the same again.
 */
export async function feedAudiences(env: Env, loaded: Loaded, batch: CollectRequest, gpc: boolean, now: number): Promise<void> {
  const audiences = loaded.compiled.config.audiences;
  const stated = statedPurposes(batch.consent, gpc);
  if (!audiences.length || Object.keys(stated).length === 0) return;
  await seeLinkedCustomer(env, batch.site, audiences, batch.visitor, { stated, at: now }, now).catch((error) => console.warn('audiences not updated', error));
}
