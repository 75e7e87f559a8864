import { z } from 'zod';

/**
 * A host the proxy answers for, as a browser sends it in `Host`: `www.shop.example`, or
 * `localhost:8788` for a local run. Lower case, no scheme, path or trailing dot, so one
 * host has exactly one spelling in the host index.
 */
const HOST_PATTERN = /^(?=[^:]{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

export const ProxyHostSchema = z
  .string()
  .regex(HOST_PATTERN, 'a host name like "www.shop.example" (lower case; no scheme, path or trailing dot)');

/** `https://origin.shop.example` or `http://127.0.0.1:8080`: where the shop's own server answers. */
export function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/**
 * Proxy mode: requests for `hosts` (and `/proxy/<site>/…` on the edge itself) are fetched
 * from `origin`, and their HTML is personalized on the way through.
 */
export const ProxySchema = z
  .object({
    origin: z
      .string()
      .max(2048)
      .refine(isHttpOrigin, 'the origin must be an http(s) URL with no path, query or credentials, like "https://origin.shop.example"'),
    hosts: z.array(ProxyHostSchema).max(50).default([]),
  })
  .superRefine((proxy, ctx) => {
    const seen = new Set<string>();
    proxy.hosts.forEach((host, i) => {
      if (seen.has(host)) ctx.addIssue({ code: 'custom', path: ['hosts', i], message: `"${host}" is listed twice` });
      seen.add(host);
    });
    const originHost = isHttpOrigin(proxy.origin) ? new URL(proxy.origin).host : null;
    const loop = originHost === null ? -1 : proxy.hosts.indexOf(originHost);
    if (loop >= 0)
      ctx.addIssue({ code: 'custom', path: ['hosts', loop], message: `"${originHost}" is the origin itself: the proxy would fetch its own pages; name the shop's own server as the origin` });
  });
export type ProxyConfig = z.infer<typeof ProxySchema>;
