import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env.js';
import { fail } from '../http/problems.js';

/**
 * The studio's static files (built into dist/public/studio/), served with headers of their
 * own: scripts and connections to this origin only, no framing, no referrer, and the page
 * never cached, so a signed-out browser does not keep a copy.
 */
const studioHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // CodeMirror writes its theme into style elements.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
});

export const studioRoute = new Hono<AppEnv>()
  .get('/studio', (c) => c.redirect('/studio/', 301))
  .get('/studio/*', studioHeaders, async (c) => {
    if (!c.env.ASSETS) fail(404, 'the studio is not built (npm run build)');
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    const res = new Response(asset.body, asset);
    res.headers.delete('Content-Security-Policy'); // the shop's, from _headers; ours is set below
    if ((res.headers.get('content-type') ?? '').includes('text/html')) res.headers.set('Cache-Control', 'no-store');
    return res;
  });
