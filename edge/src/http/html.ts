import { secureHeaders } from 'hono/secure-headers';

/**
 * Hono's secure headers for every HTML page the Worker renders (they are harmless on the
 * same route's JSON): nothing loads from elsewhere, nothing frames it, no referrer leaks.
 */
export const htmlSecurity = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ['data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
});

/** Reports are for the person holding the token: never kept by a shared cache. */
export const HTML_PAGE_HEADERS = { 'Cache-Control': 'no-store' };
