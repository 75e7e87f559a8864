import { Hono } from 'hono';
import { DecideRequestSchema } from '../../../shared/schema/decide.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { boundedReads } from '../config/timeout.js';
import { edgeContext } from '../decide/context.js';
import { decide } from '../decide/decide.js';
import { verifiedTraits } from '../decide/identity.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../http/body.js';
import { siteFor } from './site.js';
import { recommendations } from './recommendations.js';

export const decideRoute = new Hono<AppEnv>().post('/v1/decide', async (c) => {
  c.header('Cache-Control', 'no-store');
  const request = await readJson(c, DecideRequestSchema, LIMITS.decideBodyBytes);
  const loaded = await siteFor(c, request.site);

  const now = Date.now();
  const cf = c.req.raw.cf as { country?: string; region?: string; city?: string; timezone?: string } | undefined;
  const context = edgeContext(request, { userAgent: c.req.header('user-agent'), chMobile: c.req.header('sec-ch-ua-mobile'), cf }, now);
  // Past the config, a hung KV read costs a visitor at most the timeout, never the page.
  const env = { ...c.env, KV: boundedReads(c.env.KV) };
  const identity = request.consent.personalization ? await verifiedTraits(env.KV, request.site, request.identity) : undefined;
  const traits = identity?.traits ? { ...request.traits, ...identity.traits } : request.traits;
  const { recommend, complete } = await recommendations(env, loaded, request);
  const response = decide({ loaded, request, context, traits, now, recommend });
  await complete?.(response.slots);
  if (identity) response.identity = { status: identity.status, ...(identity.reason && { reason: identity.reason }) };
  return c.json(response);
});
