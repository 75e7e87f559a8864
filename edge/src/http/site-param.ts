import type { MiddlewareHandler } from 'hono';
import { SiteId } from '../../../shared/schema/common.js';
import type { AppEnv } from '../env.js';
import { fail } from './problems.js';

/** Every admin route's `:site`, checked by the rule the config's `site` follows, before any key is built from it. */
export const siteParam: MiddlewareHandler<AppEnv> = async (c, next) => {
  const parsed = SiteId.safeParse(c.req.param('site'));
  if (!parsed.success) fail(400, 'invalid site id', [{ path: ['site'], message: parsed.error.issues[0].message }]);
  await next();
};
