import { compileJourneys, type CompiledJourney } from '../journeys/compile.js';
import type { Issue, Path } from '../issue.js';
import type { Config, Experiment } from '../schema/config.js';
import { compileCondition, referencedSegments, type Predicate, type RuleIssue } from '../rules/compile.js';
import { compileRuleSet, type RuleSet, type RuleSource } from '../rules/ruleset.js';

export type { Path } from '../issue.js';
export type ConfigIssue = Issue;

// `rule`, `audience`: the index of the condition in `CompiledConfig.rules`.
export interface CompiledSegment {
  id: string;
  rule: number;
}
export interface CompiledVariant {
  id: string;
  rule: number;
  content: Config['slots'][string]['variants'][number]['content'];
}
export interface CompiledExperiment {
  spec: Experiment;
  audience: number;
  /** Goal filters test events, not visitors: a lone predicate, outside the rule set. */
  goalFilter: Predicate | null;
}
export interface CompiledManual {
  rule: number;
  ids: string[];
}

/**
 * A config compiled once per version and shared by every request, so it holds nothing of
 * any request. Every condition on visitor attributes is one rule of one rule set
 * (`rules`): a caller makes one view of its visitor (`rules.view(attrs)`), so each
 * attribute path is read once per request, and asks `rules.test(rule, view)`.
 */
export interface CompiledConfig {
  config: Config;
  rules: RuleSet;
  /** In dependency order: a segment's referenced segments come before it. */
  segments: CompiledSegment[];
  personas: { id: string; name: string; rule: number }[];
  variants: Record<string, CompiledVariant[]>;
  manual: Record<string, CompiledManual[]>;
  experiments: CompiledExperiment[];
  journeys: CompiledJourney[];
}

/**
 * Compiles every condition in a schema-valid config and checks what serving it needs:
 * unique ids, segment cycles, experiments pointing at real slots. Every problem is
 * reported with its JSON path; a config with any problem is rejected whole. References to
 * undefined segments (which only never match) are among the authoring checks (check-config.ts).
 */
export function compileConfig(config: Config): { compiled?: CompiledConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const report = (found: RuleIssue[]) => issues.push(...found.map((i) => ({ path: i.path, message: i.message })));
  // Attribute conditions become rule numbers, compiled together once all are known.
  const sources: RuleSource[] = [];
  const rule = (condition: unknown, at: Path): number => sources.push({ condition, at }) - 1;

  uniqueIds(config.segments, ['segments'], issues);
  uniqueIds(config.personas, ['personas'], issues);
  uniqueIds(config.experiments, ['experiments'], issues);

  const segmentRules = new Map(config.segments.map((s, i) => [s.id, rule(s.when, ['segments', i, 'when'])]));
  const order = orderSegments(config, issues);
  const personaRules = config.personas.map((p, i) => rule(p.when, ['personas', i, 'when']));

  const variantRules: Record<string, number[]> = {};
  const manualRules: Record<string, number[]> = {};
  for (const [slotId, slot] of Object.entries(config.slots)) {
    uniqueIds(slot.variants, ['slots', slotId, 'variants'], issues);
    variantRules[slotId] = slot.variants.map((v, i) => rule(v.when, ['slots', slotId, 'variants', i, 'when']));
    manualRules[slotId] = (slot.recommendations?.manual ?? []).map((m, i) =>
      rule(m.when, ['slots', slotId, 'recommendations', 'manual', i, 'when']),
    );
  }

  const audienceRules = config.experiments.map((spec, i) => rule(spec.audience, ['experiments', i, 'audience']));
  const goalFilters = config.experiments.map((spec, i) => {
    if (!spec.goal.filter) return null;
    // Goal filters test events, not visitors: lone predicates, outside the rule set.
    const { predicate, issues: found } = compileCondition(spec.goal.filter, ['experiments', i, 'goal', 'filter']);
    report(found);
    return predicate;
  });
  const rules = compileRuleSet(sources);
  report(rules.issues);
  checkChannels(config, issues);
  const journeys = compileJourneys(config);
  issues.push(...journeys.issues);
  config.experiments.forEach((spec, i) => {
    const at: Path = ['experiments', i];
    if (!config.slots[spec.slot]) issues.push({ path: [...at, 'slot'], message: `slot "${spec.slot}" is not defined in slots` });
    uniqueIds(spec.variants, [...at, 'variants'], issues);
    if (spec.variants.reduce((sum, v) => sum + v.weight, 0) <= 0)
      issues.push({ path: [...at, 'variants'], message: 'variant weights must add up to more than 0' });
  });

  if (issues.length) return { issues };
  return {
    issues,
    compiled: {
      config,
      rules,
      segments: order.map((id) => ({ id, rule: segmentRules.get(id)! })),
      personas: config.personas.map((p, i) => ({ id: p.id, name: p.name, rule: personaRules[i] })),
      variants: mapValues(config.slots, (slot, slotId) => slot.variants.map((v, i) => ({ id: v.id, content: v.content, rule: variantRules[slotId][i] }))),
      manual: mapValues(config.slots, (slot, slotId) => (slot.recommendations?.manual ?? []).map((m, i) => ({ ids: m.ids, rule: manualRules[slotId][i] }))),
      experiments: config.experiments.map((spec, i) => ({ spec, audience: audienceRules[i], goalFilter: goalFilters[i] })),
      journeys: journeys.journeys,
    },
  };
}

/** Audiences name real segments, codes real audiences, and a code prefix names one code. */
function checkChannels(config: Config, issues: ConfigIssue[]): void {
  const segments = new Set(config.segments.map((s) => s.id));
  const audiences = new Set(config.audiences.map((a) => a.id));
  uniqueIds(config.audiences, ['audiences'], issues);
  uniqueIds(config.codes, ['codes'], issues);
  config.audiences.forEach((a, i) => {
    if (!segments.has(a.segment)) issues.push({ path: ['audiences', i, 'segment'], message: `segment "${a.segment}" is not defined` });
  });
  const prefixes = new Set<string>();
  config.codes.forEach((c, i) => {
    if (c.audience && !audiences.has(c.audience)) issues.push({ path: ['codes', i, 'audience'], message: `audience "${c.audience}" is not defined` });
    if (prefixes.has(c.prefix)) issues.push({ path: ['codes', i, 'prefix'], message: `prefix "${c.prefix}" is used by another code: a code must tell which one it is` });
    prefixes.add(c.prefix);
  });
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value, key)]));
}

function uniqueIds(list: { id: string }[], at: Path, issues: ConfigIssue[]): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) issues.push({ path: [...at, i, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}

/** Topological order of segments (depth-first); a cycle is reported with its members. */
function orderSegments(config: Config, issues: ConfigIssue[]): string[] {
  const index = new Map(config.segments.map((s, i) => [s.id, i]));
  const deps = new Map(config.segments.map((s) => [s.id, referencedSegments(s.when).filter((r) => index.has(r))]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (id: string, trail: string[]): void => {
    const st = state.get(id);
    if (st === 'done') return;
    if (st === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      issues.push({ path: ['segments', index.get(id)!, 'when'], message: `segment cycle: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const dep of deps.get(id) ?? []) visit(dep, [...trail, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const s of config.segments) visit(s.id, []);
  return order;
}
