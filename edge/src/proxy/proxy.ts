import type { Context } from 'hono';
import type { Loaded } from '../config/cache.js';
import type { DecideResponse } from '../../../shared/schema/decide.js';
import type { AppEnv } from '../env.js';
import { decisionFor, waitUntilOf, within } from './decision.js';
import { isHtml, personalHeaders } from './edge-cache.js';
import { injectDecision } from './inject.js';
import { prefixLinks } from './links.js';
import type { Target } from './mapping.js';
import { asPublic, badGateway, fetchOrigin } from './origin.js';
import { viewFor } from './page-memo.js';
import { renderSlots } from './slots.js';

/**
 * How long a decision may take beyond the origin's own answer. Deciding starts with the
 * request and usually ends before the origin answers; past this, the page goes out as
 * the origin sent it (and the SDK on it decides as it does without the proxy).
 */
export const DECISION_GRACE_MS = 100;

/**
 * Serves one request through the proxy. Only a 200 HTML answer to a GET is touched, and
 * only when a decision is ready: it streams through the HTML rewriter (the first bytes go
 * out as the origin sends them), with the decision injected and the slots rendered, and
 * comes back private. Everything else — assets, redirects, errors, a page without a
 * decision — is the origin's answer unchanged.
 */
export async function proxy(c: Context<AppEnv>, t: Target, config?: Loaded): Promise<Response> {
  const request = c.req.raw;
  const personal = request.method === 'GET' && !debugView(t);
  let decision: Promise<DecideResponse | null> | undefined;
  const decide = () => (decision ??= decisionFor(c, t, config));
  // A navigation is decided while the origin works; an asset request never is.
  if (personal && wantsHtml(request)) decide();

  let response: Response;
  try {
    response = await fetchOrigin(request, t, waitUntilOf(c));
  } catch (error) {
    console.warn(`proxy: origin ${t.origin} did not answer:`, error);
    return badGateway();
  }
  const page = request.method === 'GET' && response.status === 200 && isHtml(response);
  const ready = page && personal ? await within(decide(), DECISION_GRACE_MS) : null;
  if (!page || (!ready && !t.prefix)) return asPublic(response, t);

  let rewriter = new HTMLRewriter();
  if (t.prefix) rewriter = prefixLinks(rewriter, t.prefix);
  if (!ready) return rewriter.transform(response);
  // What the proxy knows of this page (site and origin path) and its site saves work.
  rewriter = renderSlots(injectDecision(rewriter, ready), ready, viewFor(t.site, `${t.site} ${t.path.split('?')[0]}`));
  return rewriter.transform(new Response(response.body, { status: response.status, statusText: response.statusText, headers: personalHeaders(response.headers) }));
}

/** The debug panel and forced variants are the script's: such a view is served as the origin sent it. */
const debugView = (t: Target) => /[?&]vitrine_(?:debug|force)=/.test(t.path);

/** A browser navigation (or a fetch asking for HTML); images, scripts and styles ask for other types. */
function wantsHtml(request: Request): boolean {
  const dest = request.headers.get('sec-fetch-dest');
  if (dest) return dest === 'document' || dest === 'iframe';
  return (request.headers.get('accept') ?? '').includes('text/html');
}
