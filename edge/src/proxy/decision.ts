import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Loaded } from '../config/cache.js';
import type { DecideRequest, DecideResponse } from '../../../shared/schema/decide.js';
import { requestFacts } from '../decide/facts.js';
import { runDecide } from '../decide/pipeline.js';
import type { AppEnv } from '../env.js';
import { visitorCookies } from './cookies.js';
import { pageUrl, withoutPrefix, type Target } from './mapping.js';

/**
 * The decide request a page view makes when the proxy serves it: what the SDK would have
 * sent, read from the request instead of the page. The cookies give the visitor id and
 * consent; the page is the origin's path and query on the public host. The page's slots
 * are not known before its HTML is read, so every configured slot is decided.
 */
export function decideRequest(c: Context<AppEnv>, t: Target, gpc: boolean | undefined): DecideRequest {
  const { visitor, consent } = visitorCookies(getCookie(c), gpc);
  const referrer = c.req.header('referer');
  const language = c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  return {
    site: t.site,
    visitor,
    consent,
    context: {
      url: pageUrl(t).slice(0, 2048),
      ...(referrer && { referrer: withoutPrefix(t, referrer).slice(0, 2048) }),
      ...(language && language !== '*' && { language: language.slice(0, 35) }),
    },
  };
}

/**
 * The decision for this page view through the one decide pipeline, or null: no config,
 * any failure (KV down, a rule that throws) means the page is served as the origin sent it.
 */
export async function decisionFor(c: Context<AppEnv>, t: Target, config?: Loaded): Promise<DecideResponse | null> {
  try {
    const facts = requestFacts(c);
    return await runDecide(c.env, {
      request: decideRequest(c, t, facts.gpc),
      facts,
      now: Date.now(),
      config,
      waitUntil: waitUntilOf(c),
    });
  } catch (error) {
    console.warn(`proxy: no decision for site ${t.site}, page served unchanged:`, error);
    return null;
  }
}

/** `c.executionCtx` throws where there is none (a test calling `app.fetch` bare): then the work just runs. */
export function waitUntilOf(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      p.catch(() => {});
    }
  };
}

/** Whichever comes first: the decision, or null after `ms`. */
export function within<T>(promise: Promise<T | null>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((done) => (timer = setTimeout(() => done(null), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
