/**
 * The plain-language conclusion of an experiment, and the sample it was planned for.
 *
 * The test is fixed-horizon: the two-proportion z-test's p-value holds only at the sample
 * planned in advance, from the minimum detectable effect (80 % power, α 0.05 two-sided, the
 * control's conversion rate as the baseline). Looked at daily and stopped at the first
 * p < 0.05, it would call far more than 5 % of null effects winners. So until every arm has
 * its planned visitors the verdict is provisional, however small p is; no sequential method
 * (always-valid p-values, group-sequential boundaries) is used that would allow stopping early.
 */
import { formatChance, formatChange, formatCount, formatPercent, formatPValue, formatSplit } from './format';
import type { VariantReport } from './report';
import { requiredSampleSize, type SrmResult } from './stats';

export const ALPHA = 0.05;
export const POWER = 0.8;

export type VerdictStatus = 'supported' | 'not-supported' | 'inconclusive' | 'srm';

export interface Verdict {
  /** 'inconclusive' is provisional: the planned sample is not reached (or cannot be planned yet). */
  status: VerdictStatus;
  text: string;
  /** More visitors the smallest arm still needs to reach the planned sample (provisional only). */
  visitorsNeeded?: number;
}

export interface PlannedSample {
  /** Visitors each arm needs; null while the control has no conversion to plan from. */
  perArm: number | null;
  /** The control's conversion rate so far: the baseline the plan is computed from. */
  baselineRate: number;
  minimumDetectableEffect: number;
  power: number;
  alpha: number;
  /** α per comparison: split evenly over the challengers (Bonferroni). */
  alphaPerComparison: number;
  smallestArm: number;
  reached: boolean;
  /** The plan in one sentence, with its assumptions. */
  text: string;
}

export function plannedSample(variants: readonly VariantReport[], mde: number): PlannedSample {
  const [control, ...challengers] = variants;
  const baselineRate = control?.conversionRate ?? 0;
  const alphaPerComparison = ALPHA / Math.max(1, challengers.length);
  const computed = requiredSampleSize(baselineRate, mde, alphaPerComparison, POWER);
  const perArm = Number.isFinite(computed) ? computed : null;
  const smallestArm = variants.length ? Math.min(...variants.map((v) => v.visitors)) : 0;
  const split = challengers.length > 1 ? `, ${Number(alphaPerComparison.toPrecision(3))} per comparison with ${challengers.length} challengers` : '';
  const assumptions = `80% power, α = ${ALPHA} two-sided${split}`;
  const text =
    perArm === null
      ? `The planned sample needs the control's conversion rate, and the control has no conversion yet (${assumptions}).`
      : `${formatCount(perArm)} visitors per arm, to detect a ${formatPercent(mde, 0)} relative lift over the control's ` +
        `${formatPercent(baselineRate, 2)} conversion rate so far (${assumptions}).`;
  return {
    perArm,
    baselineRate,
    minimumDetectableEffect: mde,
    power: POWER,
    alpha: ALPHA,
    alphaPerComparison,
    smallestArm,
    reached: perArm !== null && smallestArm >= perArm,
    text,
  };
}

/**
 * Order matters: a broken split voids everything else; then, before the planned sample, a
 * provisional reading; after it, a significant win, a significant loss, or "no difference".
 * With several challengers each is tested at 0.05 / (number of challengers) (Bonferroni).
 */
export function decideVerdict(
  variants: readonly VariantReport[],
  srm: SrmResult,
  weights: readonly number[],
  plan: PlannedSample,
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
  const significant = challengers.filter((v) => v.pValue !== null && v.pValue < plan.alphaPerComparison && v.uplift !== null);
  const winner = maxBy(significant.filter((v) => v.uplift! > 0), (v) => v.uplift!);
  const loser = maxBy(significant, (v) => -v.uplift!);
  if (plan.perArm === null) {
    return { status: 'inconclusive', text: 'Provisional: the control has no conversion yet, so the sample this test needs cannot be planned. Keep it running.' };
  }
  if (!plan.reached) {
    const leader = winner ?? loser ?? maxBy(challengers, (v) => v.uplift ?? -Infinity) ?? challengers[0];
    const standing =
      leader.uplift === null || leader.pValue === null
        ? 'there is no difference to measure yet'
        : `${armName(leader)} is at ${formatChange(leader.uplift)} (${formatPValue(leader.pValue)})${leader === winner ? ', ahead so far' : leader === loser ? ', behind so far' : ''}`;
    const visitorsNeeded = plan.perArm - plan.smallestArm;
    return {
      status: 'inconclusive',
      text:
        `Provisional: ${standing} after ${formatCount(plan.smallestArm)} of the planned ${formatCount(plan.perArm)} visitors per arm. ` +
        `Keep the test running for about ${formatCount(visitorsNeeded)} more per arm: stopping at the first p below 0.05 ` +
        'calls chance differences winners far more often than 1 in 20.',
      visitorsNeeded,
    };
  }
  if (winner) {
    return {
      status: 'supported',
      text:
        `${armName(winner)} converts better than the control: ${formatPercent(winner.conversionRate, 2)} vs ` +
        `${formatPercent(control.conversionRate, 2)}, ${formatChange(winner.uplift!)} (${evidence(winner)}). ` +
        'The hypothesis is supported.',
    };
  }
  if (loser) {
    return {
      status: 'not-supported',
      text:
        `${armName(loser)} converts worse than the control: ${formatPercent(loser.conversionRate, 2)} vs ` +
        `${formatPercent(control.conversionRate, 2)}, ${formatChange(loser.uplift!)} (${evidence(loser)}). ` +
        'The hypothesis is not supported; keep the control.',
    };
  }
  const leader = maxBy(challengers, (v) => v.uplift ?? -Infinity) ?? challengers[0];
  const sofar =
    leader.uplift !== null && leader.pValue !== null
      ? `${armName(leader)} is at ${formatChange(leader.uplift)} (${formatPValue(leader.pValue)})`
      : 'there is no difference to measure';
  return {
    status: 'not-supported',
    text:
      `Every arm reached the ${formatCount(plan.perArm)} visitors planned to see a ${formatPercent(plan.minimumDetectableEffect, 0)} difference, ` +
      `and no arm differs clearly from the control: ${sofar}. The hypothesis is not supported; ` +
      'keep the control or test a bolder change.',
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

/** The arm's name from the config when it has one, in quotes. */
const armName = (v: VariantReport): string => `\u201c${v.name ?? v.id}\u201d`;

function maxBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || score(item) > score(best)) best = item;
  return best;
}
