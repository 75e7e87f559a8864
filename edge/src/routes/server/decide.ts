import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../../../../shared/schema/common.js';
import type { DecideRequest } from '../../../../shared/schema/decide.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { loadConfig } from '../../config/cache.js';
import { requestFacts } from '../../decide/facts.js';
import { knownCustomer } from '../../decide/identity.js';
import { runDecide } from '../../decide/pipeline.js';
import type { AppEnv } from '../../env.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { requireServerKey } from '../../server/auth.js';
import { summaryForCustomer } from '../../visitors/state.js';

const ServerDecideSchema = z.object({
  site: Id,
  customer: z.string().min(1).max(128),
  slots: z.array(z.string().max(LIMITS.idLength)).max(LIMITS.listItems).optional(),
  channel: z.enum(['web', 'email', 'chat', 'ads']).default('email'),
  debug: z.boolean().optional(),
});

/**
 * Decisions for other channels (an email tool filling a mail's hero and "also interesting
 * for you", a chatbot greeting a customer with their persona's line): the one decide
 * pipeline, run on the latest summary the edge holds for that customer (from their last
 * decide with personalization consent, under that consent) plus their uploaded data, with
 * `context.channel` for rules. A customer the edge has never seen gets the defaults.
 */
export const serverDecideRoute = new Hono<AppEnv>().post('/v1/server/decide', async (c) => {
  c.header('Cache-Control', 'no-store');
  const body = await readJson(c, ServerDecideSchema, 8192);
  await requireServerKey(c, body.site);
  const config = (await loadConfig(c.env.KV, body.site)) ?? fail(404, 'unknown site');
  const [state, customer] = await Promise.all([summaryForCustomer(c.env, body.site, body.customer), knownCustomer(c.env.KV, body.site, body.customer)]);
  const request: DecideRequest = {
    site: body.site,
    visitor: state?.visitor ?? null,
    // The visitor's own choices travel with their summary; without one nothing personal applies.
    consent: state?.consent ?? { analytics: false, personalization: false },
    context: { url: '', language: state?.context?.language, timezone: state?.context?.timezone },
    profile: state?.profile,
    slots: body.slots,
    debug: body.debug,
  };
  const response = await runDecide(c.env, {
    request,
    facts: { ...requestFacts(c), cf: undefined },
    now: Date.now(),
    config,
    channel: body.channel,
    customer,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  return c.json({ customer: body.customer, known: state !== null, ...response });
});
