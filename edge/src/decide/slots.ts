import type { CompiledConfig } from '../../../shared/config/compile.js';
import { own } from '../../../shared/own.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import type { Content } from '../../../shared/schema/content.js';
import type { RecommendedItem, SlotDecision } from '../../../shared/schema/decide.js';
import type { Arm } from './experiments.js';
import { fillContent } from './template.js';

export type Recommend = (slotId: string, attrs: Attributes) => RecommendedItem[];

/**
 * One slot's answer. Precedence: forced (debug) → the visitor's experiment arm → first
 * matching variant → default. A variant's content is laid over the default, so a variant
 * that only rewrites the headline keeps the default image and button. An arm without
 * content (the usual control) shows what the visitor would have seen without the test.
 */
export function decideSlot(
  compiled: CompiledConfig,
  slotId: string,
  attrs: Attributes,
  arm: Arm | undefined,
  forced: string | undefined,
  recommend: Recommend | undefined,
): SlotDecision | null {
  const slot = own(compiled.config.slots, slotId);
  if (!slot) return null;
  const base = slot.default ?? {};
  const variants = own(compiled.variants, slotId) ?? [];
  const items = slot.recommendations && recommend ? recommend(slotId, attrs) : undefined;
  const answer = (variant: string, content: Content | undefined, extra: Partial<SlotDecision> = {}): SlotDecision => ({
    variant,
    ...(content || slot.default ? { content: fillContent({ ...base, ...content }, attrs) } : {}),
    ...(items ? { items } : {}),
    ...extra,
  });

  if (forced) {
    const content = forcedContent(compiled, slotId, forced, variants);
    if (content !== undefined) return answer(forced, content ?? undefined, { forced: true });
  }
  if (arm) {
    const content = arm.experiment.spec.variants.find((v) => v.id === arm.variant)?.content;
    const fallback = content ? undefined : variants.find((v) => v.test(attrs))?.content;
    return answer(arm.variant, content ?? fallback, { experiment: arm.experiment.spec.id });
  }
  const match = variants.find((v) => v.test(attrs));
  return match ? answer(match.id, match.content) : answer('default', undefined);
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
