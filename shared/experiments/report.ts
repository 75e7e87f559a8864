/**
 * Turns the per-experiment aggregates the site's Durable Object holds into the report the
 * Admin API returns (`GET …/experiments/:id/report`). Pure: same input, same report.
 *
 * All rates, uplifts, intervals and chances are fractions (0.31 = +31 %). The control is
 * the experiment's first variant; every other arm is compared with it.
 */
import { formatChance, formatChange, formatCount, formatPercent, formatPValue, formatSplit } from './format';
import {
  chanceToBeatControl,
  type Interval,
  meanVariance,
  proportionCI,
  relativeUpliftCI,
  requiredSampleSize,
  srmTest,
  type SrmResult,
  twoProportionZTest,
  welchTest,
} from './stats';

export interface ArmAggregate {
  id: string;
  visitors: number;
  conversions: number;
  revenue: number;
  /** Sum of squared per-visitor revenue, for the revenue variance. */
  revenueSq: number;
}

export interface SegmentAggregate {
  segment: string;
  variant: string;
  visitors: number;
  conversions: number;
  revenue: number;
}

export interface DailyAggregate {
  /** YYYY-MM-DD */
  day: string;
  variant: string;
  visitors: number;
  conversions: number;
  revenue: number;
}

export interface StructuredHypothesis {
  goal?: string;
  audience?: string;
  change?: string;
  expectedEffect?: string;
}

export interface ExperimentInput {
  experiment: {
    id: string;
    hypothesis: string | StructuredHypothesis;
    variants: { id: string; weight: number }[];
    status: string;
    /** Relative lift the test should be able to detect; 0.1 (10 %) when absent. */
    minimumDetectableEffect?: number;
  };
  arms: ArmAggregate[];
  segments: SegmentAggregate[];
  daily: DailyAggregate[];
}

export interface VariantReport {
  id: string;
  control: boolean;
  visitors: number;
  conversions: number;
  conversionRate: number;
  conversionCI: Interval;
  /** Relative to the control; 0 for the control itself; null while the control has no conversions. */
  uplift: number | null;
  upliftCI: Interval | null;
  /** Two-sided pooled z-test against the control; null for the control or an empty arm. */
  pValue: number | null;
  /** P(this arm's true rate > the control's); null for the control. */
  chanceToWin: number | null;
  revenuePerVisitor: number;
  /** Welch t-test of revenue per visitor against the control; null for the control. */
  revenuePValue: number | null;
}

export interface SegmentReport {
  segment: string;
  variants: { id: string; visitors: number; conversions: number; conversionRate: number; uplift: number | null }[];
}

export interface DailyPoint {
  day: string;
  /** Running totals from the first day up to and including `day`. */
  visitors: number;
  conversions: number;
  revenue: number;
  conversionRate: number;
}

export type VerdictStatus = 'supported' | 'not-supported' | 'inconclusive' | 'srm';

export interface Verdict {
  status: VerdictStatus;
  text: string;
  /** More visitors each arm still needs to detect the minimum detectable effect (inconclusive only). */
  visitorsNeeded?: number;
}

export interface ExperimentReport {
  experiment: {
    id: string;
    status: string;
    variants: { id: string; weight: number }[];
    minimumDetectableEffect: number;
  };
  hypothesis: StructuredHypothesis & { text: string };
  srm: SrmResult;
  variants: VariantReport[];
  segments: SegmentReport[];
  daily: { variant: string; points: DailyPoint[] }[];
  verdict: Verdict;
}

export const DEFAULT_MDE = 0.1;
const ALPHA = 0.05;

export function buildReport(input: ExperimentInput): ExperimentReport {
  const { experiment } = input;
  const mde = experiment.minimumDetectableEffect ?? DEFAULT_MDE;
  const arms = experiment.variants.map((v) => input.arms.find((a) => a.id === v.id) ?? emptyArm(v.id));
  const srm = srmTest(
    arms.map((a) => a.visitors),
    experiment.variants.map((v) => v.weight),
  );
  const variants = arms.map((arm, i) => compareWithControl(arm, arms[0], i === 0));
  return {
    experiment: {
      id: experiment.id,
      status: experiment.status,
      variants: experiment.variants.map(({ id, weight }) => ({ id, weight })),
      minimumDetectableEffect: mde,
    },
    hypothesis: describeHypothesis(experiment.hypothesis),
    srm,
    variants,
    segments: segmentReports(input.segments, experiment.variants.map((v) => v.id)),
    daily: cumulativeDaily(input.daily, experiment.variants.map((v) => v.id)),
    verdict: decideVerdict(variants, srm, experiment.variants.map((v) => v.weight), mde),
  };
}

function emptyArm(id: string): ArmAggregate {
  return { id, visitors: 0, conversions: 0, revenue: 0, revenueSq: 0 };
}

const rate = (conversions: number, visitors: number): number => (visitors > 0 ? conversions / visitors : 0);

function relativeChange(value: number, base: number): number | null {
  return base > 0 ? value / base - 1 : null;
}

function compareWithControl(arm: ArmAggregate, control: ArmAggregate, isControl: boolean): VariantReport {
  const conversionRate = rate(arm.conversions, arm.visitors);
  const controlRate = rate(control.conversions, control.visitors);
  const bothHaveVisitors = arm.visitors > 0 && control.visitors > 0;
  const base = {
    id: arm.id,
    control: isControl,
    visitors: arm.visitors,
    conversions: arm.conversions,
    conversionRate,
    conversionCI: proportionCI(arm.conversions, arm.visitors),
    revenuePerVisitor: arm.visitors > 0 ? arm.revenue / arm.visitors : 0,
  };
  if (isControl) return { ...base, uplift: 0, upliftCI: null, pValue: null, chanceToWin: null, revenuePValue: null };
  const revenueA = meanVariance(control.visitors, control.revenue, control.revenueSq);
  const revenueB = meanVariance(arm.visitors, arm.revenue, arm.revenueSq);
  return {
    ...base,
    uplift: arm.visitors > 0 ? relativeChange(conversionRate, controlRate) : null,
    upliftCI: relativeUpliftCI(control.conversions, control.visitors, arm.conversions, arm.visitors),
    pValue: bothHaveVisitors
      ? twoProportionZTest(control.conversions, control.visitors, arm.conversions, arm.visitors).pValue
      : null,
    chanceToWin: bothHaveVisitors
      ? chanceToBeatControl(control.conversions, control.visitors, arm.conversions, arm.visitors)
      : null,
    revenuePValue: bothHaveVisitors
      ? welchTest(revenueA.mean, revenueA.variance, control.visitors, revenueB.mean, revenueB.variance, arm.visitors)
          .pValue
      : null,
  };
}

/** A structured hypothesis reads as one "If we …, then …" sentence; plain text stays as written. */
export function describeHypothesis(hypothesis: string | StructuredHypothesis): StructuredHypothesis & { text: string } {
  if (typeof hypothesis === 'string') return { text: hypothesis };
  const { goal, audience, change, expectedEffect } = hypothesis;
  const condition = [change && `we ${change}`, audience && `for ${audience}`].filter(Boolean).join(' ');
  const outcome = [expectedEffect, goal && `(measured by ${goal})`].filter(Boolean).join(' ');
  const text = condition && outcome ? `If ${condition}, then ${outcome}.` : condition || outcome;
  return { ...hypothesis, text };
}

function segmentReports(rows: readonly SegmentAggregate[], variantIds: readonly string[]): SegmentReport[] {
  const names = [...new Set(rows.map((r) => r.segment))].sort();
  return names.map((segment) => {
    const cells = variantIds.map((id) => {
      const matching = rows.filter((r) => r.segment === segment && r.variant === id);
      const visitors = sum(matching.map((r) => r.visitors));
      const conversions = sum(matching.map((r) => r.conversions));
      return { id, visitors, conversions, conversionRate: rate(conversions, visitors) };
    });
    const controlRate = cells[0]?.conversionRate ?? 0;
    return {
      segment,
      variants: cells.map((c, i) => ({
        ...c,
        uplift: i === 0 ? 0 : c.visitors > 0 ? relativeChange(c.conversionRate, controlRate) : null,
      })),
    };
  });
}

/** Every variant gets a point on every day that has data, so the chart's lines share one axis. */
function cumulativeDaily(rows: readonly DailyAggregate[], variantIds: readonly string[]) {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  return variantIds.map((variant) => {
    let visitors = 0;
    let conversions = 0;
    let revenue = 0;
    const points = days.map((day) => {
      for (const r of rows) {
        if (r.day !== day || r.variant !== variant) continue;
        visitors += r.visitors;
        conversions += r.conversions;
        revenue += r.revenue;
      }
      return { day, visitors, conversions, revenue, conversionRate: rate(conversions, visitors) };
    });
    return { variant, points };
  });
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * The plain-language conclusion. Order matters: a broken split voids everything else; then
 * a significant win, then a significant loss, then "enough visitors and still nothing".
 * With several challengers each is tested at 0.05 / (number of challengers) (Bonferroni),
 * so adding arms does not make a false winner more likely.
 */
function decideVerdict(
  variants: readonly VariantReport[],
  srm: SrmResult,
  weights: readonly number[],
  mde: number,
): Verdict {
  const [control, ...challengers] = variants;
  if (!control || challengers.length === 0) {
    return { status: 'inconclusive', text: 'This experiment has no arm to compare with the control.' };
  }
  if (!srm.ok) {
    return {
      status: 'srm',
      text:
        `The split is off: ${variants.map((v) => formatCount(v.visitors)).join(' vs ')} visitors where ` +
        `${formatSplit(weights)} was planned (${formatPValue(srm.pValue)}). Do not trust these numbers; ` +
        'check for bots or a broken exposure.',
    };
  }
  const alpha = ALPHA / challengers.length;
  const significant = challengers.filter((v) => v.pValue !== null && v.pValue < alpha && v.uplift !== null);
  const winner = maxBy(
    significant.filter((v) => v.uplift! > 0),
    (v) => v.uplift!,
  );
  if (winner) {
    return {
      status: 'supported',
      text:
        `${quote(winner.id)} converts better than the control: ${formatPercent(winner.conversionRate, 2)} vs ` +
        `${formatPercent(control.conversionRate, 2)}, ${formatChange(winner.uplift!)} (${evidence(winner)}). ` +
        'The hypothesis is supported.',
    };
  }
  const loser = maxBy(significant, (v) => -v.uplift!);
  if (loser) {
    return {
      status: 'not-supported',
      text:
        `${quote(loser.id)} converts worse than the control: ${formatPercent(loser.conversionRate, 2)} vs ` +
        `${formatPercent(control.conversionRate, 2)}, ${formatChange(loser.uplift!)} (${evidence(loser)}). ` +
        'The hypothesis is not supported; keep the control.',
    };
  }
  const baseline = control.conversionRate > 0 ? control.conversionRate : pooledRate(variants);
  const perArm = baseline > 0 ? requiredSampleSize(baseline, mde, alpha) : Infinity;
  const fewest = Math.min(...variants.map((v) => v.visitors));
  const leader = maxBy(challengers, (v) => v.uplift ?? -Infinity) ?? challengers[0];
  const sofar =
    leader.uplift !== null && leader.pValue !== null
      ? `${quote(leader.id)} is at ${formatChange(leader.uplift)} (${formatPValue(leader.pValue)})`
      : 'there is no difference to measure yet';
  if (Number.isFinite(perArm) && fewest >= perArm) {
    return {
      status: 'not-supported',
      text:
        `Every arm reached the ${formatCount(perArm)} visitors needed to see a ${formatPercent(mde, 0)} difference, ` +
        `and no arm differs clearly from the control: ${sofar}. The hypothesis is not supported; ` +
        'keep the control or test a bolder change.',
    };
  }
  if (!Number.isFinite(perArm)) {
    return {
      status: 'inconclusive',
      text: 'Too early to tell: there are no conversions yet, so the visitors needed cannot be estimated.',
    };
  }
  const visitorsNeeded = perArm - fewest;
  return {
    status: 'inconclusive',
    text:
      `Too early to tell: ${sofar}. About ${formatCount(visitorsNeeded)} more visitors per arm are needed ` +
      `to detect a ${formatPercent(mde, 0)} difference.`,
    visitorsNeeded,
  };
}

/** "95% CI +11% to +55%; p=0.0012; over 99% chance to beat the control" */
function evidence(v: VariantReport): string {
  const parts: string[] = [];
  if (v.upliftCI) parts.push(`95% CI ${formatChange(v.upliftCI[0])} to ${formatChange(v.upliftCI[1])}`);
  if (v.pValue !== null) parts.push(formatPValue(v.pValue));
  if (v.chanceToWin !== null) parts.push(`${formatChance(v.chanceToWin)} chance to beat the control`);
  return parts.join('; ');
}

const quote = (id: string): string => `\u201c${id}\u201d`;

function pooledRate(variants: readonly VariantReport[]): number {
  return rate(sum(variants.map((v) => v.conversions)), sum(variants.map((v) => v.visitors)));
}

function maxBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || score(item) > score(best)) best = item;
  return best;
}

export interface PeriodTotals {
  visitors: number;
  conversions: number;
  revenue: number;
  /** Sum of squared per-visitor revenue; with it the revenue change gets a p-value. */
  revenueSq?: number;
}

export interface PeriodComparison {
  current: { conversionRate: number; revenuePerVisitor: number };
  previous: { conversionRate: number; revenuePerVisitor: number };
  /** Relative change of the conversion rate, current over previous; null when previous had none. */
  conversionRateChange: number | null;
  conversionRateChangeCI: Interval | null;
  pValue: number | null;
  revenuePerVisitorChange: number | null;
  revenuePValue: number | null;
}

/**
 * This period against the one before it (or the weeks before a campaign started). Not an
 * experiment: anything else that changed between the periods (season, prices, traffic mix)
 * is in the difference too, so the report must not call it an effect of the campaign.
 */
export function comparePeriods(current: PeriodTotals, previous: PeriodTotals): PeriodComparison {
  const summary = (p: PeriodTotals) => ({
    conversionRate: rate(p.conversions, p.visitors),
    revenuePerVisitor: p.visitors > 0 ? p.revenue / p.visitors : 0,
  });
  const now = summary(current);
  const before = summary(previous);
  const haveBoth = current.visitors > 0 && previous.visitors > 0;
  const haveSquares = haveBoth && current.revenueSq !== undefined && previous.revenueSq !== undefined;
  const revNow = meanVariance(current.visitors, current.revenue, current.revenueSq ?? 0);
  const revBefore = meanVariance(previous.visitors, previous.revenue, previous.revenueSq ?? 0);
  return {
    current: now,
    previous: before,
    conversionRateChange: haveBoth ? relativeChange(now.conversionRate, before.conversionRate) : null,
    conversionRateChangeCI: relativeUpliftCI(previous.conversions, previous.visitors, current.conversions, current.visitors),
    pValue: haveBoth
      ? twoProportionZTest(previous.conversions, previous.visitors, current.conversions, current.visitors).pValue
      : null,
    revenuePerVisitorChange: haveBoth ? relativeChange(now.revenuePerVisitor, before.revenuePerVisitor) : null,
    revenuePValue: haveSquares
      ? welchTest(revBefore.mean, revBefore.variance, previous.visitors, revNow.mean, revNow.variance, current.visitors)
          .pValue
      : null,
  };
}
