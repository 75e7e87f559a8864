/**
 * A KV read that hangs (a stuck connection, an overloaded colo) must not hang a visitor's
 * request: after this long the read counts as failed, and the caller's fallback (last good
 * config, default slot content) answers instead.
 */
export const KV_READ_TIMEOUT_MS = 1_500;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const READS = new Set<PropertyKey>(['get', 'getWithMetadata', 'list']);

/** The same namespace with every read bounded by `ms`; writes pass through untouched. */
export function boundedReads(kv: KVNamespace, ms = KV_READ_TIMEOUT_MS): KVNamespace {
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      if (!READS.has(prop)) return value.bind(target);
      return (...args: unknown[]) => withTimeout(Promise.resolve(value.apply(target, args)), ms, `KV ${String(prop)}`);
    },
  });
}
