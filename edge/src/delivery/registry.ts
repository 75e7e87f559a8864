import { keys } from '../config/keys.js';
import { newSecret } from './signature.js';

/** After a rotation the previous secret signs too, this long, so receivers can switch without losing messages. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface Webhook {
  url: string;
  secret: string;
  created: string;
  rotated?: string;
  previous?: { secret: string; until: number };
}
/** What a listing shows: never a secret. */
export interface WebhookInfo {
  name: string;
  url: string;
  created: string;
  rotated?: string;
}
type Meta = Omit<WebhookInfo, 'name'>;

/**
 * A site's webhooks live in KV beside its config but apart from it: the config names
 * them, the registry holds URL and secret. The listing reads metadata only.
 */
export async function getWebhook(kv: KVNamespace, site: string, name: string): Promise<Webhook | null> {
  return kv.get<Webhook>(keys.webhook(site, name), 'json');
}

export async function listWebhooks(kv: KVNamespace, site: string): Promise<WebhookInfo[]> {
  const prefix = keys.webhookPrefix(site);
  const out: WebhookInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list<Meta>({ prefix, cursor });
    for (const k of page.keys) if (k.metadata) out.push({ name: k.name.slice(prefix.length), ...k.metadata });
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export async function registeredNames(kv: KVNamespace, site: string): Promise<Set<string>> {
  return new Set((await listWebhooks(kv, site)).map((w) => w.name));
}

/** Registers a webhook or moves an existing one to a new URL; only a new one gets (and answers) a secret. */
export async function putWebhook(kv: KVNamespace, site: string, name: string, url: string, now = new Date()): Promise<{ created: boolean; secret?: string }> {
  const existing = await getWebhook(kv, site, name);
  const hook: Webhook = existing ? { ...existing, url } : { url, secret: newSecret(), created: now.toISOString() };
  await write(kv, site, name, hook);
  return existing ? { created: false } : { created: true, secret: hook.secret };
}

/** A new secret; the old one keeps signing beside it for ROTATION_OVERLAP_MS. Null when there is no such webhook. */
export async function rotateWebhook(kv: KVNamespace, site: string, name: string, now = new Date()): Promise<string | null> {
  const existing = await getWebhook(kv, site, name);
  if (!existing) return null;
  const hook: Webhook = {
    ...existing,
    secret: newSecret(),
    rotated: now.toISOString(),
    previous: { secret: existing.secret, until: now.getTime() + ROTATION_OVERLAP_MS },
  };
  await write(kv, site, name, hook);
  return hook.secret;
}

export async function deleteWebhook(kv: KVNamespace, site: string, name: string): Promise<boolean> {
  if (!(await getWebhook(kv, site, name))) return false;
  await kv.delete(keys.webhook(site, name));
  return true;
}

/** The secrets an attempt is signed with, newest first. */
export function signingSecrets(hook: Webhook, now: number): string[] {
  return hook.previous && hook.previous.until > now ? [hook.secret, hook.previous.secret] : [hook.secret];
}

async function write(kv: KVNamespace, site: string, name: string, hook: Webhook): Promise<void> {
  const metadata: Meta = { url: hook.url, created: hook.created, ...(hook.rotated && { rotated: hook.rotated }) };
  await kv.put(keys.webhook(site, name), JSON.stringify(hook), { metadata });
}
