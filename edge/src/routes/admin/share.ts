import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../../../../shared/schema/common.js';
import { loadConfig } from '../../config/cache.js';
import type { AppEnv } from '../../env.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { MAX_SHARE_SECONDS, SHARE_PARAM, shareToken } from '../../studio/share-link.js';

const ShareRequest = z.object({
  report: z.discriminatedUnion('kind', [z.object({ kind: z.literal('site') }), z.object({ kind: z.literal('experiment'), experiment: Id })]),
  /** How long the link works; a week unless said otherwise. */
  expiresIn: z.number().int().min(1).max(MAX_SHARE_SECONDS).default(7 * 86_400),
});

/** A read-only link to one report that works without the admin token until it expires. */
export const shareRoutes = new Hono<AppEnv>().post('/sites/:site/share', async (c) => {
  const site = c.req.param('site');
  const { report, expiresIn } = await readJson(c, ShareRequest, 4096);
  const loaded = await loadConfig(c.env.KV, site);
  if (!loaded) fail(404, 'unknown site');
  if (report.kind === 'experiment' && !loaded.compiled.config.experiments.some((e) => e.id === report.experiment))
    fail(404, `no experiment "${report.experiment}" in the served config`, [{ path: ['report', 'experiment'], message: 'unknown experiment' }]);
  const path = report.kind === 'site' ? `/admin/sites/${site}/report` : `/admin/sites/${site}/experiments/${report.experiment}/report`;
  const expires = Math.floor(Date.now() / 1000) + expiresIn;
  const url = new URL(path, c.req.url);
  url.searchParams.set('format', 'html');
  url.searchParams.set(SHARE_PARAM, await shareToken(c.env.ADMIN_TOKEN!, path, expires));
  return c.json({ url: url.href, expires: new Date(expires * 1000).toISOString() }, 201);
});
