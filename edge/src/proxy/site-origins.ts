import type { Config } from '../../../shared/schema/config.js';

/**
 * The page origins a site's SDK calls may come from: those its config lists, and each host
 * it proxies (a proxied page calls the edge from the shop's own host).
 */
export function siteOrigins(config: Config): readonly string[] {
  const hosts = config.proxy?.hosts ?? [];
  return hosts.length ? [...config.origins, ...hosts.flatMap((host) => [`https://${host}`, `http://${host}`])] : config.origins;
}
