/**
 * Rule evaluation throughput: our compiled predicates against GrowthBook's
 * `evalCondition` on the same 100 conditions and the same visitors, measured side by
 * side in one run, after checking that both engines give the same answer on every pair.
 * Budget (DESIGN.md): ours ≥ 20× GrowthBook. Run: npx tsx bench/rules.ts
 */
import { evalCondition } from '@growthbook/growthbook';
import { pathToFileURL } from 'node:url';
import { compileCondition, type Predicate } from '../shared/rules/compile.js';
import { makeConditions, makeVisitors, type Condition } from './conditions.js';

const CONDITIONS = 100;
const VISITORS = 50;
const ROUND_MS = 400;
const ROUNDS = 5;

type GrowthBookCondition = Parameters<typeof evalCondition>[1];

export interface RulesBenchResult {
  /** Condition evaluations per second. */
  ours: number;
  growthbook: number;
  ratio: number;
}

export async function runRulesBench(): Promise<RulesBenchResult> {
  const conditions = makeConditions(CONDITIONS);
  const visitors = makeVisitors(VISITORS);
  const predicates = conditions.map(compileOrThrow);
  const growthbook = conditions.map((condition) => (attrs: Record<string, unknown>) => evalCondition(attrs, condition as GrowthBookCondition));
  const matches = checkAgreement(predicates, growthbook, visitors, conditions);
  console.log(`${CONDITIONS} conditions × ${VISITORS} visitors: both engines agree on all ${CONDITIONS * VISITORS} pairs (${matches} match)`);

  // Alternate the engines so neither gets a warmer machine; keep each one's best round.
  let ours = 0;
  let theirs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    ours = Math.max(ours, throughput(predicates, visitors));
    theirs = Math.max(theirs, throughput(growthbook, visitors));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ours, growthbook: theirs, ratio: ours / theirs };
}

function compileOrThrow(condition: Condition, index: number): Predicate {
  const { predicate, issues } = compileCondition(condition, ['conditions', index]);
  if (issues.length > 0) throw new Error(`bench condition ${index} does not compile: ${JSON.stringify(issues)}`);
  return predicate;
}

function checkAgreement(ours: Predicate[], theirs: Predicate[], visitors: Record<string, unknown>[], conditions: Condition[]): number {
  let matches = 0;
  for (let c = 0; c < ours.length; c++) {
    for (let v = 0; v < visitors.length; v++) {
      const answer = ours[c](visitors[v]);
      if (answer !== theirs[c](visitors[v])) {
        throw new Error(`engines disagree on condition ${JSON.stringify(conditions[c])} for visitor ${v}: ours ${answer}`);
      }
      if (answer) matches++;
    }
  }
  return matches;
}

/**
 * Evaluations per CPU second over one round. CPU time, not wall time: other processes on
 * a shared machine then slow both engines' clocks alike instead of skewing the ratio.
 */
function throughput(predicates: Predicate[], visitors: Record<string, unknown>[]): number {
  let evaluations = 0;
  const start = process.cpuUsage();
  let elapsedMs = 0;
  while (elapsedMs < ROUND_MS) {
    for (let v = 0; v < visitors.length; v++) {
      const visitor = visitors[v];
      for (let c = 0; c < predicates.length; c++) if (predicates[c](visitor)) sink++;
    }
    evaluations += predicates.length * visitors.length;
    const used = process.cpuUsage(start);
    elapsedMs = (used.user + used.system) / 1000;
  }
  return (evaluations / elapsedMs) * 1000;
}

/** Keeps the predicates' answers observable so the engine cannot drop the calls. */
let sink = 0;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ours, growthbook, ratio } = await runRulesBench();
  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`ours:       ${format(ours)} evaluations/s`);
  console.log(`growthbook: ${format(growthbook)} evaluations/s`);
  console.log(`ratio:      ${ratio.toFixed(1)}× (budget ≥ 20×) ${ratio >= 20 ? 'OK' : 'BELOW BUDGET'}`);
  if (sink < 0) console.log(sink);
}
