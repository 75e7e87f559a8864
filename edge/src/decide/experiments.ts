import type { CompiledConfig, CompiledExperiment } from '../../../shared/config/compile.js';
import { assign, bucket } from '../../../shared/experiments/bucket.js';
import type { RuleView } from '../../../shared/rules/ruleset.js';

export interface Arm {
  experiment: CompiledExperiment;
  variant: string;
}

/**
 * Running experiments this visitor is in, at most one per slot. Only visitors with an id
 * (consent) take part. An arm the SDK already holds is kept even if weights changed since,
 * so nobody switches arms mid-test. Experiments sharing a `group` split the visitors
 * between them, so one person is never in two of them.
 */
export function assignArms(
  compiled: CompiledConfig,
  view: RuleView,
  visitor: string | null,
  held: Record<string, string> = {},
): Arm[] {
  if (!visitor) return [];
  const arms: Arm[] = [];
  const slotsTaken = new Set<string>();
  const groupPick = new Map<string, string>();
  for (const exp of compiled.experiments) {
    const { spec } = exp;
    if (spec.status !== 'running' || slotsTaken.has(spec.slot)) continue;
    if (spec.group && groupWinner(compiled, spec.group, visitor, groupPick) !== spec.id) continue;
    if (!compiled.rules.test(exp.audience, view)) continue;
    const kept = held[spec.id];
    const variant = kept && spec.variants.some((v) => v.id === kept) ? kept : assign(spec, visitor);
    if (!variant) continue;
    arms.push({ experiment: exp, variant });
    slotsTaken.add(spec.slot);
  }
  return arms;
}

function groupWinner(compiled: CompiledConfig, group: string, visitor: string, memo: Map<string, string>): string {
  let winner = memo.get(group);
  if (!winner) {
    const members = compiled.experiments.filter((e) => e.spec.group === group && e.spec.status === 'running');
    winner = members[Math.floor(bucket(`group:${group}`, visitor) * members.length)].spec.id;
    memo.set(group, winner);
  }
  return winner;
}
