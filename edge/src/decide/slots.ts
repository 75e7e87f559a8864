import type { CompiledConfig, CompiledVariant } from '../../../shared/config/compile.js';
import { own } from '../../../shared/own.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import type { RuleView } from '../../../shared/rules/ruleset.js';
import type { Content } from '../../../shared/schema/content.js';
import type { RankedPick } from '../recs/rank.js';
import type { Arm } from './experiments.js';

/** Recommendations for a slot; `view` is the visitor's view of `compiled.rules` (for `manual` entries). */
export type Recommend = (slotId: string, attrs: Attributes, view: RuleView) => RankedPick[];

/** What one slot will show, before its copy is filled in and its products are looked up. */
export interface SlotPick {
  variant: string;
  /** The default laid under the variant's content; placeholders not yet filled. */
  content?: Content;
  /** Recommended product ids with the strategy that chose each. */
  picks?: RankedPick[];
  experiment?: string;
  forced?: true;
  /** Why this variant (debug): forced, the visitor's arm, the first matching variant, or the default. */
  reason: 'forced' | 'experiment' | 'variant' | 'default';
}

/**
 * One slot's pick. Precedence: forced (debug) → the visitor's experiment arm → first
 * matching variant → default. A variant's content is laid over the default, so a variant
 * that only rewrites the headline keeps the default image and button. An arm without
 * content (the usual control) shows what the visitor would have seen without the test.
 */
export function pickSlot(
  compiled: CompiledConfig,
  slotId: string,
  attrs: Attributes,
  view: RuleView,
  arm: Arm | undefined,
  forced: string | undefined,
  recommend: Recommend | undefined,
): SlotPick | null {
  const slot = own(compiled.config.slots, slotId);
  if (!slot) return null;
  const variants = own(compiled.variants, slotId) ?? [];
  const picks = slot.recommendations && recommend ? recommend(slotId, attrs, view) : undefined;
  const matches = (variant: CompiledVariant) => compiled.rules.test(variant.rule, view);
  const answer = (variant: string, content: Content | undefined, reason: SlotPick['reason'], extra: Partial<SlotPick> = {}): SlotPick => ({
    variant,
    reason,
    ...(content || slot.default ? { content: { ...slot.default, ...content } } : {}),
    ...(picks ? { picks } : {}),
    ...extra,
  });

  if (forced) {
    const content = forcedContent(compiled, slotId, forced, variants);
    if (content !== undefined) return answer(forced, content ?? undefined, 'forced', { forced: true });
  }
  if (arm) {
    const content = arm.experiment.spec.variants.find((v) => v.id === arm.variant)?.content;
    const fallback = content ? undefined : variants.find(matches)?.content;
    return answer(arm.variant, content ?? fallback, 'experiment', { experiment: arm.experiment.spec.id });
  }
  const match = variants.find(matches);
  return match ? answer(match.id, match.content, 'variant') : answer('default', undefined, 'default');
}

/** Content of a forced id (a variant, an experiment arm, or "default"); undefined if unknown. */
function forcedContent(
  compiled: CompiledConfig,
  slotId: string,
  id: string,
  variants: CompiledConfig['variants'][string],
): Content | null | undefined {
  if (id === 'default') return null;
  const variant = variants.find((v) => v.id === id);
  if (variant) return variant.content;
  for (const exp of compiled.experiments) {
    if (exp.spec.slot !== slotId) continue;
    const arm = exp.spec.variants.find((v) => v.id === id);
    if (arm) return arm.content ?? null;
  }
  return undefined;
}
