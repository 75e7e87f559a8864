// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createStore, entries, setMany } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyState, VERSION, type State } from './state.js';
import { DB_NAME, fromOldKeys, load, persist, stored, wipeDatabase } from './storage.js';

const visitor = (n: number): State => ({ ...emptyState(), visitor: `visitor${String(n).padStart(9, '0')}` });
const keys = async () => (await entries(createStore(DB_NAME, 'kv'))).map(([k]) => k);

// Each test on an empty IndexedDB; wiping also drops the module's open store.
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  await wipeDatabase(indexedDB);
});

describe('the saved record', () => {
  it('is one entry; many changes in one task make one write, and stored() resolves once it landed', async () => {
    let reads = 0;
    let state = visitor(1);
    const record = () => (reads++, state);
    persist(indexedDB, record);
    state = { ...state, exp: ['a'] };
    persist(indexedDB, record);
    await stored();
    expect(reads).toBe(1);
    expect(await load(indexedDB)).toEqual(state);
    expect(await keys()).toEqual(['state']);
  });

  it('writes nothing when the record is gone (consent withdrawn before the write)', async () => {
    persist(indexedDB, () => undefined);
    await stored();
    expect(await load(indexedDB)).toBeUndefined();
  });

  it('starts from nothing for a new visitor id: fresh clears whatever was there', async () => {
    await setMany([['log', [{ id: 'old-event-1', name: 'page_view', ts: 1 }]]], createStore(DB_NAME, 'kv'));
    persist(indexedDB, () => visitor(2), true);
    await stored();
    expect(await keys()).toEqual(['state']);
  });

  it('of another version is not read', async () => {
    persist(indexedDB, () => ({ ...visitor(3), v: 2 as typeof VERSION }));
    await stored();
    expect(await load(indexedDB)).toBeUndefined();
  });
});

describe('a database written by the SDK before the one record', () => {
  const OLD = {
    log: [{ id: 'e1-aaaaaaaaaaaa', name: 'page_view', ts: 1000 }],
    agg: { ...emptyState().agg, sessions: 3 },
    out: [{ id: 'e1-aaaaaaaaaaaa', name: 'page_view', ts: 1000 }],
    asg: { 'hero-test': 'quotes' },
    exp: ['hero-test'],
    me: { customerId: 'c-1', signature: 'v1-sig', traits: { tier: 'gold' } },
    src: { first: 'email', last: 'direct' },
  };

  it('is read once as the record, and its old keys go', async () => {
    await setMany(Object.entries(OLD), createStore(DB_NAME, 'kv'));
    const migrated = await load(indexedDB);
    expect(migrated).toMatchObject({ v: VERSION, log: OLD.log, agg: OLD.agg, out: OLD.out, asg: OLD.asg, exp: OLD.exp, src: OLD.src, traits: { tier: 'gold' } });
    await stored();
    expect(await keys()).toEqual(['state']);
    expect(await load(indexedDB)).toEqual(migrated);
  });

  it.each([
    ['an identity without expiry is dropped (the edge refuses it), traits stay', { me: OLD.me }, { me: {}, traits: { tier: 'gold' } }],
    ['missing parts start empty', { exp: ['x'] }, { exp: ['x'], log: [], out: [], asg: {}, tok: {}, me: {}, dec: null }],
  ])('%s', (_, old, expected) => {
    expect(fromOldKeys(old)).toMatchObject(expected);
  });
});
