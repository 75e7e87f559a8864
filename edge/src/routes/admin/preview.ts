import { Hono } from 'hono';
import { z } from 'zod';
import { validateConfig } from '../../../../shared/config/validate.js';
import { DecideRequestSchema } from '../../../../shared/schema/decide.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import type { Loaded } from '../../config/cache.js';
import { requestFacts } from '../../decide/facts.js';
import { runDecide } from '../../decide/pipeline.js';
import type { AppEnv } from '../../env.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problems.js';

const PreviewSchema = z.object({
  config: z.unknown().optional(),
  request: DecideRequestSchema.omit({ site: true }).extend({ site: z.string().optional() }),
  /** Evaluate as of this time (ms), to preview time-based rules and abandoned carts. */
  now: z.number().int().positive().optional(),
});

/**
 * Decide against a draft config (or the served one) without saving anything: the same
 * pipeline as `/v1/decide`, with this request's own facts (device, place, GPC), so a
 * preview answers exactly what decide would.
 */
export const previewRoute = new Hono<AppEnv>().post('/sites/:site/preview', async (c) => {
  const site = c.req.param('site');
  const body = await readJson(c, PreviewSchema, LIMITS.adminBodyBytes);
  let config: Loaded | undefined;
  if (body.config !== undefined) {
    const result = validateConfig(body.config);
    if (!result.ok) fail(422, 'draft config rejected', result.issues.map((i) => ({ ...i, path: ['config', ...i.path] })));
    config = { version: 'draft', compiled: result.compiled };
  }
  const response = await runDecide(c.env, {
    request: { ...body.request, site },
    facts: requestFacts(c),
    now: body.now ?? Date.now(),
    config,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  return c.json(response ?? fail(404, 'unknown site'));
});
