import { Hono } from 'hono';
import { Id } from '../../../../shared/schema/common.js';
import { CUSTOMER_MATCH_HEADER, customerMatchRow, memberLine } from '../../audiences/export.js';
import { audienceCounts, memberStream } from '../../audiences/listing.js';
import { loadConfig } from '../../config/cache.js';
import type { AppEnv } from '../../env.js';
import { fail } from '../../http/problems.js';

async function audiencesOf(kv: KVNamespace, site: string) {
  const loaded = (await loadConfig(kv, site)) ?? fail(404, 'unknown site');
  return loaded.compiled.config.audiences;
}

/**
 * The ways out of an audience: counts, and the current members streamed across the site's
 * shards as NDJSON (`{customer_id, email_sha256?, phone_sha256?, enteredAt}`) or as the CSV
 * Google Ads Customer Match takes for hashed data (`?format=csv`).
 */
export const audienceRoutes = new Hono<AppEnv>()
  .get('/sites/:site/audiences', async (c) => {
    const site = c.req.param('site');
    const [audiences, counts] = await Promise.all([audiencesOf(c.env.KV, site), audienceCounts(c.env, site)]);
    return c.json({ audiences: audiences.map((a) => ({ ...a, members: counts.get(a.id) ?? 0 })) });
  })
  .get('/sites/:site/audiences/:audience/members', async (c) => {
    const site = c.req.param('site');
    const id = c.req.param('audience');
    if (!Id.safeParse(id).success) fail(400, 'invalid audience', [{ path: ['audience'], message: 'use lowercase letters, digits, "-" or "_" (at most 64)' }]);
    const format = c.req.query('format') ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv') fail(400, 'unknown format', [{ path: ['format'], message: 'use "ndjson" (default) or "csv"' }]);
    if (!(await audiencesOf(c.env.KV, site)).some((a) => a.id === id)) fail(404, 'no such audience in the served config');
    const headers = { 'Cache-Control': 'no-store' };
    if (format === 'csv') {
      const body = memberStream(c.env, site, id, CUSTOMER_MATCH_HEADER, customerMatchRow);
      return new Response(body, { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${id}.csv"` } });
    }
    return new Response(memberStream(c.env, site, id, '', memberLine), { headers: { ...headers, 'content-type': 'application/x-ndjson' } });
  });
