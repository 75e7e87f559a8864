/**
 * Drafts behind the studio's "open the shop with this draft" link. The link uses the
 * existing force mechanism: `?vitrine_force=@draft:<id>,hero:thrillers` makes the SDK send
 * `force: {"@draft": id, hero: "thrillers"}`, and decide then answers from the draft for
 * that request only. The id is 128 random bits and the draft expires by itself; forced
 * views are flagged by the SDK and never counted, and a draft's answer joins no experiment.
 */
import type { CompiledConfig } from '../../../shared/config/compile.js';
import { validateConfig } from '../../../shared/config/validate.js';
import { own } from '../../../shared/own.js';
import type { Config } from '../../../shared/schema/config.js';
import type { DecideRequest, DecideResponse } from '../../../shared/schema/decide.js';
import { randomId } from '../studio/signing.js';
import type { Loaded } from './cache.js';
import { keys } from './keys.js';
import { KV_READ_TIMEOUT_MS, withTimeout } from './timeout.js';

/** Not a valid slot id (those start with a letter or digit), so it never forces a slot. */
export const DRAFT_FORCE_KEY = '@draft';
export const DRAFT_SECONDS = 2 * 3600;
const DRAFT_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Compiled drafts this isolate made or read, so a page with the link does not compile the
 * draft again on every decide (the SDK gives decide 800 ms). Few are in use at once.
 */
const compiledDrafts = new Map<string, { loaded: Loaded; expires: number }>();
const MAX_COMPILED = 16;

function remember(key: string, compiled: CompiledConfig, expires: number): Loaded {
  const loaded = { version: 'draft', compiled };
  compiledDrafts.delete(key);
  compiledDrafts.set(key, { loaded, expires });
  if (compiledDrafts.size > MAX_COMPILED) compiledDrafts.delete(compiledDrafts.keys().next().value!);
  return loaded;
}

export async function saveDraft(kv: KVNamespace, config: Config, compiled: CompiledConfig, nowMs: number): Promise<{ id: string; expires: string }> {
  const id = randomId();
  const expires = nowMs + DRAFT_SECONDS * 1000;
  await kv.put(keys.draft(config.site, id), JSON.stringify(config), { expirationTtl: DRAFT_SECONDS, metadata: { expires } });
  remember(keys.draft(config.site, id), compiled, expires);
  return { id, expires: new Date(expires).toISOString() };
}

/**
 * The draft a decide request forces, compiled; undefined when it names none, or one that
 * expired or no longer validates (the visitor then gets the served config, never an error).
 */
export async function forcedDraft(kv: KVNamespace, request: DecideRequest, nowMs: number): Promise<Loaded | undefined> {
  const id = own(request.force, DRAFT_FORCE_KEY);
  if (!id || !DRAFT_ID.test(id)) return undefined;
  const key = keys.draft(request.site, id);
  const cached = compiledDrafts.get(key);
  if (cached && cached.expires > nowMs) return cached.loaded;
  if (cached) compiledDrafts.delete(key);
  const stored = await withTimeout(kv.getWithMetadata<unknown, { expires: number }>(key, 'json'), KV_READ_TIMEOUT_MS, 'draft read').catch(() => null);
  // Checked when it was saved: only what serving needs is checked again.
  const result = stored?.value ? validateConfig(stored.value, { stored: true }) : null;
  return result?.ok ? remember(key, result.compiled, stored?.metadata?.expires ?? nowMs + DRAFT_SECONDS * 1000) : undefined;
}

/** A draft's answer as a forced view: every slot flagged, no experiment to expose or keep. */
export function asForcedView(response: DecideResponse): DecideResponse {
  const slots = Object.fromEntries(Object.entries(response.slots).map(([id, slot]) => [id, { ...slot, forced: true }]));
  return { ...response, slots, experiments: [] };
}
