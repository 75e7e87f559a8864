import { own } from '../../../shared/own.js';
import { scoreRfm } from '../../../shared/rfm.js';
import type { DecideRequest, DecideResponse } from '../../../shared/schema/decide.js';
import type { Loaded } from '../config/cache.js';
import { buildAttributes } from './attributes.js';
import type { EdgeContext } from './context.js';
import { assignArms } from './experiments.js';
import { decideSlot, type Recommend } from './slots.js';

export interface DecideInput {
  loaded: Loaded;
  request: DecideRequest;
  context: EdgeContext;
  /** Traits the page set, merged with verified traits of an identified customer. */
  traits?: Record<string, unknown>;
  now: number;
  recommend?: Recommend;
}

/**
 * The whole decision, as a pure function of the compiled config and the request. Without
 * personalization consent the profile and traits are ignored and only the context
 * (page, source, country, device, time) is used; without a visitor id nobody is bucketed.
 */
export function decide({ loaded, request, context, traits, now, recommend }: DecideInput): DecideResponse {
  const { compiled } = loaded;
  const { config } = compiled;
  const personal = request.consent.personalization;
  const profile = personal ? request.profile : undefined;
  const rfm = personal ? scoreRfm(profile?.purchases, now, config.rfm, config.clv) : null;
  const attrs = buildAttributes({ profile, context, rfm, traits: personal ? traits : undefined, cart: config.cart, now });

  // One view of the visitor for every condition of this request, so each attribute path is
  // read once; the predicates that slots, experiments and recommendations call use it too.
  // Matched segments go into `attrs.segments` in place, which a view allows.
  const { rules } = compiled;
  const view = rules.bind(attrs);
  const segments = attrs.segments as string[];
  for (const segment of compiled.segments) if (rules.test(segment.rule, view)) segments.push(segment.id);
  const persona = compiled.personas.find((p) => p.test(attrs));

  const visitor = personal ? request.visitor : null;
  const arms = assignArms(compiled, attrs, visitor, request.assignments);
  const armBySlot = new Map(arms.map((a) => [a.experiment.spec.slot, a]));

  const slots: DecideResponse['slots'] = {};
  for (const slotId of request.slots ?? Object.keys(config.slots)) {
    const forced = own(request.force, slotId);
    // A forced view shows the forced content and takes no part in any experiment.
    const decision = decideSlot(compiled, slotId, attrs, forced ? undefined : armBySlot.get(slotId), forced, recommend);
    if (decision) slots[slotId] = decision;
  }
  // Unbound only here: if decide throws, the bound view is of an attribute tree nobody
  // else holds, so it can never answer for another request.
  rules.unbind();

  const response: DecideResponse = {
    configVersion: loaded.version,
    segments,
    persona: persona ? { id: persona.id, name: persona.name } : null,
    rfm,
    context: { country: context.country, region: context.region, city: context.city, device: context.device, source: context.source },
    slots,
    // Arms of slots not on this page are listed too, so the SDK can keep them sticky.
    experiments: arms
      .filter((a) => !own(request.force, a.experiment.spec.slot))
      .map((a) => ({ id: a.experiment.spec.id, variant: a.variant, slot: a.experiment.spec.slot })),
  };
  if (request.debug) response.debug = { variants: variantIds(compiled, Object.keys(slots)) };
  return response;
}

/** Every id a slot can be forced to: default, its variants, and arms of experiments on it. */
function variantIds(compiled: DecideInput['loaded']['compiled'], slotIds: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const slotId of slotIds) {
    const arms = compiled.experiments.filter((e) => e.spec.slot === slotId).flatMap((e) => e.spec.variants.map((v) => v.id));
    out[slotId] = [...new Set(['default', ...(own(compiled.variants, slotId) ?? []).map((v) => v.id), ...arms])];
  }
  return out;
}
