import { createCollector } from './collect.js';
import { bits, DENIED, fromBits, fromConsentMode, mayStore, withGpc } from './consent.js';
import { parseForce, pageContext, post, requestDecision, type DecideRequest, type DecideResponse } from './decide.js';
import { fromDataLayer, makeEvent, uid } from './events.js';
import { acceptsTs, compact, insertByTime } from './log.js';
import { createRunner, type Command } from './queue.js';
import { hideSlots, renderSlots, slotNames } from './render.js';
import { clearStore, readAll, readCookie, removeCookie, stored, wipeDatabase, write, writeCookie, type Key } from './storage.js';
import { startsSession } from './session.js';
import { emptyAggregate, summarize, type Aggregate } from './summary.js';
import type { Consent, InitOptions, TrackedEvent } from './types.js';

type Listener = (value?: unknown) => void;
type Source = DecideResponse['context']['source'];
interface Identity {
  customerId?: string;
  signature?: string;
  traits?: Record<string, unknown>;
}
type Saved = Partial<Record<Key, unknown>>;
type Win = Window & { dataLayer?: unknown[]; vitrineDebug?: unknown };

/**
 * One Vitrine instance for a page: its state lives in this closure, and every public
 * command goes through one serial runner so queued commands keep their order.
 */
export function createClient(win: Win = window): Command {
  // The script tag makes its client as it starts; the ESM build on its first command.
  performance.mark('vitrine:start');
  let options: (InitOptions & { endpoint: string }) | undefined;
  let consent: Consent = DENIED;
  /** Whether a choice is known (a cookie, a `consent` call, the site's or a CMP's signal): until then the page hears null. */
  let known = false;
  let announced = '';
  let visitor: string | null = null;
  let aggregate: Aggregate = emptyAggregate();
  let log: TrackedEvent[] = [];
  let decision: DecideResponse | null = null;
  let assignments: Record<string, string> = {};
  let exposed: string[] = [];
  let identity: Identity = {};
  /** First and last traffic source, as the edge classified the page that opened a session. */
  let source: { first?: Source; last?: Source } = {};
  let sessionOpened = false;
  let pageSource: Source | undefined;
  let force = parseForce(location.search);
  const debug = /[?&]vitrine_debug=1/.test(location.search);
  let started = false;
  let pageViewed = false;
  let painted = false;
  let warned = false;
  const listeners: Record<string, Listener[]> = {};

  /** The page hears from us at most once: one warning, never an exception. */
  const warn = (error: unknown) => {
    if (!warned) console.warn('[vitrine]', (error as Error)?.message ?? error);
    warned = true;
  };
  const enqueue = createRunner(warn);
  const emit = (name: string, value?: unknown) => listeners[name]?.forEach((fn) => enqueue(() => fn(value)));
  const save = (key: Key, value: unknown) => mayStore(consent) && write(key, value);
  const consentState = () => (known ? { ...consent } : null);
  /** Tells `on('consent')` listeners, only when what they would hear has changed. */
  const announce = () => {
    const now = known ? bits(consent) : '';
    if (now !== announced) emit('consent', consentState());
    announced = now;
  };

  const collector = createCollector(
    () => `${options!.endpoint}/v1/collect`,
    () =>
      options && visitor && consent.analytics
        ? { site: options.site, visitor, consent, segments: decision?.segments.slice(0, 50) }
        : null,
    (events) => save('out', events),
  );

  /** Deletes cookie and database at once and asks the edge to drop this visitor id. */
  async function erase() {
    const id = visitor;
    consent = DENIED;
    visitor = null;
    identity = {};
    removeCookie();
    restore({});
    collector.clear();
    await wipeDatabase();
    if (id && options) await post(`${options.endpoint}/v1/forget`, { site: options.site, visitor: id }, 5000);
  }

  function restore(saved: Saved) {
    aggregate = (saved.agg as Aggregate) ?? emptyAggregate();
    log = (saved.log as TrackedEvent[]) ?? [];
    decision = (saved.dec as DecideResponse) ?? null;
    assignments = (saved.asg as Record<string, string>) ?? {};
    exposed = (saved.exp as string[]) ?? [];
    identity = { ...(saved.me as Identity), ...identity };
    source = (saved.src as typeof source) ?? {};
  }

  async function load() {
    const saved = await readAll();
    restore(saved);
    collector.load(saved.out as TrackedEvent[]);
  }

  async function setConsent(requested: Consent, choice = true) {
    known ||= choice;
    const next = withGpc(fromBits(bits(requested)), (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl);
    if (!mayStore(next)) {
      const erased = visitor && erase();
      announce();
      return erased;
    }
    const fresh = !visitor;
    // The cookie's 13 months run from the choice: a page view that changes nothing does not extend them.
    const changed = fresh || bits(next) !== bits(consent);
    visitor ??= uid();
    consent = next;
    if (changed) writeCookie(visitor, consent);
    // A new visitor id starts from nothing: whatever an old id left in the database goes.
    if (fresh) clearStore(), save('me', identity);
    // A purpose withdrawn takes its data with it.
    if (!consent.analytics) collector.clear(), save('out', []);
    if (!consent.personalization) {
      aggregate = emptyAggregate();
      log = [];
      ['log', 'agg', 'dec'].forEach((key) => save(key as Key, undefined));
    }
    announce();
    if (started && !pageViewed) trackPageView();
  }

  function track(name: string, params?: Record<string, unknown>, at?: { ts?: number }) {
    if (!mayStore(consent)) return;
    const now = Date.now();
    const ts = at?.ts ?? now;
    if (!acceptsTs(ts, now, aggregate)) throw new Error(`${name} ts out of range`);
    const event = makeEvent(name, params, ts);
    if (force) event.forced = true;
    if (consent.personalization) {
      const before = aggregate;
      ({ aggregate, log } = compact(aggregate, insertByTime(log, event), now));
      save('log', log);
      if (aggregate !== before) save('agg', aggregate);
    }
    if (consent.analytics) collector.add(event);
  }

  /** Once a session has opened and the edge has named this page's source, the profile keeps it. */
  function noteSource() {
    if (!sessionOpened || !pageSource || !consent.personalization) return;
    source = { first: source.first ?? pageSource, last: pageSource };
    sessionOpened = false;
    save('src', source);
  }

  function trackPageView() {
    if (options?.pageView === false || !mayStore(consent)) return;
    pageViewed = true;
    sessionOpened = startsSession(log.length ? log[log.length - 1].ts : aggregate.lastTs, Date.now());
    noteSource();
    track('page_view', { page_location: location.href, page_referrer: document.referrer || undefined });
  }

  /** Renders a decision and sends one exposure per experiment per visitor, never for forced views. */
  function show(d: DecideResponse) {
    const names = renderSlots(document, d.slots);
    if (names.length && !painted) performance.mark('vitrine:painted');
    painted ||= names.length > 0;
    for (const name of names) {
      const { experiment, variant, forced } = d.slots[name];
      if (!experiment || forced || !consent.analytics || exposed.includes(experiment)) continue;
      exposed.push(experiment);
      save('exp', exposed);
      track('exposure', { experiment, variant });
    }
  }

  async function decide(): Promise<DecideResponse | null> {
    if (!options) throw new Error('no init');
    const personal = consent.personalization;
    if (personal && decision && !painted) show(decision);
    const reveal = options.antiFlicker && !painted ? hideSlots(document, options.antiFlicker === true ? 300 : options.antiFlicker) : null;
    const slots = slotNames(document);
    const body: DecideRequest = {
      site: options.site,
      // No consent, no visitor id: withdrawal erases it, a grant makes it.
      visitor,
      consent,
      context: pageContext(),
      slots: slots.length ? slots : undefined,
      force,
      assignments: visitor ? assignments : undefined,
      debug: debug || undefined,
    };
    if (personal) {
      body.profile = { ...summarize(aggregate, log), source };
      body.traits = identity.traits;
      if (identity.customerId) body.identity = { customerId: identity.customerId, signature: identity.signature ?? '' };
    }
    try {
      const fresh = await requestDecision(options.endpoint, body, options.timeout ?? 800);
      decision = fresh;
      pageSource = fresh.context.source;
      noteSource();
      for (const e of fresh.experiments) assignments[e.id] = e.variant;
      save('asg', assignments);
      if (personal) save('dec', fresh);
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

  function onDataLayer(entry: unknown) {
    const signal = fromConsentMode(entry, consent, false);
    if (signal) return setConsent(signal);
    const ecommerce = options?.dataLayer && fromDataLayer(entry);
    if (ecommerce) track(...ecommerce);
  }

  /**
   * Folds the consent signals already in `dataLayer` into `initial`, queues the e-commerce
   * events already there (when the site opted in) and hears every later push.
   */
  function watchDataLayer(initial: Consent, withDefaults: boolean): Consent {
    const layer = (win.dataLayer ??= []);
    let c = initial;
    for (const entry of layer) {
      c = fromConsentMode(entry, c, withDefaults) ?? c;
      const ecommerce = options!.dataLayer && fromDataLayer(entry);
      if (ecommerce) enqueue(() => track(...ecommerce));
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
    if (document.readyState === 'loading') await new Promise((done) => addEventListener('DOMContentLoaded', done));
    await decide();
    started = true;
    emit('ready');
    if (debug) loadDebugPanel();
  }

  function loadDebugPanel() {
    win.vitrineDebug = {
      state: () => ({ consent, visitor, profile: { ...summarize(aggregate, log), source }, decision, force }),
      force: (slot: string, variant: string) => enqueue(() => ((force = { ...force, [slot]: variant }), decide())),
    };
    const script = document.createElement('script');
    script.src = `${options!.endpoint}/sdk-debug.js`;
    document.head.appendChild(script);
  }

  const commands: Record<string, (...args: never[]) => unknown> = {
    async init(o: InitOptions) {
      if (options) return;
      options = { ...o, endpoint: o.endpoint.replace(/\/+$/, '') };
      const saved = readCookie();
      if (saved) {
        ({ visitor, consent } = saved);
        await load();
      }
      const initial = watchDataLayer(o.consent ?? consent, !saved && !o.consent);
      // Still the untouched default: nobody has chosen yet.
      await setConsent(initial, initial !== DENIED);
      addEventListener('online', () => collector.flush());
      addEventListener('pagehide', collector.beacon);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && collector.beacon());
      // Behind whatever the page queued with init (consent, identify, set…): those were
      // enqueued before this task started.
      enqueue(start);
    },
    consent: setConsent,
    track,
    identify(customerId: string, opts?: { signature?: string }) {
      identity = { ...identity, customerId: String(customerId), signature: opts?.signature };
      save('me', identity);
    },
    set(traits: Record<string, unknown>) {
      const merged = { ...identity.traits, ...traits };
      // The edge refuses a whole decide over traits past 8 KB: keep the last good set instead.
      if (JSON.stringify(merged).length > 8192) throw new Error('traits > 8 KB');
      identity = { ...identity, traits: merged };
      save('me', identity);
    },
    decide,
    on(name: string, fn: Listener) {
      (listeners[name] ??= []).push(fn);
      if (name === 'ready' && started) enqueue(fn);
      if (name === 'consent') fn(consentState());
    },
    /** Resolves (and calls back) once everything tracked before it is in IndexedDB. */
    flush: (fn?: () => void) => stored().then(fn),
    forget() {
      known = false;
      const erased = erase();
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
