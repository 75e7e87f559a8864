/**
 * The shop funnel and "where did they go next", per segment: the model the site report
 * shows. Pure; the site's Durable Object counts, this turns counts into rates.
 */

/** The funnel's steps in order; a visitor reaches a step only after every step before it. */
export const FUNNEL_STEPS = ['view_item', 'add_to_cart', 'begin_checkout', 'purchase'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Bit of each step in a visitor-day's `steps`: the edge keeps flags, never an ordered path. */
export const STEP_BIT: ReadonlyMap<string, number> = new Map(FUNNEL_STEPS.map((s, i) => [s, 1 << i]));

/** Visitors who reached each step of FUNNEL_STEPS (and all before it) in one period. */
export type FunnelCounts = readonly number[];

export interface FunnelStepRow {
  step: FunnelStep;
  visitors: number;
  previousVisitors: number;
  /** Share of the step before who did not reach this one; null for the first step or none before. */
  dropOff: number | null;
  previousDropOff: number | null;
}

export interface SegmentFunnel {
  segment: string;
  name?: string;
  steps: FunnelStepRow[];
  /** Share of the first step who reached the last, this period and the one before. */
  overall: number | null;
  previousOverall: number | null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const ZERO: FunnelCounts = FUNNEL_STEPS.map(() => 0);

/** One segment's funnel, this period against the one before, with the drop-off at each step. */
export function segmentFunnel(segment: string, current: FunnelCounts = ZERO, previous: FunnelCounts = ZERO, name?: string): SegmentFunnel {
  const steps = FUNNEL_STEPS.map((step, i) => ({
    step,
    visitors: current[i] ?? 0,
    previousVisitors: previous[i] ?? 0,
    dropOff: i === 0 ? null : dropOff(current[i - 1], current[i]),
    previousDropOff: i === 0 ? null : dropOff(previous[i - 1], previous[i]),
  }));
  const last = FUNNEL_STEPS.length - 1;
  return {
    segment,
    ...(name ? { name } : {}),
    steps,
    overall: share(current[last] ?? 0, current[0] ?? 0),
    previousOverall: share(previous[last] ?? 0, previous[0] ?? 0),
  };
}

function dropOff(before: number | undefined, after: number | undefined): number | null {
  const s = share(after ?? 0, before ?? 0);
  return s === null ? null : 1 - s;
}

/** Funnels for every segment counted in either period, everyone ('*') first. */
export function segmentFunnels(
  current: ReadonlyMap<string, FunnelCounts>,
  previous: ReadonlyMap<string, FunnelCounts>,
  names: ReadonlyMap<string, string> = new Map(),
): SegmentFunnel[] {
  const ids = [...new Set(['*', ...current.keys(), ...previous.keys()])];
  return ids.map((id) => segmentFunnel(id, current.get(id), previous.get(id), names.get(id)));
}

/** A view this long after the visitor's previous one starts afresh: no "next" is counted. */
export const PATH_GAP_MS = 30 * 60_000;

export const PATH_METHOD =
  'Paths count product views of catalog products: after each view, the next product the same visitor viewed within 30 minutes ' +
  '(the same product again is one view). Shares are of all views of the starting product or category in the segment; ' +
  'the rest viewed no other product within 30 minutes. Only totals per day and segment are kept, never a visitor\'s path.';

/** What the edge counts for paths: views of `from`, and how many of them `to` followed. */
export interface PathCount {
  segment: string;
  kind: PathKind;
  from: string;
  to: string;
  n: number;
}
export interface PathViews {
  segment: string;
  kind: PathKind;
  item: string;
  n: number;
}

/** Paths between products, and between their categories. */
export type PathKind = 'item' | 'category';

export interface NextStep {
  to: string;
  toName?: string;
  n: number;
  /** Of all views of `from` in the segment: "40 % went to Y next". */
  share: number;
}

export interface PathRow {
  segment: string;
  segmentName?: string;
  kind: PathKind;
  from: string;
  fromName?: string;
  /** Views of `from` by the segment in the period. */
  views: number;
  /** The most common next views, most first. */
  next: NextStep[];
  /** Share of the views after which the visitor viewed nothing else within the gap. */
  noNext: number;
}

export interface PathOptions {
  /** Only this product or category as the starting point (the report's `?from=`). */
  from?: string;
  /** Starting points per segment and kind, most viewed first. */
  fromPerSegment?: number;
  nextPerFrom?: number;
  segmentNames?: ReadonlyMap<string, string>;
  productNames?: ReadonlyMap<string, string>;
}

/**
 * Per segment and kind, the most viewed starting points and where their viewers went next.
 * Ties break by id so the report is stable from one load to the next.
 */
export function pathRows(views: readonly PathViews[], counts: readonly PathCount[], options: PathOptions = {}): PathRow[] {
  const { from, fromPerSegment = 3, nextPerFrom = 3, segmentNames = new Map(), productNames = new Map() } = options;
  const key = (segment: string, kind: string, item: string) => JSON.stringify([segment, kind, item]);
  const nextOf = new Map<string, PathCount[]>();
  for (const c of counts) {
    const k = key(c.segment, c.kind, c.from);
    const list = nextOf.get(k);
    if (list) list.push(c);
    else nextOf.set(k, [c]);
  }
  const groups = new Map<string, PathViews[]>();
  for (const v of views) {
    if (from !== undefined && v.item !== from) continue;
    const k = JSON.stringify([v.segment, v.kind]);
    const list = groups.get(k);
    if (list) list.push(v);
    else groups.set(k, [v]);
  }
  const byCount = <T extends { n: number }>(id: (x: T) => string) => (a: T, b: T) => b.n - a.n || (id(a) < id(b) ? -1 : 1);
  const nameOf = (kind: PathKind, id: string) => (kind === 'item' ? productNames.get(id) : undefined);
  const rows: PathRow[] = [];
  for (const list of groups.values()) {
    for (const v of list.sort(byCount((x) => x.item)).slice(0, fromPerSegment)) {
      const next = (nextOf.get(key(v.segment, v.kind, v.item)) ?? []).sort(byCount((x) => x.to));
      const followed = next.reduce((s, c) => s + c.n, 0);
      const segmentName = segmentNames.get(v.segment);
      const fromName = nameOf(v.kind, v.item);
      rows.push({
        segment: v.segment,
        ...(segmentName ? { segmentName } : {}),
        kind: v.kind,
        from: v.item,
        ...(fromName ? { fromName } : {}),
        views: v.n,
        next: next.slice(0, nextPerFrom).map((c) => {
          const toName = nameOf(v.kind, c.to);
          return { to: c.to, ...(toName ? { toName } : {}), n: c.n, share: c.n / v.n };
        }),
        noNext: Math.max(0, v.n - followed) / v.n,
      });
    }
  }
  const rank = (r: PathRow) => (r.segment === '*' ? 0 : 1) * 2 + (r.kind === 'item' ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b));
}
