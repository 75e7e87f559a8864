/** Every KV key of a site starts with `site:<site>:`, so a site's data lists and deletes as one. */
export const keys = {
  pointer: (site: string) => `site:${site}:config:current`,
  version: (site: string, version: string) => `site:${site}:config:v:${version}`,
  versionPrefix: (site: string) => `site:${site}:config:v:`,
  traits: (site: string, customerId: string) => `site:${site}:traits:${customerId}`,
  identitySecret: (site: string) => `site:${site}:identity-secret`,
  codeSecret: (site: string) => `site:${site}:code-secret`,
  serverKey: (site: string, name: string) => `site:${site}:server-key:${name}`,
  serverKeyPrefix: (site: string) => `site:${site}:server-key:`,
  serverKeyHash: (site: string, hash: string) => `site:${site}:server-key-hash:${hash}`,
  /** A studio draft behind a preview link; it expires by itself. */
  draft: (site: string, id: string) => `site:${site}:draft:${id}`,
  /** A signed-out studio session, kept until the session would have expired. */
  signedOut: (sessionId: string) => `studio:signed-out:${sessionId}`,
};
