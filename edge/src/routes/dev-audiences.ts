import { Hono } from 'hono';
import { SiteId } from '../../../shared/schema/common.js';
import { audienceOverview } from '../audiences/overview.js';
import { isLocalDev } from '../delivery/webhook-url.js';
import type { AppEnv } from '../env.js';
import { fail } from '../http/problems.js';
import { siteFor } from './site.js';

/** Members shown per audience: the tester is for looking, the admin API for exporting. */
const SHOWN = 50;

/**
 * Local development only (`VITRINE_DEV=1`): the variant tester's audience view, each
 * audience with its members and why they are in it. Real deployments answer 403; the
 * admin API's members listing is the way out there.
 */
export const devAudiencesRoute = new Hono<AppEnv>().get('/v1/dev/audiences', async (c) => {
  c.header('Cache-Control', 'no-store');
  if (!isLocalDev(c.env)) fail(403, 'the audience view is for local development only');
  const site = SiteId.safeParse(c.req.query('site'));
  if (!site.success) fail(400, 'invalid site', [{ path: ['site'], message: site.error.issues[0].message }]);
  const loaded = await siteFor(c, site.data);
  return c.json({ audiences: await audienceOverview(c.env, site.data, loaded.compiled.config.audiences, SHOWN) });
});
