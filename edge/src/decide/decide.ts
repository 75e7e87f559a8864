import type { CompiledConfig } from '../../../shared/config/compile.js';
import { own } from '../../../shared/own.js';
import { scoreRfm, type Rfm } from '../../../shared/rfm.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import type { DecideRequest } from '../../../shared/schema/decide.js';
import { buildAttributes, type AttributeInput } from './attributes.js';
import type { EdgeContext } from './context.js';
import { assignArms, type Arm } from './experiments.js';
import { pickSlot, type Recommend, type SlotPick } from './slots.js';

export interface EvaluateInput {
  compiled: CompiledConfig;
  request: DecideRequest;
  context: EdgeContext;
  /** Verified uploaded data of an identified customer (`customer.*`). */
  customer?: Record<string, unknown>;
  now: number;
  recommend?: Recommend;
  /** Category neighbours learned from co-purchases, widening `interests` (absent: own categories only). */
  learnedCategories?: AttributeInput['learnedCategories'];
}

/** Everything the rules decided for one request, before copy is filled and products are read. */
export interface Evaluation {
  attrs: Attributes;
  rfm: Rfm | null;
  segments: string[];
  persona: { id: string; name: string } | null;
  arms: Arm[];
  slots: Record<string, SlotPick>;
}

/**
 * The rules' part of a decision, a pure function of the compiled config and the request.
 * Without personalization consent the profile, page traits and customer data are ignored
 * and only the context (page, source, place, device, time, weather) is used; without a
 * visitor id nobody is bucketed.
 */
export function evaluate({ compiled, request, context, customer, now, recommend, learnedCategories }: EvaluateInput): Evaluation {
  const { config } = compiled;
  const personal = request.consent.personalization;
  const profile = personal ? request.profile : undefined;
  const rfm = personal ? scoreRfm(profile?.purchases, now, config.rfm, config.clv) : null;
  const attrs = buildAttributes({
    profile,
    context,
    rfm,
    traits: personal ? request.traits : undefined,
    customer: personal ? customer : undefined,
    cart: config.cart,
    now,
    learnedCategories,
  });

  // One view of the visitor for every condition of this request, so each attribute path is
  // read once; segments, personas, experiments, slots and recommendations all test it.
  // Matched segments go into `attrs.segments` in place, which a view allows.
  const { rules } = compiled;
  const view = rules.view(attrs);
  const segments = attrs.segments as string[];
  for (const segment of compiled.segments) if (rules.test(segment.rule, view)) segments.push(segment.id);
  const persona = compiled.personas.find((p) => rules.test(p.rule, view));

  const arms = assignArms(compiled, view, personal ? request.visitor : null, request.assignments);
  const armBySlot = new Map(arms.map((a) => [a.experiment.spec.slot, a]));
  const slots: Record<string, SlotPick> = {};
  for (const slotId of request.slots ?? Object.keys(config.slots)) {
    const forced = own(request.force, slotId);
    // A forced view shows the forced content and takes no part in any experiment.
    const pick = pickSlot(compiled, slotId, attrs, view, forced ? undefined : armBySlot.get(slotId), forced, recommend);
    if (pick) slots[slotId] = pick;
  }
  return {
    attrs,
    rfm,
    segments,
    persona: persona ? { id: persona.id, name: persona.name } : null,
    // Arms of slots not on this page are kept too, so the SDK can keep them sticky.
    arms: arms.filter((a) => !own(request.force, a.experiment.spec.slot)),
    slots,
  };
}
