import { clear, createStore, getMany, set, type UseStore } from 'idb-keyval';
import { bits, fromBits } from './consent.js';
import type { Consent } from './types.js';

export const DB_NAME = 'vitrine';
export const COOKIE = 'vitrine_id';
/** Thirteen months is the longest a consent-based analytics cookie may live (CNIL); 390 days stays under it. */
const COOKIE_DAYS = 390;

/** What the SDK keeps in IndexedDB, by key. */
export const KEYS = ['log', 'agg', 'out', 'dec', 'asg', 'exp', 'me', 'src'] as const;
export type Key = (typeof KEYS)[number];

let store: UseStore | undefined;

/**
 * The database is only created on first use, and `useStore` is only ever called once
 * consent allows storage, so a visitor who never consents has no database at all.
 */
const useStore = () => (store ??= createStore(DB_NAME, 'kv'));

export async function readAll(): Promise<Partial<Record<Key, unknown>>> {
  const values = await getMany([...KEYS], useStore());
  return Object.fromEntries(KEYS.map((k, i) => [k, values[i]]));
}

let last: Promise<void> = Promise.resolve();

/** Writes are fire-and-forget: memory is the truth for this page, IndexedDB for the next. */
export function write(key: Key, value: unknown): Promise<void> {
  return (last = set(key, value, useStore()).catch(() => {}));
}

export const clearStore = () => (last = clear(useStore()).catch(() => {}));

/**
 * Resolves once every write made so far has landed. Waiting for the last one is enough:
 * IndexedDB runs read-write transactions on one store in the order they were made.
 */
export const stored = () => last;

/**
 * Deletes the whole database. The open connection is closed first, otherwise the delete
 * stays blocked until the page unloads.
 */
export async function wipeDatabase(): Promise<void> {
  const s = store;
  store = undefined;
  if (s) await s('readonly', (os) => os.transaction.db.close()).catch(() => {});
  await new Promise((done) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = done;
  });
}

/** The visitor id cookie, `<id>.<analytics><personalization>`: its consent travels with it. */
export function readCookie(): { visitor: string; consent: Consent } | null {
  const m = /(?:^|; )vitrine_id=([a-z0-9]{16})\.([01]{2})(?:;|$)/.exec(document.cookie);
  return m && { visitor: m[1], consent: fromBits(m[2]) };
}

/**
 * Written directly rather than through a cookie library: the value is `[a-z0-9.]` only, so
 * there is nothing to encode, and that library was 8 % of the bundle's budget.
 */
const setCookie = (value: string, maxAgeSeconds: number) => {
  document.cookie = `${COOKIE}=${value};path=/;max-age=${maxAgeSeconds};samesite=lax${location.protocol === 'https:' ? ';secure' : ''}`;
};

export const writeCookie = (visitor: string, c: Consent) => setCookie(`${visitor}.${bits(c)}`, COOKIE_DAYS * 86_400);

export const removeCookie = () => setCookie('', -1);
