import type { CompiledJourney } from '../../../shared/journeys/compile.js';
import { mapData } from '../../../shared/journeys/data-walk.js';
import type { TriggerFacts } from '../../../shared/journeys/plan.js';
import type { Attributes } from '../../../shared/rules/compile.js';
import type { Consent } from '../../../shared/schema/common.js';
import type { RecommendedItem } from '../../../shared/schema/decide.js';
import type { JourneyFired } from '../../../shared/schema/journeys.js';
import { fillTemplate } from '../decide/template.js';

export interface MessageInput {
  journey: CompiledJourney;
  site: string;
  visitor: string;
  customer?: string;
  consent: Consent;
  trigger: TriggerFacts;
  firedAt: number;
  /** The attribute tree the pipeline built for this visitor at fire time. */
  attrs: Attributes;
  /** Products for each recommendation block, in block order. */
  items: RecommendedItem[][];
}

/** The body of `journey.fired`, without `type` (delivery puts it first). */
export function journeyMessage(input: MessageInput): Omit<JourneyFired, 'type'> {
  const { journey, attrs } = input;
  let block = 0;
  const data = mapData(journey.spec.send.data ?? {}, {
    text: (text) => fillTemplate(text, attrs),
    block: () => input.items[block++] ?? [],
  }) as Record<string, unknown>;
  return {
    journey: journey.spec.id,
    site: input.site,
    visitor: input.visitor,
    ...(input.customer && { customer: input.customer }),
    firedAt: new Date(input.firedAt).toISOString(),
    trigger: { event: input.trigger.event, ...(input.trigger.segment && { segment: input.trigger.segment }), at: new Date(input.trigger.at).toISOString() },
    profile: profileValues(journey.profilePaths, attrs),
    consent: { email: input.consent.email === true, ads: input.consent.ads === true },
    data,
  };
}

/** The values at `paths` in the tree (only those that exist), keyed by path. */
export function profileValues(paths: readonly string[], attrs: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const path of paths) {
    let node: unknown = attrs;
    for (const key of path.split('.')) node = node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (node !== undefined) out[path] = node;
  }
  return out;
}
