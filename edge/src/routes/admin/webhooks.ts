import { Hono } from 'hono';
import { WebhookNameSchema, WebhookRegistrationSchema } from '../../../../shared/schema/journeys.js';
import { deleteWebhook, listWebhooks, putWebhook, rotateWebhook } from '../../delivery/registry.js';
import { isLocalDev, webhookUrlProblem } from '../../delivery/webhook-url.js';
import type { AppEnv } from '../../env.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problems.js';

function nameOf(raw: string): string {
  if (!WebhookNameSchema.safeParse(raw).success) fail(400, 'invalid webhook name', [{ path: ['name'], message: 'use lowercase letters, digits, "-" or "_" (at most 64)' }]);
  return raw;
}

/**
 * Webhooks are registered apart from the config: the config names them, this registry
 * holds URL and secret. The secret (`whsec_…`, Standard Webhooks) is answered once, when
 * the webhook is created or rotated, and never listed.
 */
export const webhookRoutes = new Hono<AppEnv>()
  .put('/sites/:site/webhooks/:name', async (c) => {
    const name = nameOf(c.req.param('name'));
    const { url } = await readJson(c, WebhookRegistrationSchema, 4096);
    const problem = webhookUrlProblem(url, isLocalDev(c.env));
    if (problem) fail(422, 'webhook refused', [{ path: ['url'], message: problem }]);
    const result = await putWebhook(c.env.KV, c.req.param('site'), name, url);
    return result.created ? c.json({ name, url, secret: result.secret }, 201) : c.json({ name, url });
  })
  .get('/sites/:site/webhooks', async (c) => c.json({ webhooks: await listWebhooks(c.env.KV, c.req.param('site')) }))
  .delete('/sites/:site/webhooks/:name', async (c) => {
    if (!(await deleteWebhook(c.env.KV, c.req.param('site'), nameOf(c.req.param('name'))))) fail(404, 'no such webhook');
    return c.body(null, 204);
  })
  .post('/sites/:site/webhooks/:name/rotate', async (c) => {
    const name = nameOf(c.req.param('name'));
    const secret = await rotateWebhook(c.env.KV, c.req.param('site'), name);
    if (!secret) fail(404, 'no such webhook');
    return c.json({ name, secret, previousSecretValidFor: '24h' });
  });
