import { pathRows, PATH_METHOD, segmentFunnels } from '../../../../shared/experiments/funnel.js';
import { buildReport, type ExperimentReport } from '../../../../shared/experiments/report.js';
import { markChanges, METHOD, segmentNamesOf, segmentRows, type ReportPeriod, type SiteReport } from '../../../../shared/experiments/site-report.js';
import { trendSeries } from '../../../../shared/experiments/trend.js';
import type { Loaded } from '../../config/cache.js';
import type { Env } from '../../env.js';
import { loadSiteRecs, productsFor } from '../../recs/site-recs.js';
import { statsFor } from '../../stats/stub.js';

/** Starting products and categories per segment the report shows. */
export const PATHS_PER_SEGMENT = 3;

/**
 * Everything the site report shows for one period, read from the site's object: segments
 * compared and marked, the funnel, paths (from `from` only, when given), the daily trend
 * and each experiment's verdict. Only the served config's segments are read.
 */
export async function siteReportData(env: Env, site: string, loaded: Loaded, period: ReportPeriod, from?: string): Promise<SiteReport> {
  const stats = statsFor(env, site);
  const config = loaded.compiled.config;
  const ids = config.segments.map((s) => s.id);
  const names = segmentNamesOf(config.segments);
  const [current, previous] = await stats.periods([period.current, period.previous], ids);
  const [funnelNow, funnelBefore] = await stats.funnels([period.current, period.previous], ids);
  const counted = await stats.paths(period.current, ids, { from, limit: PATHS_PER_SEGMENT });
  const productNames = await namesOf(env, site, [...counted.views.filter((v) => v.kind === 'item').map((v) => v.item), ...counted.counts.filter((c) => c.kind === 'item').map((c) => c.to)]);
  const experiments: ExperimentReport[] = [];
  for (const spec of config.experiments) {
    if (spec.status === 'draft') continue;
    experiments.push(buildReport({ experiment: spec, ...(await stats.experimentData(spec.id, ids)) }, { segments: names }));
  }
  return {
    site,
    configVersion: loaded.version,
    period,
    days: period.days,
    method: METHOD,
    segments: markChanges(segmentRows(current, previous), names),
    funnel: segmentFunnels(funnelNow, funnelBefore, names),
    paths: pathRows(counted.views, counted.counts, { from, fromPerSegment: PATHS_PER_SEGMENT, segmentNames: names, productNames }),
    pathMethod: PATH_METHOD,
    trend: trendSeries(await stats.daily(period.current, ids), period.current, names),
    experiments,
  };
}

/** Product names from the catalog, for the few ids a report shows; ids stay when it has none. */
async function namesOf(env: Env, site: string, ids: string[]): Promise<Map<string, string>> {
  const recs = await loadSiteRecs(env.KV, site);
  if (!recs || ids.length === 0) return new Map();
  const products = await productsFor(env.KV, recs, [...new Set(ids)]);
  return new Map(products.map((p) => [p.id, p.name]));
}
