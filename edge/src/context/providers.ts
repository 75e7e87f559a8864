import type { CompiledConfig } from '../../../shared/config/compile.js';
import { withTimeout } from '../config/timeout.js';
import { reads as configReads } from '../decide/paths-read.js';
import type { ContextProvider, ProviderInput } from './provider.js';
import { weatherProvider, type Weather } from './weather.js';

/** Every provider, keyed by the `context.*` branch it fills. */
const PROVIDERS = [weatherProvider] as const;

export interface ProvidedContext {
  weather?: Weather;
}

const reads = new WeakMap<CompiledConfig, Set<string>>();

/**
 * The provider keys a compiled config reads: a condition path or a placeholder under
 * `context.<key>`. Worked out once per compiled config, so a site with no weather rule
 * never asks for weather, not even once.
 */
export function providersRead(compiled: CompiledConfig): Set<string> {
  let keys = reads.get(compiled);
  if (!keys) {
    keys = new Set(PROVIDERS.map((p) => p.key).filter((key) => configReads(compiled, `context.${key}`)));
    reads.set(compiled, keys);
  }
  return keys;
}

/**
 * Runs the providers the config reads, in parallel, each for at most its budget, except
 * where `simulated` already holds that branch. A late
 * answer is left to finish in the background (`waitUntil`), so it warms the cache for the
 * next visitor without holding this one.
 */
export async function provideContext(
  compiled: CompiledConfig,
  input: ProviderInput,
  waitUntil: (promise: Promise<unknown>) => void,
  simulated: ProvidedContext = {},
): Promise<ProvidedContext> {
  const wanted = providersRead(compiled);
  if (wanted.size === 0) return {};
  const out: Record<string, unknown> = { ...simulated };
  await Promise.all(
    // A simulated branch (a preview's forced weather) asks nobody.
    PROVIDERS.filter((p) => wanted.has(p.key) && !(p.key in out)).map(async (provider: ContextProvider<string, unknown>) => {
      const pending = provider.provide(input).catch(() => undefined);
      const value = await withTimeout(pending, provider.budgetMs, `context.${provider.key}`).catch(() => undefined);
      if (value === undefined) waitUntil(pending);
      else out[provider.key] = value;
    }),
  );
  return out as ProvidedContext;
}
