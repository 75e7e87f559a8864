/** The site report's trend: visitors and conversion per day for each segment. Pure. */

export interface DayCount {
  day: string;
  segment: string;
  visitors: number;
  conversions: number;
}

export interface TrendPoint {
  day: string;
  visitors: number;
  conversions: number;
  /** null on a day without visitors. */
  conversionRate: number | null;
}

export interface TrendSeries {
  segment: string;
  name?: string;
  points: TrendPoint[];
}

const DAY = 86_400_000;

/** Every day from `from` to `to`, inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * One series per segment (everyone first, then by visitors), a point for every day of the
 * range, days without visits as zero so the line does not skip them.
 */
export function trendSeries(rows: readonly DayCount[], range: { from: string; to: string }, names: ReadonlyMap<string, string> = new Map()): TrendSeries[] {
  const days = daysBetween(range.from, range.to);
  const bySegment = new Map<string, Map<string, DayCount>>([['*', new Map()]]);
  for (const r of rows) {
    const m = bySegment.get(r.segment) ?? new Map<string, DayCount>();
    m.set(r.day, r);
    bySegment.set(r.segment, m);
  }
  const series = [...bySegment].map(([segment, byDay]) => {
    const name = names.get(segment);
    return {
      segment,
      ...(name ? { name } : {}),
      points: days.map((day) => {
        const r = byDay.get(day);
        const visitors = r?.visitors ?? 0;
        const conversions = r?.conversions ?? 0;
        return { day, visitors, conversions, conversionRate: visitors ? conversions / visitors : null };
      }),
    };
  });
  const total = (s: TrendSeries) => s.points.reduce((n, p) => n + p.visitors, 0);
  return series.sort((a, b) => (a.segment === '*' ? -1 : b.segment === '*' ? 1 : total(b) - total(a) || (a.segment < b.segment ? -1 : 1)));
}
