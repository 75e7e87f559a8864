import type { Context } from 'hono';

/** What Cloudflare tells us about where a request comes from (`request.cf`). */
export interface CfFacts {
  country?: string;
  region?: string;
  city?: string;
  timezone?: string;
  latitude?: string;
  longitude?: string;
}

/**
 * Facts about the request itself, read once by whichever route runs the pipeline (decide,
 * preview, the HTML proxy, server decide), so each caller sees the same context for the
 * same request.
 */
export interface RequestFacts {
  userAgent?: string;
  chMobile?: string;
  cf?: CfFacts;
  /** Global Privacy Control (`Sec-GPC: 1`): an opt-out of sale, sharing and targeted ads. */
  gpc?: boolean;
}

/** `Sec-GPC: 1` is the signal; any other value (or none) is no signal. */
export function gpcFrom(header: string | undefined): boolean {
  return header?.trim() === '1';
}

export function requestFacts(c: Context): RequestFacts {
  return {
    userAgent: c.req.header('user-agent'),
    chMobile: c.req.header('sec-ch-ua-mobile'),
    cf: c.req.raw.cf as CfFacts | undefined,
    gpc: gpcFrom(c.req.header('sec-gpc')),
  };
}
