import { PROFILE_COOKIE } from '../../shared/profile-cookie.js';
import { bits, DENIED, fromBits, fromConsentMode, mayStore, withConsent, withGpc } from './consent.js';
import { getCookie, readIdCookie, setCookie, writeIdCookie } from './cookies.js';
import { keepForget, pendingForgets } from './forgets.js';
import type { profileTools } from './lazy/profile.js';
import type { Senders } from './lazy/send.js';
import { pageContext, parseForce, requestDecision, type DecideRequest, type DecideResponse } from './decide.js';
import { withDecision, withExposures, withSource } from './decision.js';
import { makeEvent, uid, type fromDataLayer } from './events.js';
import { resendable, withoutSent } from './outbox.js';
import { createRunner, type Command } from './queue.js';
import { hideSlots, renderSlots, slotNames } from './render.js';
import { startsSession } from './session.js';
import { emptyState, type Identity, type State } from './state.js';
import { load, persist, stored, wipeDatabase } from './storage.js';
import { SEND_WITHIN_MS, withEvent } from './track.js';
import type { Consent, InitOptions } from './types.js';

type Listener = (value?: unknown) => void;

type Source = DecideResponse['context']['source'];
type Win = Window & {
  dataLayer?: unknown[];
  vitrineDebug?: unknown;
  vitrineIdentity?: (customerId: string, o: IdentifyOptions, warn: (e: unknown) => void) => Promise<Identity>;
  vitrineProfile?: typeof profileTools;
  vitrineSend?: Senders;
  vitrineEcommerce?: typeof fromDataLayer;
};
/** What `identify` takes besides the customer id. */
export interface IdentifyOptions {
  signature?: string;
  /** Seconds since the epoch, at most 30 days ahead: the signature covers it. */
  expires?: number;
  email?: string;
  phone?: string;
}

/** The content hash of each lazily loaded bundle, set by the build (sdk/build.mjs). */
declare const VITRINE_LAZY: Record<string, string> | undefined;

/**
 * One Vitrine instance for a page, over the window it is given. Its state is one typed
 * record changed only by the pure transitions (`withConsent`, `withEvent`, `withDecision`,
 * …); this shell does the rest: cookie, IndexedDB, network, DOM. Every public command goes
 * through one serial runner so queued commands keep their order.
 */
export function createClient(win: Win = window): Command {
  const { document: doc, location: loc } = win;
  const nav: Navigator & { globalPrivacyControl?: boolean } = win.navigator;
  // The script tag makes its client as it starts; the ESM build on its first command.
  win.performance.mark('vitrine:start');
  let options: (InitOptions & { endpoint: string }) | undefined;
  let state: State = emptyState();
  /** The decision this page shows (the cached one until the edge answers). */
  let decision: DecideResponse | null = null;
  /** Whether a choice is known (a cookie, a `consent` call, the site's or a CMP's signal): until then the page hears null. */
  let known = false;
  let announced = '';
  let sessionOpened = false;
  let pageSource: Source | undefined;
  let force = parseForce(loc.search);
  const debug = /[?&]vitrine_debug=1/.test(loc.search);
  let started = false;
  let pageViewed = false;
  let painted = false;
  let warned = false;
  const listeners: Record<string, Listener[]> = Object.create(null);

  /** The page hears from us at most once: one warning, never an exception. */
  const warn = (error: unknown) => {
    if (!warned) console.warn('[vitrine]', (error as Error)?.message ?? error);
    warned = true;
  };
  const enqueue = createRunner(warn);
  /** Loads `/sdk-<name>.js` from the edge, a bundle kept out of this one because few pages need it. */
  const lazy = (name: string) =>
    new Promise((done, fail) => {
      const script = doc.createElement('script');
      script.src = `${options!.endpoint}/sdk-${name}.js?v=${typeof VITRINE_LAZY == 'object' ? VITRINE_LAZY[name] : 0}`;
      script.onload = done;
      script.onerror = fail;
      doc.head.appendChild(script);
    });
  /**
   * A loader for one lazy bundle: nothing to do once `has()` (its global is set), one
   * load at a time, and a load that failed (the edge unreachable) is asked for again next time.
   */
  const loadOnce = (name: string, has: () => unknown) => {
    let loading: Promise<unknown> | undefined;
    return () => (has() ? Promise.resolve() : (loading ??= lazy(name).catch((e) => ((loading = undefined), Promise.reject(e)))));
  };
  const emit = (name: string, value?: unknown) => listeners[name]?.forEach((fn) => enqueue(() => fn(value)));
  /** The profile cookie as last written: the edge's HTML proxy decides from it. */
  let profileCookie = getCookie(doc, PROFILE_COOKIE) ?? '';
  /**
   * The profile's code (summary, folding, cookie encoder) loads as soon as a visitor with
   * personalization consent is known: the first decide that carries the summary waits
   * for it, the painting of a cached decision does not.
   */
  const profileLoaded = loadOnce('profile', () => win.vitrineProfile);
  /**
   * Mirrors the summary into the profile cookie (with personalization consent; without,
   * the cookie goes): the cookie serves the next navigation, not this page.
   */
  let syncing: Promise<unknown> | undefined;
  const syncProfileCookie = (): unknown => {
    const tools = win.vitrineProfile;
    const after = () => ((syncing = undefined), syncProfileCookie());
    if (state.consent.personalization && !tools) return options && (syncing ??= profileLoaded().then(after, (e) => ((syncing = undefined), warn(e))));
    const value = state.consent.personalization ? tools!.encodeCookie(profile()!) : '';
    if (value !== profileCookie) setCookie(doc, PROFILE_COOKIE, (profileCookie = value));
  };
  /**
   * The one way the state changes: memory at once, IndexedDB (with consent) right after,
   * and the profile cookie whenever the summary changes, so the very next navigation
   * through the proxy is personalized.
   */
  const commit = (next: State, fresh?: boolean) => {
    const before = state;
    state = next;
    persist(win.indexedDB, () => (mayStore(state.consent) ? state : undefined), fresh);
    if (next.agg !== before.agg || next.log !== before.log || next.src !== before.src || next.consent !== before.consent) syncProfileCookie();
  };
  const consentState = () => (known ? { ...state.consent } : null);
  /** Tells `on('consent')` listeners, only when what they would hear has changed. */
  const announce = () => {
    const now = known ? bits(state.consent) : '';
    if (now !== announced) emit('consent', consentState());
    announced = now;
  };
  /** The summary a decide carries (once the profile's code has loaded). */
  const profile = () => {
    const tools = win.vitrineProfile;
    return tools && { ...tools.summarize(state.agg, state.log), source: state.src };
  };

  let collector: ReturnType<Senders['createCollector']> | undefined;
  const sendersLoaded = loadOnce('send', () => win.vitrineSend);
  /**
   * The senders (collect, forget) load lazily, when there is something to send: until
   * then events wait in the stored outbox and forgets in their cookie.
   */
  const senders = (): Promise<Senders> => sendersLoaded().then(() => win.vitrineSend!);

  /** Sends the outbox soon (a page left before the sender loaded leaves it to the next page). */
  const collect = () =>
    senders().then(({ createCollector }) => {
      collector ??= createCollector(
        win,
        () => `${options!.endpoint}/v1/collect`,
        () =>
          options && state.visitor && state.consent.analytics
            ? { site: options.site, visitor: state.visitor, consent: state.consent, segments: decision?.segments.slice(0, 50) }
            : null,
        () => state.out,
        (events) => commit({ ...state, out: withoutSent(state.out, events) }),
      );
      collector.schedule();
    }, warn);

  let forgetting: Promise<boolean> = Promise.resolve(true);
  /** Sends every pending forget, one run at a time: resolves to whether none is left. */
  const sendForgets = () =>
    (forgetting = forgetting.then(() => senders().then((s) => s.sendForgets(win, options!.endpoint, options!.site), () => false)));

  /**
   * Deletes cookie and database at once (the state is already empty), keeps visitor `id`
   * as a pending forget and asks the edge to drop it: resolves to whether the edge confirmed.
   */
  async function erase(id: string) {
    writeIdCookie(doc, null, DENIED);
    keepForget(doc, id);
    collector?.stop();
    await wipeDatabase(win.indexedDB);
    return sendForgets();
  }

  async function setConsent(requested: Consent, choice = true) {
    // Missing purposes are false.
    known ||= choice;
    const next = withGpc(fromBits(bits(requested)), nav.globalPrivacyControl);
    const had = state.visitor;
    // The cookie's 13 months run from the choice: a page view that changes nothing does not extend them.
    const changed = bits(next) !== bits(state.consent);
    // A new visitor id starts from nothing: whatever an old id left in the database goes.
    const after = withConsent(state, next, uid());
    commit(after, !had && !!after.visitor);
    const erased = had && !state.visitor && erase(had);
    if (state.visitor && (changed || !had)) writeIdCookie(doc, state.visitor, state.consent);
    announce();
    if (started && !pageViewed) trackPageView();
    return erased;
  }

  function track(name: string, params?: Record<string, unknown>, at?: { ts?: number }) {
    if (!mayStore(state.consent)) return;
    const now = Date.now();
    const event = makeEvent(name, params, at?.ts ?? now);
    if (force) event.forced = true;
    commit(withEvent(state, event, now, win.vitrineProfile?.fold));
    if (state.consent.analytics) collect();
    if (event.ts < now - SEND_WITHIN_MS) warn(`${name} ts over 30 days old: profile only, not sent`);
  }

  /** Once a session has opened and the edge has named this page's source, the profile keeps it. */
  function noteSource() {
    if (!sessionOpened || !pageSource || !state.consent.personalization) return;
    sessionOpened = false;
    commit(withSource(state, pageSource));
  }

  function trackPageView() {
    if (options?.pageView === false || !mayStore(state.consent)) return;
    pageViewed = true;
    const { log, agg } = state;
    sessionOpened = startsSession(log.length ? log[log.length - 1].ts : agg.lastTs, Date.now());
    noteSource();
    track('page_view', { page_location: loc.href, page_referrer: doc.referrer || undefined });
  }

  /** Renders a decision and sends the exposures it owes. */
  function show(d: DecideResponse) {
    decision = d;
    const names = renderSlots(doc, d.slots);
    if (names.length && !painted) win.performance.mark('vitrine:painted');
    painted ||= names.length > 0;
    const [next, exposures] = withExposures(state, d, names);
    commit(next);
    for (const params of exposures) track('exposure', params);
  }

  /** Asks the edge for a decision (or takes `given`, one the edge put in the page), renders it and tells listeners. */
  async function decide(given?: DecideResponse): Promise<DecideResponse | null> {
    if (!options) throw new Error('no init');
    const personal = state.consent.personalization;
    if (!given && personal && state.dec && !painted) show(state.dec);
    const reveal = !given && options.antiFlicker && !painted ? hideSlots(doc, options.antiFlicker === true ? 300 : options.antiFlicker) : null;
    const slots = slotNames(doc);
    const { visitor, consent, asg, me } = state;
    const body: DecideRequest = {
      site: options.site,
      // No consent, no visitor id: withdrawal erases it, a grant makes it.
      visitor,
      consent,
      context: pageContext(win),
      slots: slots.length ? slots : undefined,
      force,
      assignments: visitor ? asg : undefined,
      debug: debug || undefined,
    };
    if (personal && !given) {
      // Without its code (the edge unreachable) the decide goes without the summary.
      await profileLoaded().catch(warn);
      body.profile = profile();
      body.traits = state.traits;
    }
    // Only while the shop's signature holds, and for a purpose the identity serves.
    if ((personal || consent.ads || consent.email) && me.expires! * 1000 > Date.now()) body.identity = me as DecideRequest['identity'];
    try {
      const fresh = given ?? (await requestDecision(win, options.endpoint, body, options.timeout ?? 800));
      commit(withDecision(state, fresh));
      pageSource = fresh.context.source;
      noteSource();
      show(fresh);
      emit('decision', fresh);
      return fresh;
    } catch (error) {
      warn(error);
      return null;
    } finally {
      reveal?.();
    }
  }

  /**
   * The decision the edge's HTML proxy made for this page view and put in it as
   * `<script type="application/json" id="vitrine-decision">`, if any (and well formed):
   * the page is already rendered with it, so no second round trip.
   */
  function injectedDecision(): DecideResponse | undefined {
    const el = doc.getElementById('vitrine-decision');
    try {
      const d = el?.getAttribute('type') === 'application/json' && JSON.parse(el.textContent!);
      return d?.slots && Array.isArray(d.experiments) ? d : undefined;
    } catch {}
  }

  let loadingEcommerce: Promise<unknown> | undefined;
  /**
   * Records a GA4 e-commerce push as the event it names, when the site opted in. The
   * mapping loads lazily (few sites opt in); the runner waits for it, so pushes keep
   * their order.
   */
  async function fromShopLayer(entry: unknown) {
    if (!options?.dataLayer) return;
    await (win.vitrineEcommerce || (loadingEcommerce ??= lazy('ecommerce')));
    const ecommerce = win.vitrineEcommerce!(entry);
    if (ecommerce) track(...ecommerce);
  }

  function onDataLayer(entry: unknown): unknown {
    const signal = fromConsentMode(entry, state.consent, false);
    return signal ? setConsent(signal) : fromShopLayer(entry);
  }

  /**
   * Folds the consent signals already in `dataLayer` into `initial`, queues the e-commerce
   * events already there (when the site opted in) and hears every later push.
   */
  function watchDataLayer(initial: Required<Consent>, withDefaults: boolean): Required<Consent> {
    const layer = (win.dataLayer ??= []);
    let c = initial;
    for (const entry of layer) {
      c = fromConsentMode(entry, c, withDefaults) ?? c;
      enqueue(() => fromShopLayer(entry));
    }
    const push = layer.push;
    layer.push = (...entries) => {
      entries.forEach((entry) => enqueue(() => onDataLayer(entry)));
      return push.apply(layer, entries);
    };
    return c;
  }

  async function start() {
    trackPageView();
    // An async script may run before the page is parsed: its slots and product marker come later.
    if (doc.readyState === 'loading') await new Promise((done) => doc.addEventListener('DOMContentLoaded', done));
    await decide(injectedDecision());
    started = true;
    emit('ready');
    if (debug) loadDebugPanel();
  }

  function loadDebugPanel() {
    win.vitrineDebug = {
      // The whole state: the panel picks what it shows (the bytes are in its bundle, not here).
      state: () => ({ ...state, known, profile: profile(), decision, force }),
      force: (slot: string, variant: string) => enqueue(() => ((force = { ...force, [slot]: variant }), decide())),
    };
    lazy('debug');
  }

  /**
   * Links the visitor to the shop's customer, or (null) drops that link at once. The
   * check and the hashing of email and phone load lazily (few pages identify); only the
   * hashes are kept and sent.
   */
  async function identify(customerId: string | null, o: IdentifyOptions = {}) {
    let me = {};
    if (customerId != null) {
      if (!win.vitrineIdentity) await lazy('identifiers');
      me = await win.vitrineIdentity!(customerId, o, warn);
    }
    // The state is read after the hashing: anything that changed it meanwhile is kept.
    commit({ ...state, me });
  }

  const commands: Record<string, (...args: never[]) => unknown> = {
    async init(o: InitOptions) {
      if (options) return;
      options = { ...o, endpoint: o.endpoint.replace(/\/+$/, '') };
      const cookie = readIdCookie(doc);
      if (cookie) {
        const saved = await load(win.indexedDB);
        state = { ...state, ...saved, ...cookie, out: resendable(saved?.out ?? [], Date.now()) };
        if (state.out.length && state.consent.analytics) collect();
      }
      const initial = watchDataLayer(o.consent ? fromBits(bits(o.consent)) : state.consent, !cookie && !o.consent);
      // Still the untouched default: nobody has chosen yet.
      await setConsent(initial, initial !== DENIED);
      // A forget the edge did not confirm on an earlier page goes again, now and when back online.
      const retry = () => pendingForgets(doc).length && sendForgets();
      retry();
      win.addEventListener('online', () => (collector?.flush(), retry()));
      win.addEventListener('pagehide', () => collector?.beacon());
      doc.addEventListener('visibilitychange', () => doc.visibilityState === 'hidden' && collector?.beacon());
      // Behind whatever the page queued with init (consent, identify, set…): those were
      // enqueued before this task started.
      enqueue(start);
    },
    consent: setConsent,
    track,
    identify,
    logout: () => identify(null),
    set(traits: Record<string, unknown>) {
      const merged = { ...state.traits, ...traits };
      // The edge refuses a whole decide over traits past 8 KB: keep the last good set instead.
      if (JSON.stringify(merged).length > 8192) throw new Error('traits > 8 KB');
      commit({ ...state, traits: merged });
    },
    decide: () => decide(),
    on(name: string, fn: Listener) {
      (listeners[name] ??= []).push(fn);
      if (name === 'ready' && started) enqueue(fn);
      if (name === 'consent') fn(consentState());
    },
    /** Resolves (and calls back) once everything tracked before it is in IndexedDB. */
    flush: (fn?: () => void) => stored().then(fn),
    forget() {
      known = false;
      const id = state.visitor;
      commit(emptyState());
      const erased = id ? erase(id) : sendForgets();
      announce();
      return erased;
    },
  };

  return (command, ...args) =>
    enqueue(() => {
      if (!Object.hasOwn(commands, command)) throw new Error('unknown command ' + command);
      return commands[command](...(args as never[]));
    });
}
