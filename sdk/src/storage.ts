import { emptyState, VERSION, type State } from './state.js';

export const DB_NAME = 'vitrine';
/** The one entry the SDK writes, in the object store `kv`. */
const KEY = 'state';
/** The keys an SDK before the one record wrote, a key per part. */
const OLD_KEYS = ['log', 'agg', 'out', 'dec', 'asg', 'exp', 'me', 'src'];

// IndexedDB directly: one record needs a get, a put and a clear, which is less code than
// the idb-keyval functions for them (−139 B gzip of the main bundle).
let db: Promise<IDBDatabase> | undefined;

/** Resolves with a request's result (or when a transaction completes), rejects on its error. */
const done = <T>(r: IDBRequest<T> | IDBTransaction) =>
  new Promise<T>((resolve, reject) => {
    (r as IDBRequest).onsuccess = (r as IDBTransaction).oncomplete = () => resolve((r as IDBRequest<T>).result);
    r.onerror = () => reject(r.error);
  });

/**
 * Runs `fn` on the store in one transaction and resolves with its request's result once
 * the transaction is done. The database is opened (and created) on first use only, and
 * that only ever happens once consent allows storage, so a visitor who never consents
 * has no database at all.
 */
function tx<T>(idb: IDBFactory, mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  if (!db) {
    const open = idb.open(DB_NAME);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    db = done(open);
    // A connection the browser closes (Safari does) is opened again on next use.
    db.then((d) => (d.onclose = () => (db = undefined)), () => (db = undefined));
  }
  return db.then((d) => {
    const t = d.transaction('kv', mode);
    const request = fn(t.objectStore('kv'));
    return done(t).then(() => request.result);
  });
}

let last: Promise<unknown> = Promise.resolve();
let queued = false;

/**
 * The saved record, or undefined when there is none. A database an older SDK wrote is read
 * once and rewritten as the record, and its old keys go.
 */
export async function load(idb: IDBFactory): Promise<State | undefined> {
  const [saved, ...old] = await Promise.all([KEY, ...OLD_KEYS].map((key) => tx(idb, 'readonly', (s) => s.get(key))));
  if (saved) return saved.v === VERSION ? saved : undefined;
  if (old.every((v) => v === undefined)) return;
  const migrated = fromOldKeys(Object.fromEntries(OLD_KEYS.map((k, i) => [k, old[i]])));
  persist(idb, () => migrated, true);
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
export function persist(idb: IDBFactory, record: () => State | undefined, fresh?: boolean) {
  if (fresh) last = tx(idb, 'readwrite', (s) => s.clear()).catch(() => {});
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    const r = record();
    if (r) last = tx(idb, 'readwrite', (s) => s.put(r, KEY)).catch(() => {});
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
  const open = db;
  db = undefined;
  (await open?.catch(() => {}))?.close();
  await new Promise((resolve) => {
    const req = idb.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
}
