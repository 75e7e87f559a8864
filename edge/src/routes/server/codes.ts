import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../../../../shared/schema/common.js';
import { loadConfig } from '../../config/cache.js';
import { ledgerFor } from '../../codes/ledger.js';
import { checkCode, codeSigner } from '../../codes/personal-codes.js';
import type { AppEnv } from '../../env.js';
import { readJson } from '../../http/body.js';
import { fail } from '../../http/problems.js';
import { requireServerKey } from '../../server/auth.js';

const RedeemSchema = z.object({ site: Id, code: z.string().min(1).max(64) });

/**
 * The shop's checkout redeems a personal code: `valid` → it is now used; `already used`,
 * `expired` or `unknown` → refuse the discount. Marked used exactly once, however many
 * requests race (the site's CodeLedger object).
 */
export const codesRoute = new Hono<AppEnv>().post('/v1/server/codes/redeem', async (c) => {
  c.header('Cache-Control', 'no-store');
  const body = await readJson(c, RedeemSchema, 4096);
  await requireServerKey(c, body.site);
  const loaded = (await loadConfig(c.env.KV, body.site)) ?? fail(404, 'unknown site');
  const now = Date.now();
  const check = await checkCode(await codeSigner(c.env.KV, body.site), loaded.compiled.config.codes, body.code, now);
  if (check.status !== 'valid') return c.json({ status: check.status, ...(check.code && { codeId: check.code.id }) });
  const outcome = await ledgerFor(c.env, body.site).redeem(check.code.id, check.customerTag, body.code.trim().toUpperCase(), now);
  const { id, percent, amount } = check.code;
  return c.json({ status: outcome === 'redeemed' ? 'valid' : 'already used', codeId: id, ...(percent !== undefined && { percent }), ...(amount !== undefined && { amount }) });
});
