/**
 * Turns the per-experiment aggregates the site's Durable Object holds into the report the
 * Admin API returns (`GET …/experiments/:id/report`). Pure: same input, same report.
 *
 * All rates, uplifts, intervals and chances are fractions (0.31 = +31 %). The control is
 * the experiment's first variant; every other arm is compared with it.
 */
import { hypothesisSentence, type StructuredHypothesis } from './hypothesis';
import {
  chanceToBeatControl,
  type Interval,
  meanVariance,
  proportionCI,
  relativeUpliftCI,
  srmTest,
  type SrmResult,
  twoProportionZTest,
  welchTest,
} from './stats';
import { decideVerdict, plannedSample, type PlannedSample, type Verdict } from './verdict';

export type { StructuredHypothesis } from './hypothesis';
export type { PlannedSample, Verdict, VerdictStatus } from './verdict';

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

export interface ExperimentInput {
  experiment: {
    id: string;
    name?: string;
    hypothesis: string | StructuredHypothesis;
    variants: { id: string; name?: string; weight: number }[];
    status: string;
    /** Relative lift the test should be able to detect; 0.1 (10 %) when absent. */
    minimumDetectableEffect?: number;
  };
  arms: ArmAggregate[];
  segments: SegmentAggregate[];
  daily: DailyAggregate[];
}

/** What the config says besides the experiment: segment id → name, so the report shows names. */
export interface ReportNames {
  segments?: ReadonlyMap<string, string>;
}

export interface VariantReport {
  id: string;
  /** The variant's name in the config, when it has one. */
  name?: string;
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
  /** The segment's name in the config, when it has one. */
  name?: string;
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

export interface ExperimentReport {
  experiment: {
    id: string;
    name?: string;
    status: string;
    variants: { id: string; name?: string; weight: number }[];
    minimumDetectableEffect: number;
  };
  hypothesis: StructuredHypothesis & { text: string };
  srm: SrmResult;
  variants: VariantReport[];
  segments: SegmentReport[];
  daily: { variant: string; points: DailyPoint[] }[];
  plannedSample: PlannedSample;
  verdict: Verdict;
}

export const DEFAULT_MDE = 0.1;

export function buildReport(input: ExperimentInput, names: ReportNames = {}): ExperimentReport {
  const { experiment } = input;
  const mde = experiment.minimumDetectableEffect ?? DEFAULT_MDE;
  const arms = experiment.variants.map((v) => input.arms.find((a) => a.id === v.id) ?? emptyArm(v.id));
  const srm = srmTest(
    arms.map((a) => a.visitors),
    experiment.variants.map((v) => v.weight),
  );
  const variants = arms.map((arm, i) => ({ ...compareWithControl(arm, arms[0], i === 0), ...named(experiment.variants[i].name) }));
  const plan = plannedSample(variants, mde);
  return {
    experiment: {
      id: experiment.id,
      ...named(experiment.name),
      status: experiment.status,
      variants: experiment.variants.map(({ id, name, weight }) => ({ id, ...named(name), weight })),
      minimumDetectableEffect: mde,
    },
    hypothesis: describeHypothesis(experiment.hypothesis),
    srm,
    variants,
    segments: segmentReports(input.segments, experiment.variants.map((v) => v.id), names.segments),
    daily: cumulativeDaily(input.daily, experiment.variants.map((v) => v.id)),
    plannedSample: plan,
    verdict: decideVerdict(variants, srm, experiment.variants.map((v) => v.weight), plan),
  };
}

/** `{name}` when there is one, nothing otherwise: JSON without `"name": undefined`. */
function named(name: string | undefined): { name?: string } {
  return name ? { name } : {};
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

/** A structured hypothesis reads as one sentence (hypothesis.ts); plain text stays as written. */
export function describeHypothesis(hypothesis: string | StructuredHypothesis): StructuredHypothesis & { text: string } {
  if (typeof hypothesis === 'string') return { text: hypothesis };
  return { ...hypothesis, text: hypothesisSentence(hypothesis) };
}

function segmentReports(rows: readonly SegmentAggregate[], variantIds: readonly string[], segmentNames?: ReadonlyMap<string, string>): SegmentReport[] {
  const ids = [...new Set(rows.map((r) => r.segment))].sort();
  return ids.map((segment) => {
    const cells = variantIds.map((id) => {
      const matching = rows.filter((r) => r.segment === segment && r.variant === id);
      const visitors = sum(matching.map((r) => r.visitors));
      const conversions = sum(matching.map((r) => r.conversions));
      return { id, visitors, conversions, conversionRate: rate(conversions, visitors) };
    });
    const controlRate = cells[0]?.conversionRate ?? 0;
    return {
      segment,
      ...named(segmentNames?.get(segment)),
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
