import type { DecideRequest } from '../../../shared/schema/decide.js';
import type { Loaded } from '../config/cache.js';
import { prepareDecide } from '../decide/pipeline.js';
import type { Env } from '../env.js';
import { summaryForCustomer } from '../visitors/state.js';

/**
 * The segments a customer is in on what the edge holds for them: their latest summary (if
 * a page of theirs sent one under personalization consent) and the data the shop uploaded,
 * through the one decide pipeline. Used when an upload changes what rules read about them
 * (`customer.*`), so a customer known only offline can be in a segment too.
 */
export async function customerSegments(env: Env, loaded: Loaded, site: string, customer: string, uploaded: Record<string, unknown>, now: number): Promise<string[]> {
  const state = await summaryForCustomer(env, site, customer);
  const request: DecideRequest = {
    site,
    visitor: state?.visitor ?? null,
    // The shop's own data about its customer is read as under personalization; the summary only if the visitor gave it.
    consent: { analytics: false, ...state?.consent, personalization: true },
    context: { url: '', language: state?.context?.language, timezone: state?.context?.timezone },
    profile: state?.profile,
    slots: [],
  };
  const prepared = await prepareDecide(env, {
    request,
    facts: {},
    now,
    config: loaded,
    customer: { status: 'verified', customerId: customer, customer: uploaded },
    waitUntil: () => undefined,
  });
  return prepared?.evaluation.segments ?? [];
}
