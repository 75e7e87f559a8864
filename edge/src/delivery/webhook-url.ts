/**
 * Where a webhook may point: `https:` only, because the message carries a visitor's
 * profile. Loopback (`localhost`, 127.0.0.0/8, [::1]) only in local development, where
 * the demo's outbox and test receivers live — plain http allowed there. A URL with a user
 * name or password is refused: the listing would show it, and secrets live in the secret.
 */
export function webhookUrlProblem(text: string, localDev: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'a webhook URL may not carry a user name or password';
  const loopback = isLoopback(url.hostname);
  if (loopback && !localDev) return 'loopback addresses are accepted only in local development (wrangler dev)';
  if (url.protocol === 'https:' || (loopback && url.protocol === 'http:')) return null;
  return 'only https: URLs are accepted';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Local development is `wrangler dev` with `VITRINE_DEV=1` from `.dev.vars` (a file only
 * wrangler dev reads; `npm start` also passes it). A deployed Worker never has it.
 */
export function isLocalDev(env: { VITRINE_DEV?: string }): boolean {
  return env.VITRINE_DEV === '1';
}
