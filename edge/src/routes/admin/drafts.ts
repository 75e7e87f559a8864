import { Hono } from 'hono';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { checkForSite } from '../../config/check.js';
import { DRAFT_FORCE_KEY, saveDraft } from '../../config/drafts.js';
import type { AppEnv } from '../../env.js';
import { parseJson, readText } from '../../http/body.js';
import { fail } from '../../http/problems.js';

/** Stores a draft for a preview link (see config/drafts.ts); the served config is untouched. */
export const draftRoutes = new Hono<AppEnv>().post('/sites/:site/drafts', async (c) => {
  const site = c.req.param('site');
  const result = await checkForSite(c.env.KV, parseJson(await readText(c, LIMITS.adminBodyBytes), 'draft'), site);
  if (!result.ok) fail(422, 'draft rejected', result.issues);
  const draft = await saveDraft(c.env.KV, result.config, result.compiled, Date.now());
  return c.json({ ...draft, force: `${DRAFT_FORCE_KEY}:${draft.id}` }, 201);
});
