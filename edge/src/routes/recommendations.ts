import { own } from '../../../shared/own.js';
import type { Loaded } from '../config/cache.js';
import type { Recommend } from '../decide/slots.js';
import type { Env } from '../env.js';
import type { DecideRequest, SlotDecision } from '../../../shared/schema/decide.js';
import { completeItems, loadSiteRecs, recommenderFor } from '../recs/site-recs.js';

/**
 * Recommendation slots for one decide: the ranker works on the catalog index and lists the
 * isolate caches, and the few chosen items get their names and images afterwards. A site
 * without any recommendation slot reads nothing; a failing store leaves slots at defaults.
 */
export async function recommendations(env: Env, loaded: Loaded, request: DecideRequest) {
  const wanted = request.slots ?? Object.keys(loaded.compiled.config.slots);
  if (!wanted.some((id) => own(loaded.compiled.config.slots, id)?.recommendations)) return {};
  const recs = await loadSiteRecs(env.KV, request.site).catch((error) => {
    console.warn('recommendations unavailable', error);
    return null;
  });
  if (!recs) return {};
  const recommend: Recommend = recommenderFor(recs, loaded.compiled, { currentProductId: request.context.productId });
  return {
    recommend,
    complete: (slots: Record<string, SlotDecision>) => completeItems(env.KV, recs, slots).catch(() => undefined),
  };
}
