import type { CompiledConfig } from '../../../shared/config/compile.js';
import { own } from '../../../shared/own.js';
import type { Product } from '../../../shared/schema/catalog.js';
import type { DecideResponse, SlotDecision } from '../../../shared/schema/decide.js';
import { toRecommendedItems } from '../recs/rank.js';
import type { EdgeContext } from './context.js';
import type { Evaluation } from './decide.js';
import { explainDecision } from './explain.js';
import type { IdentityCheck } from './identity.js';
import { fillContent } from './template.js';

export interface RenderInput {
  compiled: CompiledConfig;
  version: string;
  evaluation: Evaluation;
  context: EdgeContext;
  /** Catalog records of every recommended id (missing ones drop their tile). */
  products: readonly Product[];
  /** Signed assignment per experiment id, sent back with the exposure. */
  tokens: ReadonlyMap<string, string>;
  identity?: IdentityCheck;
  /** Debug mode: also say why, for this visitor (null without consent). */
  debug?: { visitor: string | null };
}

/** The finished answer: copy filled from the attribute tree, recommended products attached. */
export function renderResponse({ compiled, version, evaluation, context, products, tokens, identity, debug }: RenderInput): DecideResponse {
  const slots: Record<string, SlotDecision> = {};
  for (const [slotId, pick] of Object.entries(evaluation.slots)) {
    slots[slotId] = {
      variant: pick.variant,
      ...(pick.content && { content: fillContent(pick.content, evaluation.attrs) }),
      ...(pick.picks && { items: toRecommendedItems(pick.picks, products) }),
      ...(pick.experiment && { experiment: pick.experiment }),
      ...(pick.forced && { forced: true }),
    };
  }
  const response: DecideResponse = {
    configVersion: version,
    segments: evaluation.segments,
    persona: evaluation.persona,
    rfm: evaluation.rfm,
    context: { country: context.country, region: context.region, city: context.city, device: context.device, source: context.source },
    slots,
    experiments: evaluation.arms.map(({ experiment, variant }) => {
      const token = tokens.get(experiment.spec.id);
      return { id: experiment.spec.id, variant, slot: experiment.spec.slot, ...(token && { token }) };
    }),
  };
  if (identity) response.identity = { status: identity.status, ...(identity.reason && { reason: identity.reason }) };
  if (debug) response.debug = { variants: variantIds(compiled, Object.keys(slots)), ...explainDecision(compiled, evaluation, context, debug.visitor) };
  return response;
}

/** Every id a slot can be forced to: default, its variants, and arms of experiments on it. */
function variantIds(compiled: CompiledConfig, slotIds: string[]): Record<string, string[]> {
  // Keyed by the request's slot names: "__proto__" is a slot name like any other.
  const out: Record<string, string[]> = Object.create(null);
  for (const slotId of slotIds) {
    const arms = compiled.experiments.filter((e) => e.spec.slot === slotId).flatMap((e) => e.spec.variants.map((v) => v.id));
    out[slotId] = [...new Set(['default', ...(own(compiled.variants, slotId) ?? []).map((v) => v.id), ...arms])];
  }
  return out;
}
