/**
 * Decide answers as the studio shows them: the flat facts of a decision (persona, each
 * segment, each slot's variant and copy, each experiment's arm) and the differences
 * between the draft's answer and the published one's.
 */
import type { DecideDebug, DecideResponse } from '../../shared/schema/decide.js';

export type Decision = DecideResponse;
/** Why a condition does not hold (decide's `debug`): its first failing test, with the visitor's value. */
export type Why = NonNullable<NonNullable<DecideDebug['segments']>[number]['why']>;

export interface DecisionChange {
  what: string;
  draft: string;
  published: string;
}

const NONE = '—';

/** Copy fields flattened to `headline`, `cta.label`, `image.src`…, as plain strings. */
export function contentFields(content: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(content ?? {})) {
    if (value && typeof value === 'object') for (const [sub, v] of Object.entries(value)) out.set(`${key}.${sub}`, String(v));
    else if (value !== undefined) out.set(key, String(value));
  }
  return out;
}

/** The facts of one decision, by name: "persona", "segment thriller-lovers", "hero: variant", "hero: headline"… */
export function decisionFacts(d: Decision): Map<string, string> {
  const facts = new Map<string, string>([['persona', d.persona?.name ?? 'none']]);
  for (const id of d.segments) facts.set(`segment ${id}`, 'matched');
  for (const [slot, s] of Object.entries(d.slots)) {
    facts.set(`${slot}: variant`, s.variant);
    for (const [field, text] of contentFields(s.content)) facts.set(`${slot}: ${field}`, text);
    if (s.items) facts.set(`${slot}: products`, s.items.map((i) => i.id).join(', '));
  }
  for (const e of d.experiments) facts.set(`experiment ${e.id}`, e.variant);
  return facts;
}

/** Every fact that differs, in the draft's order, then those only the published answer has. */
export function diffDecisions(draft: Decision, published: Decision): DecisionChange[] {
  const a = decisionFacts(draft);
  const b = decisionFacts(published);
  const changes: DecisionChange[] = [];
  for (const what of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(what), b.get(what)];
    if (x === y) continue;
    const segment = what.startsWith('segment ');
    changes.push({ what, draft: x ?? (segment ? 'not matched' : NONE), published: y ?? (segment ? 'not matched' : NONE) });
  }
  return changes;
}

/** "rfm.recencyDays is 80, rule wants $lt 60", as decide words it. */
export const describeWhy = (why: Why | undefined): string => why?.message ?? '';

const REASONS: Record<string, string> = {
  forced: 'forced by the preview link',
  experiment: 'experiment arm',
  variant: 'first matching variant',
  default: 'no variant matched: default',
};

export const describeReason = (reason: string) => REASONS[reason] ?? reason;
