// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createHash } from 'node:crypto';
import { decodeProfileCookie, encodeProfileCookie } from '../../shared/profile-cookie.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecideRequest, DecideResponse } from './decide.js';
import type { Command } from './queue.js';

const NONE = { analytics: false, personalization: false, ads: false, email: false };
const ALL = { ...NONE, analytics: true, personalization: true };
const EVERY = { analytics: true, personalization: true, ads: true, email: true };
const INIT = { site: 'shop', endpoint: 'https://edge.example/' };

const decision = (slots: DecideResponse['slots'] = {}, extra: Partial<DecideResponse> = {}): DecideResponse => ({
  configVersion: 'v1',
  segments: ['bookworms'],
  persona: null,
  rfm: null,
  context: { country: null, region: null, city: null, device: 'desktop', source: 'direct' },
  slots,
  experiments: [],
  ...extra,
});

let requests: { path: string; body: any }[];
let beacons: any[];
let answer: () => Promise<Response>;
/** How the edge answers POST /v1/forget. */
let forgetAnswer: () => Promise<Response>;
let vitrine: Command;

const decides = () => requests.filter((r) => r.path === '/v1/decide').map((r) => r.body as DecideRequest);
const databases = () => indexedDB.databases();
/** The id and forget cookies (the profile cookie has tests of its own). */
const cookie = () => document.cookie.split('; ').filter((c) => !c.startsWith('vitrine_profile=')).join('; ');
const ready = () => new Promise<void>((resolve) => vitrine('on', 'ready', resolve));
/**
 * Ends the page: what is still in the outbox goes out by beacon, where the test reads it.
 * Clients of earlier pages in this file still listen on the same window, hence the filter.
 */
const beaconedEvents = (visitor = decides()[0]?.visitor) => {
  window.dispatchEvent(new Event('pagehide'));
  return beacons.filter((b) => b.visitor === visitor).flatMap((b) => b.events);
};

async function newPage(html = '<h1 data-vitrine-slot="hero"><span data-vitrine-field="headline">Default</span></h1>') {
  document.body.innerHTML = html;
  vi.resetModules();
  const { createClient } = await import('./client.js');
  vitrine = createClient();
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  document.cookie = 'vitrine_id=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  delete (window as { dataLayer?: unknown }).dataLayer;
  requests = [];
  beacons = [];
  answer = async () => Response.json(decision({ hero: { variant: 'v', content: { headline: 'Personal' } } }));
  forgetAnswer = async () => Response.json({ forgotten: true });
  document.cookie = 'vitrine_forget=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  document.cookie = 'vitrine_profile=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ path: new URL(url).pathname, body: JSON.parse(init.body as string) });
    const path = new URL(url).pathname;
    return path === '/v1/decide' ? answer() : path === '/v1/forget' ? forgetAnswer() : Response.json({ accepted: 1 });
  });
  // The lazily loaded bundles (profile cookie, senders, identify, e-commerce mapping), here
  // from source: no script loads in happy-dom. Chromium loads the real ones (e2e/sdk.test.ts).
  await Promise.all(['profile', 'send', 'identifiers', 'ecommerce'].map((name) => import(`./lazy/${name}.ts`)));
  Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: (_: string, body: string) => beacons.push(JSON.parse(body)) > 0 });
  await newPage();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('before consent', () => {
  it('stores nothing and sends only a contextual decide', async () => {
    const open = vi.spyOn(indexedDB, 'open');
    vitrine('init', INIT);
    vitrine('track', 'view_item', { items: [{ item_id: 'b1' }] });
    vitrine('identify', 'customer-1');
    vitrine('set', { tier: 'gold' });
    await ready();
    expect(cookie()).toBe('');
    expect(await databases()).toEqual([]);
    expect(open).not.toHaveBeenCalled();
    expect(decides()).toHaveLength(1);
    const [body] = decides();
    expect(body.visitor).toBeNull();
    expect(body.consent).toEqual(NONE);
    expect(body).not.toHaveProperty('profile');
    expect(body).not.toHaveProperty('traits');
    expect(body).not.toHaveProperty('identity');
    expect(body.context.url).toBe(location.href);
    expect(beacons).toEqual([]);
    expect(document.querySelector('h1')!.textContent).toBe('Personal');
  });

  it('under Global Privacy Control keeps ads off, and only ads: the visitor’s other choices stand', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, get: () => true });
    const w = window as unknown as { dataLayer: unknown[] };
    w.dataLayer = [];
    vitrine('init', INIT);
    vitrine('consent', EVERY);
    await ready();
    expect(cookie()).toMatch(/^vitrine_id=[a-z0-9]{16}\.1101$/);
    expect(decides()[0].consent).toEqual({ ...EVERY, ads: false });
    // A CMP's Consent Mode grant for ads does not override it either.
    w.dataLayer.push(['consent', 'update', { ad_user_data: 'granted', ad_personalization: 'granted' }]);
    await vitrine('decide');
    expect(decides()[1].consent).toEqual({ ...EVERY, ads: false });
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  });

  it('sends all four purposes, missing ones as false, and keeps them in the cookie', async () => {
    vitrine('init', INIT);
    vitrine('consent', { analytics: true, personalization: false, email: true });
    await ready();
    expect(decides()[0].consent).toEqual({ analytics: true, personalization: false, ads: false, email: true });
    expect(cookie()).toMatch(/\.1001$/);
    expect(beaconedEvents().length).toBeGreaterThan(0);
    expect(beacons.find((b) => b.visitor === decides()[0].visitor).consent).toEqual({ analytics: true, personalization: false, ads: false, email: true });
  });

  it('reads the two-digit cookie of an older SDK as ads and email not granted', async () => {
    document.cookie = 'vitrine_id=abcdefgh01234567.11;path=/';
    vitrine('init', INIT);
    await ready();
    expect(decides()[0]).toMatchObject({ visitor: 'abcdefgh01234567', consent: ALL });
  });

  it('follows Google Consent Mode v2 in dataLayer: denied stores nothing, a later grant does', async () => {
    const w = window as unknown as { dataLayer: unknown[]; gtag: (...a: unknown[]) => void };
    w.dataLayer = [];
    w.gtag = function () {
      w.dataLayer.push(arguments);
    };
    w.gtag('consent', 'default', { analytics_storage: 'denied', personalization_storage: 'denied' });
    vitrine('init', INIT);
    await ready();
    expect(cookie()).toBe('');
    expect(await databases()).toEqual([]);

    w.gtag('consent', 'update', { analytics_storage: 'granted', personalization_storage: 'granted' });
    await vitrine('decide');
    expect(cookie()).toMatch(/vitrine_id=[a-z0-9]{16}\.1100/);
    await vi.waitFor(async () => expect((await databases()).map((d) => d.name)).toEqual(['vitrine']));
    expect(decides()[1].visitor).toMatch(/^[a-z0-9]{16}$/);
  });
});

describe('with consent', () => {
  it('keeps a visitor id, records events into the profile and sends them to collect with the segments', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('track', 'view_item', { items: [{ item_id: 'b1', item_category: 'books', price: 12 }] });
    await ready();
    const [body] = decides();
    expect(cookie()).toBe(`vitrine_id=${body.visitor}.1100`);
    expect(body.profile).toMatchObject({ sessions: 1, pageviews: 1, viewed: ['b1'], categories: { books: { views: 1, maxViewedPrice: 12 } } });
    const events = beaconedEvents();
    expect(events.map((e) => e.name)).toEqual(['view_item', 'page_view']);
    expect(beacons.find((b) => b.visitor === body.visitor)).toMatchObject({ site: 'shop', consent: ALL, segments: ['bookworms'] });
  });

  it('remembers the visitor on the next page: same id, profile carried over, cached decision shown before the edge answers', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    const first = decides()[0].visitor;

    await newPage();
    let release!: () => void;
    answer = () => new Promise((r) => (release = () => r(Response.json(decision({ hero: { variant: 'fresh', content: { headline: 'Fresh' } } })))));
    vitrine('init', INIT);
    await vi.waitFor(() => expect(decides()).toHaveLength(2));
    expect(document.querySelector('h1')!.textContent).toBe('Personal');
    release();
    await ready();
    expect(decides()[1].visitor).toBe(first);
    expect(decides()[1].profile).toMatchObject({ pageviews: 2, sessions: 1 });
    expect(document.querySelector('h1')!.textContent).toBe('Fresh');
  });

  it('does not extend the cookie on later pages, only when the choice changes', async () => {
    const cookieSetter = vi.spyOn(document, 'cookie', 'set');
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    await newPage();
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    const writes = cookieSetter.mock.calls.filter(([c]) => String(c).startsWith('vitrine_id='));
    expect(writes).toHaveLength(1);
    await vitrine('consent', { analytics: false, personalization: true });
    expect(cookie()).toMatch(/\.0100$/);
  });

  it('keeps the first and last traffic source as the edge classified the page that opened each session', async () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    const answering = (source: DecideResponse['context']['source']) => async () =>
      Response.json(decision({}, { context: { country: null, region: null, city: null, device: 'desktop', source } }));
    answer = answering('email');
    vitrine('init', { ...INIT, consent: ALL });
    await ready();
    expect(decides()[0].profile!.source).toEqual({});

    // Same session, a page reached by internal navigation: the source stays.
    await newPage();
    answer = answering('direct');
    clock.mockReturnValue(now + 10 * 60_000);
    vitrine('init', INIT);
    await ready();
    expect(decides()[1].profile!.source).toEqual({ first: 'email', last: 'email' });

    // Back after an hour from a search engine: a new session with a new last source.
    await newPage();
    answer = answering('organic');
    clock.mockReturnValue(now + 80 * 60_000);
    vitrine('init', INIT);
    await ready();
    await vitrine('decide');
    expect(decides()[3].profile).toMatchObject({ sessions: 2, source: { first: 'email', last: 'organic' } });
  });

  it('sends traits with personalization consent, refuses traits past 8 KB, and keeps them for the next page', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('set', { tier: 'gold' });
    vitrine('set', { tags: ['b2b'] });
    vitrine('set', { blob: 'x'.repeat(9000) });
    await ready();
    expect(decides()[0]).toMatchObject({ traits: { tier: 'gold', tags: ['b2b'] } });
    expect(decides()[0].traits).not.toHaveProperty('blob');
    await newPage();
    vitrine('init', INIT);
    await ready();
    expect(decides()[1]).toMatchObject({ traits: { tier: 'gold' } });
  });
  it('sends each experiment exposure once per visitor with its signed token, keeps arms sticky, and sends none for forced views', async () => {
    answer = async () =>
      Response.json(decision({ hero: { variant: 'quotes', experiment: 'hero-test', content: { headline: 'Q' } } }, { experiments: [{ id: 'hero-test', variant: 'quotes', slot: 'hero', token: 'signed.quotes' }] }));
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    await vitrine('decide');
    expect(decides()[1].assignments).toEqual({ 'hero-test': 'quotes' });
    const exposures = beaconedEvents().filter((e) => e.name === 'exposure');
    expect(exposures).toEqual([expect.objectContaining({ name: 'exposure', experiment: 'hero-test', variant: 'quotes', token: 'signed.quotes' })]);

    beacons = [];
    answer = async () => Response.json(decision({ hero: { variant: 'thrillers', experiment: 'other-test', forced: true } }));
    await vitrine('decide');
    // A beacon is not confirmed, so the first exposure may go again (same id); no new one.
    const sentBefore = exposures.map((e) => e.id);
    expect(beaconedEvents().filter((e) => e.name === 'exposure' && !sentBefore.includes(e.id))).toEqual([]);
  });

  it('reads GA4 e-commerce pushes from dataLayer when the site opts in', async () => {
    const w = window as unknown as { dataLayer: unknown[] };
    w.dataLayer = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'p1', price: '9.50', item_category: 'socks' }] } }];
    vitrine('init', { ...INIT, dataLayer: true, consent: ALL });
    await ready();
    w.dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'p1', price: 9.5, quantity: 2 }] } });
    await vitrine('decide');
    expect(decides()[1].profile).toMatchObject({ viewed: ['p1'], carted: ['p1'], cart: { items: 2, value: 19 } });
  });

  it('withdrawal deletes cookie and database at once and asks the edge to forget the visitor', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    const visitor = decides()[0].visitor;
    await vitrine('consent', NONE);
    expect(cookie()).toBe('');
    expect(await databases()).toEqual([]);
    expect(requests.find((r) => r.path === '/v1/forget')?.body).toEqual({ site: 'shop', visitor });
    vitrine('track', 'page_view');
    expect(beaconedEvents(visitor)).toEqual([]);
  });

  it('forget does the same and leaves no visitor id behind', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    await vitrine('forget');
    expect(cookie()).toBe('');
    expect(await databases()).toEqual([]);
    expect(requests.filter((r) => r.path === '/v1/forget')).toHaveLength(1);
    await vitrine('decide');
    expect(decides().at(-1)!.visitor).toBeNull();
  });
});

describe('identity', () => {
  const DAY_S = 86_400;
  const inDays = (days: number) => Math.floor(Date.now() / 1000) + days * DAY_S;
  const stored = async () => {
    await vitrine('flush');
    const { createStore, get } = await import('idb-keyval');
    return get('state', createStore('vitrine', 'kv'));
  };
  it('sends the signed id with its expiry and only hashes of the email and phone, which never leave the browser raw', async () => {
    const expires = inDays(7);
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('identify', 'c-42', { signature: 'ab12', expires, email: ' Jane.Doe+shop@GMAIL.com', phone: '+31 (0)20 123 4567' });
    await ready();
    expect(decides()[0].identity).toEqual({
      customerId: 'c-42',
      signature: 'ab12',
      expires,
      emailSha256: createHash('sha256').update('janedoe@gmail.com').digest('hex'),
      phoneSha256: createHash('sha256').update('+31201234567').digest('hex'),
    });
    const everything = JSON.stringify([requests, beacons, await stored()]).toLowerCase();
    for (const raw of ['jane.doe', 'janedoe@', '123 4567', '31201234567']) expect(everything).not.toContain(raw);
  });

  it('is sent only while the signature holds: an expired identity stays home', async () => {
    const clock = vi.spyOn(Date, 'now');
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('identify', 'c-42', { signature: 'ab12', expires: inDays(1) });
    await ready();
    expect(decides()[0].identity).toMatchObject({ customerId: 'c-42' });
    clock.mockReturnValue(Date.now() + 2 * DAY_S * 1000);
    await vitrine('decide');
    expect(decides()[1]).not.toHaveProperty('identity');
  });

  it.each([
    ['no expiry', undefined],
    ['an expiry in the past', -1],
    ['an expiry in milliseconds', Date.now() + 86_400_000],
    ['an expiry beyond 30 days', 40],
  ])('is refused with a warning for %s', async (_, expires) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('identify', 'c-42', { signature: 'ab12', expires: expires !== undefined && expires < 1000 ? inDays(expires) : expires });
    await ready();
    expect(decides()[0]).not.toHaveProperty('identity');
    expect(warn).toHaveBeenCalledWith('[vitrine]', expect.stringContaining('expires'));
  });

  it.each([['identify(null)', ['identify', null]], ["vitrine('logout')", ['logout']]])('%s drops it at once, from memory and storage', async (_, command) => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('identify', 'c-42', { signature: 'ab12', expires: inDays(7), email: 'jane@example.com' });
    await ready();
    expect((await stored()).me).toMatchObject({ customerId: 'c-42' });
    await vitrine(...(command as [string]));
    await vitrine('decide');
    expect(decides()[1]).not.toHaveProperty('identity');
    expect((await stored()).me).toEqual({});
    await newPage();
    vitrine('init', INIT);
    await ready();
    expect(decides()[2]).not.toHaveProperty('identity');
  });

  it('goes with ads or email consent alone (for those audiences), without the profile or traits', async () => {
    vitrine('init', INIT);
    vitrine('consent', { analytics: false, personalization: false, email: true });
    vitrine('identify', 'c-42', { signature: 'ab12', expires: inDays(7) });
    vitrine('set', { tier: 'gold' });
    await ready();
    expect(decides()[0]).toMatchObject({ identity: { customerId: 'c-42' }, consent: { email: true } });
    expect(decides()[0]).not.toHaveProperty('profile');
    expect(decides()[0]).not.toHaveProperty('traits');
  });

  it('is not sent with analytics consent alone', async () => {
    vitrine('init', INIT);
    vitrine('consent', { analytics: true, personalization: false });
    vitrine('identify', 'c-42', { signature: 'ab12', expires: inDays(7) });
    await ready();
    expect(decides()[0]).not.toHaveProperty('identity');
  });
});

describe('a decision the edge put in the page', () => {
  const injected = decision(
    { hero: { variant: 'quotes', experiment: 'hero-test', content: { headline: 'From the proxy </script><b>' } } },
    { experiments: [{ id: 'hero-test', variant: 'quotes', slot: 'hero', token: 'signed.quotes' }] },
  );
  // As the proxy writes it: JSON with "<" escaped, so copy cannot close the script element.
  const block = (json: string) => `<script type="application/json" id="vitrine-decision">${json}</script><h1 data-vitrine-slot="hero"><span data-vitrine-field="headline">From the proxy</span></h1>`;

  it('is used instead of asking the edge: no decide request, listeners told, the exposure sent once with its token', async () => {
    await newPage(block(JSON.stringify(injected).replace(/</g, '\\u003c')));
    const heard: unknown[] = [];
    vitrine('init', INIT);
    vitrine('consent', ALL);
    vitrine('on', 'decision', (d: unknown) => heard.push(d));
    await ready();
    expect(decides()).toEqual([]);
    expect(heard).toEqual([injected]);
    expect(document.querySelector('h1')!.textContent).toBe('From the proxy </script><b>');
    const visitor = /vitrine_id=([a-z0-9]{16})/.exec(document.cookie)![1];
    const exposures = beaconedEvents(visitor).filter((e) => e.name === 'exposure');
    expect(exposures).toEqual([expect.objectContaining({ experiment: 'hero-test', variant: 'quotes', token: 'signed.quotes' })]);
    // A later decide (after a consent change, a client-side navigation) asks the edge again.
    await vitrine('decide');
    expect(decides()).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"slots": '],
    ['JSON of something else', '{"hello": "world"}'],
  ])('is ignored when %s: the SDK asks the edge as usual', async (_, json) => {
    await newPage(block(json));
    vitrine('init', INIT);
    await ready();
    expect(decides()).toHaveLength(1);
    expect(document.querySelector('h1')!.textContent).toBe('Personal');
  });
});

describe('the profile cookie', () => {
  const profileCookie = () => /(?:^|; )vitrine_profile=([^;]*)/.exec(document.cookie)?.[1];
  beforeEach(async () => {
    document.cookie = 'vitrine_profile=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('mirrors the summary decide sends, and changes with each track that changes it, not only on page hide', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    expect(decodeProfileCookie(profileCookie()!)).toMatchObject({ pageviews: 1, sessions: 1 });
    await vitrine('track', 'view_item', { items: [{ item_id: 'b1', item_category: 'thrillers', price: 12 }] });
    const decoded = decodeProfileCookie(profileCookie()!);
    expect(decoded).toMatchObject({ viewed: ['b1'], categories: { thrillers: { views: 1, maxViewedPrice: 12 } } });
    await vitrine('decide');
    const sent = decides()[1].profile!;
    expect(decoded).toEqual(decodeProfileCookie(encodeProfileCookie(sent)));
  });

  it.each([
    ['forget', ['forget']],
    ['personalization withdrawn', ['consent', { analytics: true, personalization: false }]],
  ])('goes on %s', async (_, command) => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    expect(profileCookie()).toMatch(/^v1\|/);
    await vitrine(...(command as [string]));
    expect(profileCookie()).toBeUndefined();
  });

  it('is not written with analytics consent alone, nor before consent', async () => {
    vitrine('init', INIT);
    vitrine('track', 'page_view');
    await ready();
    expect(profileCookie()).toBeUndefined();
    await vitrine('consent', { analytics: true, personalization: false });
    await vitrine('track', 'view_item', { items: [{ item_id: 'b1' }] });
    expect(profileCookie()).toBeUndefined();
  });
});

describe('forget', () => {
  const forgets = () => requests.filter((r) => r.path === '/v1/forget').map((r) => r.body.visitor);

  it.each([
    ['the edge answers 503', async () => new Response('', { status: 503 })],
    ['the edge is unreachable', async () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('when %s: wipes the browser at once, keeps only the visitor id, resolves false, and sends it again on the next page', async (_, failing) => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    const visitor = decides()[0].visitor!;
    forgetAnswer = failing;
    expect(await vitrine('forget')).toBe(false);
    expect(cookie()).toBe(`vitrine_forget=${visitor}`);
    expect(await databases()).toEqual([]);

    forgetAnswer = async () => Response.json({ forgotten: true });
    await newPage();
    vitrine('init', INIT);
    await ready();
    await vi.waitFor(() => expect(cookie()).toBe(''));
    expect(forgets()).toEqual([visitor, visitor]);
    expect(decides()[1].visitor).toBeNull();
  });

  it('sends it again when the browser is back online, and keeps every id asked for until each is confirmed', async () => {
    forgetAnswer = async () => new Response('', { status: 503 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      await vitrine('consent', ALL);
      vitrine('init', INIT);
      await vitrine('decide');
      ids.push(decides().at(-1)!.visitor!);
      expect(await vitrine('forget')).toBe(false);
    }
    expect(cookie()).toBe(`vitrine_forget=${ids.join('.')}`);
    forgetAnswer = async () => Response.json({ forgotten: true });
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(cookie()).toBe(''));
    expect(new Set(forgets())).toEqual(new Set(ids));
  });

  it('resolves true once the edge confirmed, leaving nothing behind', async () => {
    vitrine('init', INIT);
    vitrine('consent', ALL);
    await ready();
    expect(await vitrine('forget')).toBe(true);
    expect(cookie()).toBe('');
  });
});

describe('backdated events', () => {
  const DAY = 86_400_000;

  it('keep their time, go into the profile in time order and out to collect as they were', async () => {
    const now = Date.now();
    vitrine('init', { ...INIT, consent: ALL });
    vitrine('track', 'view_item', { items: [{ item_id: 'new', item_category: 'books', price: 10 }] }, { ts: now - DAY });
    vitrine('track', 'view_item', { items: [{ item_id: 'old', item_category: 'books', price: 30 }] }, { ts: now - 20 * DAY });
    await ready();
    expect(decides()[0].profile).toMatchObject({ firstSeen: now - 20 * DAY, sessions: 3, viewed: expect.arrayContaining(['new', 'old']) });
    expect(decides()[0].profile!.viewed!.slice(0, 2)).toEqual(['new', 'old']);
    const sent = beaconedEvents().filter((e) => e.name === 'view_item');
    expect(sent.map((e) => e.ts)).toEqual([now - DAY, now - 20 * DAY]);
  });

  it.each([
    ['more than 5 minutes ahead', 6 * 60_000, 'over 5 min ahead'],
    ['older than the 90 days the log keeps', -91 * DAY, 'over 90 days old'],
  ])('are dropped with one warning saying why when %s', async (_, offset, why) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vitrine('init', { ...INIT, consent: ALL });
    vitrine('track', 'purchase', { value: 50 }, { ts: Date.now() + offset });
    vitrine('track', 'purchase', { value: 60 }, { ts: Date.now() + offset });
    await ready();
    expect(decides()[0].profile!.purchases).toEqual({ count: 0, revenue: 0 });
    expect(beaconedEvents().map((e) => e.name)).toEqual(['page_view']);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith('[vitrine]', `purchase ts out of range: ${why}`);
  });

  it('older than 30 days go into the profile but not to the edge, which refuses them, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vitrine('init', { ...INIT, consent: ALL });
    vitrine('track', 'purchase', { value: 50, transaction_id: 't1' }, { ts: Date.now() - 40 * DAY });
    await ready();
    expect(decides()[0].profile!.purchases).toMatchObject({ count: 1, revenue: 50 });
    expect(beaconedEvents().map((e) => e.name)).toEqual(['page_view']);
    expect(warn).toHaveBeenCalledWith('[vitrine]', expect.stringContaining('over 30 days old'));
  });
});

describe('flush', () => {
  it('calls back and resolves after the commands before it, once their events are stored', async () => {
    const order: string[] = [];
    vitrine('init', { ...INIT, consent: ALL });
    vitrine('track', 'view_item', { items: [{ item_id: 'b1' }] });
    const flushed = vitrine('flush', () => order.push('callback'));
    vitrine('track', 'view_item', { items: [{ item_id: 'b2' }] }).then(() => order.push('later track'));
    await flushed;
    order.push('resolved');
    await ready();
    expect(order).toEqual(['callback', 'resolved', 'later track']);
  });
});

describe("on('consent')", () => {
  it('tells the current choice at once (null while unknown) and then every change, once each', async () => {
    const heard: unknown[] = [];
    vitrine('init', INIT);
    vitrine('on', 'consent', (c: unknown) => heard.push(c));
    await ready();
    expect(heard).toEqual([null]);
    await vitrine('consent', ALL);
    await vitrine('consent', ALL);
    await vitrine('consent', { analytics: false, personalization: true });
    await vitrine('consent', NONE);
    await vitrine('forget');
    await vitrine('decide');
    expect(heard).toEqual([null, ALL, { ...NONE, personalization: true }, NONE, null]);
  });

  it('knows the choice stored on an earlier page, and one the site passed to init', async () => {
    vitrine('init', INIT);
    vitrine('consent', { analytics: true, personalization: false });
    await ready();
    await newPage();
    vitrine('init', INIT);
    let heard: unknown;
    await vitrine('on', 'consent', (c: unknown) => (heard = c));
    expect(heard).toEqual({ ...NONE, analytics: true });

    document.cookie = 'vitrine_id=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    await newPage();
    vitrine('init', { ...INIT, consent: NONE });
    await vitrine('on', 'consent', (c: unknown) => (heard = c));
    expect(heard).toEqual(NONE);
  });
});

describe('the page product', () => {
  it('goes to decide from the data-vitrine-product marker', async () => {
    await newPage('<main data-vitrine-product="the-salt-house"><h1 data-vitrine-slot="hero"></h1></main>');
    vitrine('init', INIT);
    await ready();
    expect(decides()[0].context.productId).toBe('the-salt-house');
    await newPage();
    vitrine('init', INIT);
    await ready();
    expect(decides()[1].context).not.toHaveProperty('productId');
  });
});

describe('failures', () => {
  it('keeps the default content, resolves decide with null and warns once however often the edge fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = async () => {
      throw new TypeError('Failed to fetch');
    };
    vitrine('init', INIT);
    await ready();
    expect(await vitrine('decide')).toBeNull();
    expect(await vitrine('no-such-command')).toBeUndefined();
    expect(document.querySelector('h1')!.textContent).toBe('Default');
    expect(warn).toHaveBeenCalledOnce();
  });
});
