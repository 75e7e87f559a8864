import { Hono, type Context } from 'hono';
import { buildReport, type ExperimentReport } from '../../../../shared/experiments/report.js';
import { renderReportHtml } from '../../../../shared/experiments/report-html.js';
import { reportPeriod, segmentNamesOf, segmentRows, type SegmentPeriodRow } from '../../../../shared/experiments/site-report.js';
import { renderSiteReport } from '../../../../shared/experiments/site-report-html.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { findArchivedExperiment } from '../../config/archive.js';
import { loadConfig } from '../../config/cache.js';
import type { AppEnv } from '../../env.js';
import { HTML_PAGE_HEADERS, htmlSecurity } from '../../http/html.js';
import { fail } from '../../http/problems.js';
import { statsFor } from '../../stats/stub.js';
import { SHARE_PARAM } from '../../studio/share-link.js';
import { siteReportData } from './site-report-data.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Stats = ReturnType<typeof statsFor>;

type Archived = { leftAt: string | null; version: string };

async function experimentReport(c: Context<AppEnv>, site: string, id: string): Promise<ExperimentReport & { sinceStart?: SegmentPeriodRow[]; archived?: Archived }> {
  const loaded = await loadConfig(c.env.KV, site);
  if (!loaded) fail(404, 'unknown site');
  const served = loaded.compiled.config.experiments.find((e) => e.id === id);
  // Gone from the served config: its definition from the newest stored version that had it.
  const archive = served ? null : await findArchivedExperiment(c.env.KV, site, id, loaded.version);
  if (!served && !archive) fail(404, `no experiment "${id}" in the served config or any stored version`);
  const spec = served ?? archive!.experiment;
  const stats = statsFor(c.env, site);
  const config = archive?.config ?? loaded.compiled.config;
  const segments = config.segments.map((s) => s.id);
  const names = { segments: segmentNamesOf(config.segments) };
  const report = buildReport({ experiment: spec, ...(await stats.experimentData(id, segments)) }, names);
  if (archive) return { ...report, archived: { leftAt: archive.leftAt, version: archive.version } };
  return spec.startedAt ? { ...report, sinceStart: await sinceStart(stats, segments, Date.parse(spec.startedAt)) } : report;
}

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
  return segmentRows(current, previous);
}

function wantsHtml(c: Context): boolean {
  return c.req.query('format') === 'html' || (c.req.header('accept') ?? '').includes('text/html');
}

export const reportRoutes = new Hono<AppEnv>()
  .get('/sites/:site/experiments/:id/report', htmlSecurity, async (c) => {
    const site = c.req.param('site');
    const report = await experimentReport(c, site, c.req.param('id'));
    if (wantsHtml(c)) return c.html(renderReportHtml(report, { site, archived: report.archived }), 200, HTML_PAGE_HEADERS);
    return c.json(report);
  })
  /** Every experiment's verdict; each segment, its funnel and trend this period against the one before; where visitors went next. */
  .get('/sites/:site/report', htmlSecurity, async (c) => {
    const site = c.req.param('site');
    const loaded = await loadConfig(c.env.KV, site);
    if (!loaded) fail(404, 'unknown site');
    const period = reportPeriod({ days: c.req.query('days'), since: c.req.query('since') }, Date.now());
    if ('issues' in period) fail(400, 'no such report period', period.issues);
    const from = c.req.query('from');
    if (from !== undefined && (from.length === 0 || from.length > LIMITS.idLength)) {
      fail(400, 'no such starting point', [{ path: ['from'], message: `from must be a product id or category of 1 to ${LIMITS.idLength} characters` }]);
    }
    const body = await siteReportData(c.env, site, loaded, period, from);
    if (!wantsHtml(c)) return c.json(body);
    return c.html(renderSiteReport(body, { share: c.req.query(SHARE_PARAM) }), 200, HTML_PAGE_HEADERS);
  });
