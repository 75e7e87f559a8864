import { Hono } from 'hono';
import { z } from 'zod';
import { validateConfig } from '../../../../shared/config/validate.js';
import { DecideRequestSchema } from '../../../../shared/schema/decide.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { loadConfig, type Loaded } from '../../config/cache.js';
import { edgeContext } from '../../decide/context.js';
import { decide } from '../../decide/decide.js';
import type { AppEnv } from '../../env.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { recommendations } from '../recommendations.js';

const PreviewSchema = z.object({
  config: z.unknown().optional(),
  request: DecideRequestSchema.omit({ site: true }).extend({ site: z.string().optional() }),
  /** Evaluate as of this time (ms), to preview time-based rules and abandoned carts. */
  now: z.number().int().positive().optional(),
});

/** Decide against a draft config (or the served one) without saving anything. */
export const previewRoute = new Hono<AppEnv>().post('/sites/:site/preview', async (c) => {
  const site = c.req.param('site');
  const body = await readJson(c, PreviewSchema, LIMITS.adminBodyBytes);
  let loaded: Loaded | null;
  if (body.config !== undefined) {
    const result = validateConfig(body.config);
    if (!result.ok) fail(422, 'draft config rejected', result.issues.map((i) => ({ ...i, path: ['config', ...i.path] })));
    loaded = { version: 'draft', compiled: result.compiled };
  } else {
    loaded = await loadConfig(c.env.KV, site);
  }
  if (!loaded) fail(404, 'unknown site');
  const request = { ...body.request, site };
  const now = body.now ?? Date.now();
  const context = edgeContext(request, { userAgent: c.req.header('user-agent') }, now);
  const { recommend, complete } = await recommendations(c.env, loaded, request);
  const response = decide({ loaded, request, context, traits: request.traits, now, recommend });
  await complete?.(response.slots);
  return c.json(response);
});
