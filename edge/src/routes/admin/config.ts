import { Hono } from 'hono';
import { z } from 'zod';
import { validateConfig } from '../../../../shared/config/validate.js';
import { unknownWebhooks } from '../../../../shared/journeys/compile.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { forgetCachedConfig } from '../../config/cache.js';
import { indexKey, type StoredIndex } from '../../recs/catalog-store.js';
import { forgetCachedRecs } from '../../recs/site-recs.js';
import { getCurrent, getVersion, listVersions, movePointer, putConfig } from '../../config/store.js';
import { registeredNames } from '../../delivery/registry.js';
import type { AppEnv } from '../../env.js';
import { ensureAssignmentSecret } from '../../security/assignment-token.js';
import { parseJson, readJson, readText } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { withProxyHosts } from '../../proxy/host-index.js';

export const configRoutes = new Hono<AppEnv>()
  .put('/sites/:site/config', async (c) => {
    const site = c.req.param('site');
    const json = parseJson(await readText(c, LIMITS.adminBodyBytes), 'config');
    const result = validateConfig(json, { catalogCategories: await catalogCategories(c.env.KV, site) });
    if (!result.ok) fail(422, 'config rejected; the served version is unchanged', result.issues);
    if (result.config.site !== site)
      fail(422, 'config rejected; the served version is unchanged', [
        { path: ['site'], message: `config is for site "${result.config.site}", not "${site}"` },
      ]);
    // Journeys may only name webhooks this site has registered (their secrets live there, not here).
    const unregistered = result.config.journeys.length ? unknownWebhooks(result.config, await registeredNames(c.env.KV, site)) : [];
    if (unregistered.length) fail(422, 'config rejected; the served version is unchanged', unregistered);
    const stored = await withProxyHosts(c.env.KV, site, result.config.proxy, () => putConfig(c.env.KV, result.config));
    // Made now, before any decide signs with it, so isolates never race to create it.
    await ensureAssignmentSecret(c.env.KV, site);
    forgetCachedConfig(site);
    forgetCachedRecs(site);
    return c.json({ ...stored, warnings: result.warnings }, 201);
  })
  .get('/sites/:site/config', async (c) => {
    const current = await getCurrent(c.env.KV, c.req.param('site'));
    if (!current) fail(404, 'unknown site');
    c.header('X-Config-Version', current.version);
    return c.json(current.config);
  })
  .get('/sites/:site/config/versions', async (c) => {
    const site = c.req.param('site');
    const [versions, current] = await Promise.all([listVersions(c.env.KV, site), getCurrent(c.env.KV, site)]);
    if (!current) fail(404, 'unknown site');
    return c.json({ current: current.version, versions });
  })
  .post('/sites/:site/config/rollback', async (c) => {
    const site = c.req.param('site');
    const body = await readJson(c, z.object({ version: z.string().min(1).max(100) }), 4096);
    const config = await getVersion(c.env.KV, site, body.version);
    if (!config) fail(404, `no version "${body.version}" for site "${site}"`, [{ path: ['version'], message: 'unknown version' }]);
    if (!validateConfig(config, { stored: true }).ok) fail(422, `version "${body.version}" no longer validates`);
    await withProxyHosts(c.env.KV, site, config.proxy, () => movePointer(c.env.KV, site, body.version));
    forgetCachedConfig(site);
    forgetCachedRecs(site);
    return c.json({ current: body.version });
  });

/**
 * The uploaded catalog's category names, for the config checks; none without a catalog,
 * or when it cannot be read: they only feed warnings, which must never stop a push.
 */
async function catalogCategories(kv: KVNamespace, site: string): Promise<string[] | undefined> {
  try {
    return (await kv.get<Pick<StoredIndex, 'categories'>>(indexKey(site), 'json'))?.categories;
  } catch {
    return undefined;
  }
}
