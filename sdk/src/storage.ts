import { clear, createStore, getMany, set, type UseStore } from 'idb-keyval';
import { emptyState, VERSION, type State } from './state.js';

export const DB_NAME = 'vitrine';
/** The one IndexedDB entry the SDK writes. */
const KEY = 'state';

let store: UseStore | undefined;

/**
 * The database is only created on first use, and that only ever happens once consent
 * allows storage, so a visitor who never consents has no database at all.
 */
const useStore = () => (store ??= createStore(DB_NAME, 'kv'));

let last: Promise<unknown> = Promise.resolve();
let queued = false;

/** The keys an SDK before the one record wrote, a key per part. */
const OLD_KEYS = ['log', 'agg', 'out', 'dec', 'asg', 'exp', 'me', 'src'];

/**
 * The saved record, or undefined when there is none. A database an older SDK wrote is read
 * once and rewritten as the record, and its old keys go.
 */
export async function load(): Promise<State | undefined> {
  const s = useStore();
  const [saved, ...old] = await getMany([KEY, ...OLD_KEYS], s);
  if (saved) return saved.v === VERSION ? saved : undefined;
  if (old.every((v) => v === undefined)) return;
  const migrated = fromOldKeys(Object.fromEntries(OLD_KEYS.map((k, i) => [k, old[i]])));
  persist(() => migrated, true);
  return migrated;
}

/**
 * The record from the keys an older SDK wrote. Its identity had no expiry (the edge no
 * longer takes one like it), so only its traits stay.
 */
export function fromOldKeys(old: Record<string, any>): State {
  return { ...emptyState(), ...old, me: {}, traits: old.me?.traits, v: VERSION };
}

/**
 * Writes `record()` once the current changes are done: the changes of one task make one
 * write. Each write is handed to IndexedDB at once, so a page left right after still
 * completes it, and writes land in the order they were made (IndexedDB runs read-write
 * transactions on one store in order). `record` is read when the write is made;
 * undefined writes nothing (consent gone). `fresh` clears the store first: a new visitor
 * id starts from nothing.
 */
export function persist(record: () => State | undefined, fresh?: boolean) {
  if (fresh) last = clear(useStore()).catch(() => {});
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    const r = record();
    if (r) last = set(KEY, r, useStore()).catch(() => {});
  });
}

/** Resolves once every write scheduled so far has landed (waiting for the last one is enough). */
export const stored = async () => {
  await null;
  await last;
};

/**
 * Deletes the whole database. The open connection is closed first, otherwise the delete
 * stays blocked until the page unloads.
 */
export async function wipeDatabase(idb: IDBFactory): Promise<void> {
  const s = store;
  store = undefined;
  if (s) await s('readonly', (os) => os.transaction.db.close()).catch(() => {});
  await new Promise((done) => {
    const req = idb.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = done;
  });
}
