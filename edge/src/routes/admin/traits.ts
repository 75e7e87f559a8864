import { Hono } from 'hono';
import { z } from 'zod';
import { TraitsSchema } from '../../../../shared/schema/common.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { applyUpload, forgetCustomer } from '../../audiences/upload.js';
import { takeIdentifiers, type Uploaded } from '../../audiences/uploaded-identifiers.js';
import { keys } from '../../config/keys.js';
import type { AppEnv } from '../../env.js';
import { readJson, readText } from '../../http/body.js';
import { fail, type Problem } from '../../http/problems.js';

const LineSchema = z.object({ customer_id: z.string().min(1).max(128) }).catchall(z.unknown());

/**
 * Traits of identified customers (from the persona builder or a CRM), one NDJSON line
 * each. All lines are checked before anything is written: a file with a bad line is
 * refused whole with every line number, so an upload is never half applied. A line may
 * also carry the customer's email and phone (raw ones are hashed on arrival and never
 * stored) and consent they gave offline; those go to the customer's record, not traits,
 * and the customer's audiences are brought up to date.
 */
export const traitsRoutes = new Hono<AppEnv>()
  .put('/sites/:site/traits', async (c) => {
    const site = c.req.param('site');
    const text = await readText(c, LIMITS.adminBodyBytes);
    const issues: Problem[] = [];
    const rows: [string, Record<string, unknown>, Uploaded | null][] = [];
    const now = Date.now();
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.trim();
      if (!line) continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        issues.push({ path: [`line ${i + 1}`], message: 'not valid JSON' });
        continue;
      }
      const parsed = LineSchema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) issues.push({ path: [`line ${i + 1}`, ...issue.path.map(String)], message: issue.message });
        continue;
      }
      const { customer_id, ...rest } = parsed.data;
      const taken = await takeIdentifiers(rest, now);
      for (const issue of taken.issues) issues.push({ path: [`line ${i + 1}`, ...issue.path], message: issue.message });
      const checked = TraitsSchema.safeParse(taken.traits);
      if (!checked.success) issues.push({ path: [`line ${i + 1}`], message: checked.error.issues[0].message });
      else rows.push([customer_id, checked.data, taken.found]);
    }
    if (issues.length) fail(422, 'traits rejected; nothing was written', issues);
    for (let i = 0; i < rows.length; i += 50) {
      await Promise.all(rows.slice(i, i + 50).map(([id, traits]) => c.env.KV.put(keys.traits(site, id), JSON.stringify(traits))));
    }
    await applyUpload(c.env, site, rows, now);
    return c.json({ written: rows.length });
  })
  /**
   * A customer who asked to be forgotten by the shop is forgotten here too: their traits,
   * purposes, hashes and audiences (each destination gets the exit), and every visitor
   * they were seen as.
   */
  .delete('/sites/:site/traits/:customerId', async (c) => {
    const site = c.req.param('site');
    const customer = c.req.param('customerId');
    const key = keys.traits(site, customer);
    const hadTraits = (await c.env.KV.get(key)) !== null;
    const hadState = await forgetCustomer(c.env, site, customer, Date.now());
    if (!hadTraits && !hadState) fail(404, 'nothing is kept for this customer');
    await c.env.KV.delete(key);
    return c.body(null, 204);
  })
  .put('/sites/:site/identity-secret', async (c) => {
    const body = await readJson(c, z.object({ secret: z.string().min(32).max(256) }), 4096);
    await c.env.KV.put(keys.identitySecret(c.req.param('site')), body.secret);
    return c.body(null, 204);
  });
