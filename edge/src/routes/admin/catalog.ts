import { Hono, type Context } from 'hono';
import { LIMITS } from '../../../../shared/schema/limits.js';
import type { AppEnv } from '../../env.js';
import { readText } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { parseCatalog } from '../../recs/catalog-parse.js';
import { patchCatalog, putCatalog } from '../../recs/catalog-store.js';
import { forgetCachedRecs } from '../../recs/site-recs.js';

/**
 * A product feed as a JSON array or NDJSON. Any bad line rejects the upload with every
 * line number, and nothing is stored, unless the request asks for `?partial=1`: then the
 * good lines are stored and the bad ones listed. `PUT` replaces the catalog (`?merge=1`
 * merges into it); `PATCH` changes named fields of known products (stock, price).
 */
async function upload(c: Context<AppEnv>, mode: 'replace' | 'merge' | 'patch') {
  const site = c.req.param('site')!;
  const body = await readText(c, LIMITS.catalogBodyBytes);
  const partial = c.req.query('partial') === '1';
  const parsed = mode === 'patch' ? parseCatalog(body, { patch: true }) : parseCatalog(body);
  const issues = parsed.issues.map((i) => ({ path: [`line ${i.line}`, ...(i.path ? i.path.split('.') : [])], message: i.message }));
  if (parsed.rejected > 0 && !partial)
    fail(422, `${parsed.rejected} bad line(s); nothing was stored (add ?partial=1 to keep the good ones)`, issues);
  if (parsed.products.length === 0) fail(422, 'no valid products in the upload', issues);
  const result =
    mode === 'patch'
      ? await patchCatalog(c.env.KV, site, parsed.products)
      : await putCatalog(c.env.KV, site, parsed.products as Parameters<typeof putCatalog>[2], { replace: mode === 'replace' });
  forgetCachedRecs(site);
  return c.json({ ...result, rejected: parsed.rejected, issues });
}

export const catalogRoutes = new Hono<AppEnv>()
  .put('/sites/:site/catalog', (c) => upload(c, c.req.query('merge') === '1' ? 'merge' : 'replace'))
  .patch('/sites/:site/catalog', (c) => upload(c, 'patch'));
