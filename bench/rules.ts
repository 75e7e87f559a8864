/**
 * Rule evaluation throughput against GrowthBook's `evalCondition` on the same 100
 * conditions and the same visitors, measured side by side in one run, after checking
 * that the engines give the same answer on every pair:
 *  - rule set: the 100 conditions in one `compileRuleSet`, one view per visitor, as decide
 *    evaluates a config's segments (the view's path reads are counted in our time);
 *  - single: each condition as a lone `compileCondition` predicate, for reference.
 * Each engine gets one untimed warm-up round, then the engines alternate for ROUNDS timed
 * rounds each (so none gets a quieter machine); each figure is the median of its rounds and
 * the ratio is the ratio of the medians, which swings less run to run than best rounds do.
 * Budget (DESIGN.md): ours (the rule set) ≥ 20× GrowthBook. Run: npx tsx bench/rules.ts
 */
import { evalCondition } from '@growthbook/growthbook';
import { pathToFileURL } from 'node:url';
import { compileCondition, type Attributes, type Predicate } from '../shared/rules/compile.js';
import { compileRuleSet, type RuleSet } from '../shared/rules/ruleset.js';
import { makeConditions, makeVisitors, type Condition } from './conditions.js';

const CONDITIONS = 100;
const VISITORS = 50;
const ROUND_MS = 400;
const ROUNDS = 7;
const PASSES_PER_READ = 10;

type GrowthBookCondition = Parameters<typeof evalCondition>[1];

/** Evaluates every condition for one visitor; returns how many matched. */
type Evaluator = (visitor: Attributes) => number;

export interface RulesBenchResult {
  /** Condition evaluations per CPU second with the rule set (median of the rounds). */
  ours: number;
  growthbook: number;
  ratio: number;
  /** Condition evaluations per second with lone predicates. */
  single: number;
}

export async function runRulesBench(): Promise<RulesBenchResult> {
  const conditions = makeConditions(CONDITIONS);
  const visitors = makeVisitors(VISITORS);
  const set = compileRuleSet(conditions.map((condition, index) => ({ condition, at: ['conditions', index] })));
  if (set.issues.length > 0) throw new Error(`bench conditions do not compile: ${JSON.stringify(set.issues)}`);
  const predicates = conditions.map((condition) => compileCondition(condition).predicate);
  const growthbook = conditions.map((condition) => (attrs: Attributes) => evalCondition(attrs, condition as GrowthBookCondition));

  const engines: Record<'ruleSet' | 'single' | 'growthbook', Evaluator> = {
    ruleSet: ruleSetEvaluator(set, conditions.length),
    single: predicatesEvaluator(predicates),
    growthbook: predicatesEvaluator(growthbook),
  };
  const matches = checkAgreement(set, predicates, growthbook, visitors, conditions);
  console.log(`${CONDITIONS} conditions × ${VISITORS} visitors: all engines agree on all ${CONDITIONS * VISITORS} pairs (${matches} match)`);

  const names = Object.keys(engines) as (keyof typeof engines)[];
  for (const name of names) throughput(engines[name], visitors, conditions.length);
  const rounds: Record<keyof typeof engines, number[]> = { ruleSet: [], single: [], growthbook: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) rounds[name].push(throughput(engines[name], visitors, conditions.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ours = median(rounds.ruleSet);
  const growthbookRate = median(rounds.growthbook);
  return { ours, growthbook: growthbookRate, ratio: ours / growthbookRate, single: median(rounds.single) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function ruleSetEvaluator(set: RuleSet, count: number): Evaluator {
  return (visitor) => {
    const view = set.view(visitor);
    let matched = 0;
    for (let c = 0; c < count; c++) if (set.test(c, view)) matched++;
    return matched;
  };
}

function predicatesEvaluator(predicates: Predicate[]): Evaluator {
  return (visitor) => {
    let matched = 0;
    for (let c = 0; c < predicates.length; c++) if (predicates[c](visitor)) matched++;
    return matched;
  };
}

function checkAgreement(set: RuleSet, single: Predicate[], growthbook: Predicate[], visitors: Attributes[], conditions: Condition[]): number {
  let matches = 0;
  for (let v = 0; v < visitors.length; v++) {
    const view = set.view(visitors[v]);
    for (let c = 0; c < conditions.length; c++) {
      const answers = [set.test(c, view), single[c](visitors[v]), growthbook[c](visitors[v])];
      if (answers.some((answer) => answer !== answers[2])) {
        throw new Error(`engines disagree on condition ${JSON.stringify(conditions[c])} for visitor ${v}: rule set, single, GrowthBook ${answers}`);
      }
      if (answers[0]) matches++;
    }
  }
  return matches;
}

/**
 * Evaluations per CPU second over one round. CPU time, not wall time: other processes on
 * a shared machine then slow all engines' clocks alike instead of skewing the ratio. The
 * clock is read every PASSES_PER_READ passes over the visitors: a read costs ~1 µs, ~1 %
 * of one pass of the rule set but not of GrowthBook's, so reading it every pass skewed
 * the ratio.
 */
function throughput(evaluate: Evaluator, visitors: Attributes[], conditions: number): number {
  let evaluations = 0;
  const start = process.cpuUsage();
  let elapsedMs = 0;
  while (elapsedMs < ROUND_MS) {
    for (let pass = 0; pass < PASSES_PER_READ; pass++) {
      for (let v = 0; v < visitors.length; v++) sink += evaluate(visitors[v]);
    }
    evaluations += PASSES_PER_READ * conditions * visitors.length;
    const used = process.cpuUsage(start);
    elapsedMs = (used.user + used.system) / 1000;
  }
  return (evaluations / elapsedMs) * 1000;
}

/** Keeps the answers observable so the engine cannot drop the calls. */
let sink = 0;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ours, growthbook, ratio, single } = await runRulesBench();
  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`rule set:     ${format(ours)} evaluations/s`);
  console.log(`single rules: ${format(single)} evaluations/s (${(single / growthbook).toFixed(1)}×, for reference)`);
  console.log(`growthbook:   ${format(growthbook)} evaluations/s`);
  console.log(`ratio:        ${ratio.toFixed(1)}× (budget ≥ 20×) ${ratio >= 20 ? 'OK' : 'BELOW BUDGET'}`);
  if (sink < 0) console.log(sink);
}
