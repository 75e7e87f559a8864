import { Hono, type Context } from 'hono';
import { buildReport, comparePeriods, type ExperimentReport } from '../../../../shared/experiments/report.js';
import { renderReportHtml } from '../../../../shared/experiments/report-html.js';
import { loadConfig, type Loaded } from '../../config/cache.js';
import type { AppEnv } from '../../env.js';
import { HTML_PAGE_HEADERS, htmlSecurity } from '../../http/html.js';
import { fail } from '../../http/problems.js';
import { statsFor } from '../../stats/stub.js';
import { renderSiteReport, type SegmentPeriodRow } from './site-report.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Stats = ReturnType<typeof statsFor>;

async function experimentReport(c: Context<AppEnv>, site: string, id: string): Promise<ExperimentReport & { sinceStart?: SegmentPeriodRow[] }> {
  const loaded = await loadConfig(c.env.KV, site);
  if (!loaded) fail(404, 'unknown site');
  const spec = loaded.compiled.config.experiments.find((e) => e.id === id);
  if (!spec) fail(404, `no experiment "${id}" in the served config`);
  const stats = statsFor(c.env, site);
  const segments = segmentIds(loaded);
  const report = buildReport({ experiment: spec, ...(await stats.experimentData(id, segments)) });
  return spec.startedAt ? { ...report, sinceStart: await sinceStart(stats, segments, Date.parse(spec.startedAt)) } : report;
}

/** A report shows the served config's segments only, however many names visitors sent. */
const segmentIds = (loaded: Loaded) => loaded.compiled.config.segments.map((s) => s.id);

/**
 * Every segment since an experiment or campaign started against an equally long stretch
 * before it: how marketers judge a campaign against the last one, beside the control group.
 */
async function sinceStart(stats: Stats, segments: string[], start: number): Promise<SegmentPeriodRow[]> {
  const days = Math.max(1, Math.ceil((Date.now() - start) / DAY));
  return comparedPeriods(stats, segments, { from: isoDay(start), to: isoDay(Date.now()) }, { from: isoDay(start - days * DAY), to: isoDay(start - DAY) });
}

async function comparedPeriods(stats: Stats, segments: string[], now: { from: string; to: string }, before: { from: string; to: string }): Promise<SegmentPeriodRow[]> {
  const [current, previous] = await stats.periods([now, before], segments);
  return [...new Set([...current.keys(), ...previous.keys()])].map((segment) => {
    const cur = current.get(segment) ?? zero();
    const prev = previous.get(segment) ?? zero();
    return { segment, current: cur, previous: prev, comparison: comparePeriods(cur, prev) };
  });
}

function wantsHtml(c: Context): boolean {
  return c.req.query('format') === 'html' || (c.req.header('accept') ?? '').includes('text/html');
}

export const reportRoutes = new Hono<AppEnv>()
  .get('/sites/:site/experiments/:id/report', htmlSecurity, async (c) => {
    const site = c.req.param('site');
    const report = await experimentReport(c, site, c.req.param('id'));
    if (wantsHtml(c)) return c.html(renderReportHtml(report, { site }), 200, HTML_PAGE_HEADERS);
    return c.json(report);
  })
  /** Every experiment's verdict, and each segment this period against the one before. */
  .get('/sites/:site/report', htmlSecurity, async (c) => {
    const site = c.req.param('site');
    const loaded = await loadConfig(c.env.KV, site);
    if (!loaded) fail(404, 'unknown site');
    const days = Math.min(90, Math.max(1, Number(c.req.query('days') ?? 7) || 7));
    const today = Date.now();
    const stats = statsFor(c.env, site);
    const ids = segmentIds(loaded);
    const segments = await comparedPeriods(
      stats,
      ids,
      { from: isoDay(today - (days - 1) * DAY), to: isoDay(today) },
      { from: isoDay(today - (2 * days - 1) * DAY), to: isoDay(today - days * DAY) },
    );
    const experiments: ExperimentReport[] = [];
    for (const spec of loaded.compiled.config.experiments) {
      if (spec.status === 'draft') continue;
      experiments.push(buildReport({ experiment: spec, ...(await stats.experimentData(spec.id, ids)) }));
    }
    const body = { site, configVersion: loaded.version, days, segments, experiments };
    if (!wantsHtml(c)) return c.json(body);
    const names = new Map(loaded.compiled.config.segments.map((s) => [s.id, s.name ?? s.id]));
    return c.html(renderSiteReport(body, (id) => names.get(id) ?? id), 200, HTML_PAGE_HEADERS);
  });

function zero() {
  return { visitors: 0, conversions: 0, revenue: 0, revenueSq: 0 };
}
