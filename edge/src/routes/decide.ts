import { Hono } from 'hono';
import { DecideRequestSchema } from '../../../shared/schema/decide.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { asForcedView, forcedDraft } from '../config/drafts.js';
import { requestFacts } from '../decide/facts.js';
import { runDecide } from '../decide/pipeline.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { fail } from '../http/problems.js';
import { rememberDecide } from '../visitors/state.js';
import { siteFor } from './site.js';

export const decideRoute = new Hono<AppEnv>().post('/v1/decide', async (c) => {
  c.header('Cache-Control', 'no-store');
  const request = await readJson(c, DecideRequestSchema, LIMITS.decideBodyBytes);
  const loaded = await siteFor(c, request.site);
  // A studio preview link may force a draft; the origin check above is the served config's.
  const now = Date.now();
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const draft = await forcedDraft(c.env.KV, request, now);
  const facts = requestFacts(c);
  const response = await runDecide(c.env, { request, facts, now, config: draft ?? loaded, waitUntil });
  if (!response) fail(404, 'unknown site');
  // A draft's view is a preview: it changes nothing the visitor's state keeps.
  if (draft) return c.json(asForcedView(response));
  rememberDecide(c.env, loaded, request, response, now, waitUntil, facts.gpc);
  return c.json(response);
});
