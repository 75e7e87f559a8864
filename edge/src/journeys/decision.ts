import type { CompiledJourney } from '../../../shared/journeys/compile.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import type { DecideRequest, RecommendedItem } from '../../../shared/schema/decide.js';
import type { Loaded } from '../config/cache.js';
import { knownCustomer } from '../decide/identity.js';
import { prepareDecide } from '../decide/pipeline.js';
import { renderResponse } from '../decide/render.js';
import type { Env } from '../env.js';
import type { VisitorState } from '../visitors/visitor-store.js';

export interface JourneyDecision {
  attrs: Attributes;
  /** Products for each recommendation block of the journey's data, in block order. */
  items: RecommendedItem[][];
}

/**
 * The decide pipeline, run at fire time for the stored summary: the same attribute tree,
 * segments, persona, RFM, uploaded customer data and recommendations a page would get,
 * on the email channel, as at `clock`. Each recommendation block of the journey's data is
 * a synthetic slot of its own (ids with a colon, which no configured slot can have).
 */
export async function journeyDecision(
  env: Env,
  call: { site: string; visitor: string; state: VisitorState; loaded: Loaded; journey: CompiledJourney; clock: number; waitUntil(p: Promise<unknown>): void },
): Promise<JourneyDecision> {
  const { site, state, journey, loaded } = call;
  const slotIds = journey.blocks.map((_, i) => `journey:${journey.spec.id}:${i}`);
  const slots = { ...loaded.compiled.config.slots };
  journey.blocks.forEach((recommendations, i) => (slots[slotIds[i]] = { variants: [], recommendations }));
  const config: Loaded = { version: loaded.version, compiled: { ...loaded.compiled, config: { ...loaded.compiled.config, slots } } };
  const request: DecideRequest = {
    site,
    visitor: call.visitor,
    consent: state.consent,
    context: { url: '', language: state.context?.language, timezone: state.context?.timezone },
    profile: state.profile,
    slots: slotIds,
  };
  const prepared = await prepareDecide(env, {
    request,
    facts: {},
    now: call.clock,
    config,
    channel: 'email',
    customer: state.customer ? await knownCustomer(env.KV, site, state.customer) : undefined,
    waitUntil: call.waitUntil,
  });
  const rendered = prepared && renderResponse(prepared);
  return {
    attrs: prepared?.evaluation.attrs ?? {},
    items: slotIds.map((id) => rendered?.slots[id]?.items ?? []),
  };
}
