import type { CompiledConfig } from '../../../shared/config/compile.js';
import { assign } from '../../../shared/experiments/bucket.js';
import { explainCondition, type Reason } from '../../../shared/rules/explain.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import { own } from '../../../shared/own.js';
import type { DecideDebug } from '../../../shared/schema/decide.js';
import type { EdgeContext } from './context.js';
import type { Evaluation } from './decide.js';

/**
 * "Why does this visitor see this?" for debug mode (the SDK's panel, the studio's preview):
 * per segment and persona whether its rule holds and, if not, the first failing test with
 * the visitor's value; per slot why this variant (forced, the experiment arm and whether the
 * visitor is in its audience and traffic, the first matching variant, the default) and the
 * variants tried before it; the context the edge used. Built from the same evaluation the
 * answer came from, so it never explains a different decision.
 */
export function explainDecision(
  compiled: CompiledConfig,
  evaluation: Evaluation,
  context: EdgeContext,
  visitor: string | null,
): Omit<DecideDebug, 'variants'> {
  const { attrs } = evaluation;
  const { config } = compiled;
  const why = (condition: unknown): Reason | undefined => {
    const result = explainCondition(condition, attrs);
    return result.matched ? undefined : result.why;
  };
  return {
    context: { ...context },
    segments: config.segments.map((s) => ({
      id: s.id,
      ...(s.name && { name: s.name }),
      matched: evaluation.segments.includes(s.id),
      ...(!evaluation.segments.includes(s.id) && { why: why(s.when) }),
    })),
    personas: config.personas.map((p) => {
      const failed = why(p.when);
      return { id: p.id, name: p.name, matched: !failed, ...(failed && { why: failed }) };
    }),
    slots: Object.fromEntries(Object.entries(evaluation.slots).map(([slotId, pick]) => [slotId, explainSlot(compiled, slotId, pick, attrs, visitor, why)])),
  };
}

function explainSlot(
  compiled: CompiledConfig,
  slotId: string,
  pick: Evaluation['slots'][string],
  attrs: Attributes,
  visitor: string | null,
  why: (condition: unknown) => Reason | undefined,
): NonNullable<DecideDebug['slots']>[string] {
  const variants = own(compiled.config.slots, slotId)?.variants ?? [];
  // The variants the visitor was tested against before the one shown (all of them for the default).
  const shownAt = variants.findIndex((v) => v.id === pick.variant);
  const tried = (pick.reason === 'variant' ? variants.slice(0, shownAt) : pick.reason === 'default' ? variants : []).map((v) => ({
    variant: v.id,
    why: why(v.when)!,
  }));
  const experiment = compiled.experiments.find((e) => e.spec.slot === slotId && e.spec.status === 'running');
  return {
    reason: pick.reason,
    variant: pick.variant,
    ...(experiment && {
      experiment: {
        id: experiment.spec.id,
        inAudience: !why(experiment.spec.audience),
        inTraffic: visitor !== null && assign(experiment.spec, visitor) !== null,
        ...(pick.experiment === experiment.spec.id && { arm: pick.variant }),
      },
    }),
    ...(tried.length > 0 && { tried }),
  };
}
