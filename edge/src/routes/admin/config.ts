import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { configChanges } from '../../../../shared/config/changes.js';
import { validateConfig } from '../../../../shared/config/validate.js';
import { LIMITS } from '../../../../shared/schema/limits.js';
import { positionAt, readJson as readJsonText } from '../../../../scripts/json-lines.js';
import { forgetCachedConfig } from '../../config/cache.js';
import { checkForSite } from '../../config/check.js';
import { forgetCachedRecs } from '../../recs/site-recs.js';
import { currentPointer, getCurrent, getVersion, listVersions, movePointer, putConfig, type Authorship } from '../../config/store.js';
import type { AppEnv } from '../../env.js';
import { ensureAssignmentSecret } from '../../security/assignment-token.js';
import { parseJson, readJson, readText } from '../../http/body.js';
import { fail, type Problem } from '../../http/problems.js';
import { withProxyHosts } from '../../proxy/host-index.js';

const Message = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'one line of text')
  .optional();

/** Who is asking, and the one-line message from `?message=` or the body's `message`. */
function authorship(c: Context<AppEnv>, message: unknown): Authorship {
  const parsed = Message.safeParse(message);
  if (!parsed.success) fail(400, 'invalid message', [{ path: ['message'], message: parsed.error.issues[0].message }]);
  return { by: c.get('admin')?.label ?? 'token', ...(parsed.data ? { message: parsed.data } : {}) };
}

/**
 * Optimistic concurrency: with `If-Match: <version>` (quoted or not), the write happens only
 * while that version is still the served one. Otherwise 412 says who published what since,
 * one issue per changed entity. KV has no compare-and-swap, so two writes in the same
 * instant can still both pass; the check catches the editor who loaded an older version.
 */
async function requireCurrent(c: Context<AppEnv>, site: string): Promise<void> {
  const header = c.req.header('if-match');
  if (header === undefined) return;
  const expected = header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  const pointer = await currentPointer(c.env.KV, site);
  if (expected === '*' ? pointer !== null : pointer?.version === expected) return;
  if (!pointer) fail(412, 'the site has no config any more');
  const [base, current] = await Promise.all([getVersion(c.env.KV, site, expected), getVersion(c.env.KV, site, pointer.version)]);
  const who = pointer.by ?? 'token';
  const what = pointer.rolledBack ? `rolled back to ${pointer.version}` : `published ${pointer.version}`;
  const why = pointer.message;
  fail(
    412,
    `the config changed since you loaded ${expected}: ${who} ${what}${pointer.at ? ` at ${pointer.at}` : ''}${why ? ` ("${why}")` : ''}`,
    base && current ? configChanges(base, current) : [],
    { ETag: `"${pointer.version}"` },
  );
}

function refreshServed(site: string) {
  forgetCachedConfig(site);
  forgetCachedRecs(site);
}

export const configRoutes = new Hono<AppEnv>()
  .put('/sites/:site/config', async (c) => {
    const site = c.req.param('site');
    const author = authorship(c, c.req.query('message'));
    const json = parseJson(await readText(c, LIMITS.adminBodyBytes), 'config');
    const result = await checkForSite(c.env.KV, json, site);
    if (!result.ok) fail(422, 'config rejected; the served version is unchanged', result.issues);
    await requireCurrent(c, site);
    const stored = await withProxyHosts(c.env.KV, site, result.config.proxy, () => putConfig(c.env.KV, result.config, author));
    // Made now, before any decide signs with it, so isolates never race to create it.
    await ensureAssignmentSecret(c.env.KV, site);
    refreshServed(site);
    c.header('ETag', `"${stored.version}"`);
    return c.json({ ...stored, warnings: result.warnings }, 201);
  })
  /**
   * The editor's check as the marketer types: the same checks as a publish (and the CLI's
   * validation), each problem with its line and column in the text sent, as the CLI gives
   * them. Always 200: the problems are the answer.
   */
  .post('/sites/:site/config/validate', async (c) => {
    const read = readJsonText(await readText(c, LIMITS.adminBodyBytes));
    if (!read.ok) {
      const { line, column, message } = read.error;
      return c.json({ ok: false, issues: [{ path: [], message: `not valid JSON: ${message}`, line, column }], warnings: [] });
    }
    const result = await checkForSite(c.env.KV, read.value, c.req.param('site'));
    const located = (list: Problem[]) => list.map((issue) => ({ ...issue, ...positionAt(read.positions, issue.path) }));
    return c.json({ ok: result.ok, issues: result.ok ? [] : located(result.issues), warnings: located(result.warnings) });
  })
  .get('/sites/:site/config', async (c) => {
    const current = await getCurrent(c.env.KV, c.req.param('site'));
    if (!current) fail(404, 'unknown site');
    c.header('X-Config-Version', current.version);
    c.header('ETag', `"${current.version}"`);
    return c.json(current.config);
  })
  .get('/sites/:site/config/versions', async (c) => {
    const site = c.req.param('site');
    const [versions, pointer] = await Promise.all([listVersions(c.env.KV, site), currentPointer(c.env.KV, site)]);
    if (!pointer) fail(404, 'unknown site');
    return c.json({ current: pointer.version, pointer, versions });
  })
  .get('/sites/:site/config/versions/:version', async (c) => {
    const { site, version } = c.req.param();
    const config = await getVersion(c.env.KV, site, version);
    if (!config) fail(404, `no version "${version}" for site "${site}"`);
    return c.json(config);
  })
  .post('/sites/:site/config/rollback', async (c) => {
    const site = c.req.param('site');
    const body = await readJson(c, z.object({ version: z.string().min(1).max(100), message: z.unknown().optional() }), 4096);
    const author = authorship(c, body.message);
    const config = await getVersion(c.env.KV, site, body.version);
    if (!config) fail(404, `no version "${body.version}" for site "${site}"`, [{ path: ['version'], message: 'unknown version' }]);
    if (!validateConfig(config, { stored: true }).ok) fail(422, `version "${body.version}" no longer validates`);
    await requireCurrent(c, site);
    const pointer = { version: body.version, ...author, at: new Date().toISOString(), rolledBack: true as const };
    await withProxyHosts(c.env.KV, site, config.proxy, () => movePointer(c.env.KV, site, pointer));
    refreshServed(site);
    return c.json({ current: body.version });
  });
