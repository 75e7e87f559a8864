// The debug panel, a separate bundle the main script loads only under `?vitrine_debug=1`.
// It reads the hook the main script leaves on `window.vitrineDebug` and never touches the
// page outside its own shadow root. It answers "why does this visitor see this?": per
// segment and persona matched or not (with the failing condition), per slot why this
// variant, and the context the edge used. Everything goes in as text.
import type { Profile } from '../../../shared/schema/profile.js';
import type { DecideResponse } from '../decide.js';
import type { Consent } from '../types.js';

/** A condition that did not hold, as the edge explains it. */
export interface Why {
  path: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  /** e.g. "rfm.recencyDays is 80, rule wants $lt 60" */
  message: string;
}

/** What decide adds under `debug: true`. */
export interface DebugInfo {
  variants: Record<string, string[]>;
  context?: Record<string, unknown>;
  segments?: { id: string; name?: string; matched: boolean; why?: Why }[];
  personas?: { id: string; name: string; matched: boolean; why?: Why }[];
  slots?: Record<
    string,
    {
      reason: 'forced' | 'experiment' | 'variant' | 'default';
      variant: string;
      experiment?: { id: string; inAudience: boolean; inTraffic: boolean; arm?: string };
      tried?: { variant: string; why: Why }[];
    }
  >;
}

export interface DebugState {
  consent: Required<Consent>;
  /** Whether the visitor has made a choice at all. */
  known: boolean;
  visitor: string | null;
  /** Absent without personalization consent (no profile is kept), or while its code loads. */
  profile?: Profile;
  decision: (Omit<DecideResponse, 'debug'> & { debug?: DebugInfo }) | null;
  force?: Record<string, string>;
  /** The visitor's recent events: the latest one that names a currency gives the panel's. */
  log: { currency?: unknown }[];
}

interface DebugHook {
  state(): DebugState;
  force(slot: string, variant: string): Promise<unknown>;
}

const hook = (window as unknown as { vitrineDebug?: DebugHook }).vitrineDebug;

type Child = Node | string | null | undefined | false;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

const date = (ms?: number) => (ms === undefined ? '—' : new Date(ms).toLocaleString());
const money = (amount: number | undefined, currency?: unknown) => {
  if (amount === undefined) return '—';
  try {
    if (typeof currency === 'string') return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    /* not an ISO currency code: plain number below */
  }
  return amount.toFixed(2);
};
const plain = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const consentWord = (known: boolean, granted: boolean) => (!known ? 'not given' : granted ? 'granted' : 'denied');

const section = (title: string, ...rows: Child[]) => el('section', {}, el('h3', {}, title), ...rows);
const row = (label: string, ...value: Child[]) => el('div', { class: 'row' }, el('span', { class: 'k' }, label), el('span', { class: 'v' }, ...value));
const mark = (ok: boolean) => el('span', { class: ok ? 'yes' : 'no' }, ok ? '✓ ' : '✗ ');

/** A matched or failed rule (segment or persona) with the condition that failed. */
const ruleLine = (r: { id: string; name?: string; matched: boolean; why?: Why }) =>
  el('li', { 'data-rule': r.id }, mark(r.matched), r.name ? `${r.name} (${r.id})` : r.id, !r.matched && r.why && el('div', { class: 'why' }, r.why.message));

const REASONS = { forced: 'forced (debug)', experiment: 'experiment arm', variant: 'first matching variant', default: 'default: no variant matched' };

/**
 * The variant picker: the ids the edge lists for the slot (it does in debug mode), or a
 * free field for an edge that does not list them.
 */
function variantPicker(current: string, ids: string[] | undefined): HTMLInputElement | HTMLSelectElement {
  if (!ids?.length) return el('input', { placeholder: 'variant id', size: '12', 'aria-label': 'variant id' });
  return el('select', { 'aria-label': 'variant' }, ...ids.map((id) => el('option', id === current ? { value: id, selected: '' } : { value: id }, id)));
}

/** One slot: its variant and why, each variant tried before it with its failing condition, and a picker to force another. */
function slotBlock(name: string, slot: DecideResponse['slots'][string], d: NonNullable<DebugState['decision']>) {
  const why = d.debug?.slots?.[name];
  const picker = variantPicker(slot.variant, d.debug?.variants[name]);
  const button = el('button', { type: 'button' }, 'force');
  button.onclick = () => picker.value && hook!.force(name, picker.value).then(render);
  const x = why?.experiment;
  return el(
    'div',
    { class: 'slot', 'data-slot': name },
    el('div', {}, el('b', {}, name), ` → ${slot.variant}${slot.experiment ? ` (experiment ${slot.experiment})` : ''}${slot.forced ? ' [forced]' : ''}`),
    why && el('div', { class: 'reason' }, REASONS[why.reason] ?? why.reason),
    x && el('div', { class: 'reason' }, `experiment ${x.id}: ${x.inAudience ? 'in' : 'not in'} its audience, ${x.inTraffic ? 'in' : 'not in'} its traffic${x.arm ? `, arm ${x.arm}` : ''}`),
    !!why?.tried?.length && el('ul', {}, ...why.tried.map((t) => el('li', {}, mark(false), `${t.variant}: `, el('span', { class: 'why' }, t.why.message)))),
    el('div', { class: 'force' }, picker, ' ', button),
  );
}

function profileRows(p: Profile, currency?: unknown) {
  const o = p.purchases;
  return [
    row('first seen', date(p.firstSeen)),
    row('sessions / page views', `${p.sessions ?? 0} / ${p.pageviews ?? 0}`),
    o && row('purchases', `${o.count}, ${money(o.revenue, currency)}`, o.last ? `, last ${date(o.last)}` : ''),
    p.cart && row('cart', `${p.cart.items} items, ${money(p.cart.value, currency)}`, p.cart.updated ? `, ${date(p.cart.updated)}` : ''),
    p.source && row('source', `first ${p.source.first ?? '—'}, last ${p.source.last ?? '—'}`),
    p.prices && row('prices viewed', `avg ${money(p.prices.avgViewed, currency)}, max ${money(p.prices.maxViewed, currency)}`),
    ...Object.entries(p.categories ?? {}).map(([name, c]) =>
      row(`· ${name}`, `${c.views ?? 0} views, ${c.carts ?? 0} carts, ${c.purchases ?? 0} bought`, c.maxViewedPrice !== undefined ? `, max ${money(c.maxViewedPrice, currency)}` : ''),
    ),
    !!p.viewed?.length && row('viewed', p.viewed.join(', ')),
    !!p.purchased?.length && row('bought', p.purchased.join(', ')),
  ];
}

const STYLE = `:host{all:initial;position:fixed;right:12px;bottom:12px;z-index:2147483647;width:380px;max-height:75vh;display:flex;flex-direction:column;background:#fff;color:#1a1a1a;border:1px solid #999;border-radius:6px;font:13px/1.45 system-ui,sans-serif;box-shadow:0 4px 18px #0005}
header{display:flex;align-items:center;gap:8px;padding:6px 10px;background:#1a1a1a;color:#fff;cursor:move;user-select:none;border-radius:5px 5px 0 0}
header b{flex:1}header button{all:unset;cursor:pointer;font-size:18px;line-height:1;padding:0 4px}
main{overflow:auto;padding:4px 10px 10px}h3{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#666;margin:12px 0 4px}
.row{display:flex;gap:8px}.k{color:#555;min-width:120px}.v{flex:1;overflow-wrap:anywhere}
ul{margin:2px 0;padding-left:16px}.yes{color:#17803d}.no{color:#b3261e}.why{color:#b3261e;font-size:12px}
.slot{border-top:1px solid #eee;padding:6px 0}.reason{color:#444;font-size:12px}.force{margin-top:4px}`;

const host = el('div', { id: 'vitrine-debug', role: 'dialog', 'aria-label': 'Vitrine debug' });
const shadow = host.attachShadow({ mode: 'open' });

/** Dragging the header moves the panel; it stays where it was put while it re-renders. */
function movable(header: HTMLElement) {
  header.onpointerdown = (down) => {
    if ((down.target as HTMLElement).closest('button')) return;
    const box = host.getBoundingClientRect();
    const dx = down.clientX - box.left;
    const dy = down.clientY - box.top;
    header.setPointerCapture(down.pointerId);
    header.onpointermove = (move) => {
      Object.assign(host.style, { left: `${move.clientX - dx}px`, top: `${move.clientY - dy}px`, right: 'auto', bottom: 'auto' });
    };
    header.onpointerup = () => (header.onpointermove = null);
  };
}

function render() {
  const { consent, known, visitor, profile, decision: d, force, log } = hook!.state();
  const own = log.reduce<unknown>((c, e) => e.currency ?? c, undefined);
  const debug = d?.debug;
  const currency = own ?? debug?.context?.currency;
  const close = el('button', { type: 'button', 'aria-label': 'Close' }, '×');
  close.onclick = () => host.remove();
  const header = el('header', {}, el('b', {}, 'Vitrine debug'), close);
  movable(header);
  shadow.replaceChildren(
    el('style', {}, STYLE),
    header,
    el(
      'main',
      {},
      section('Consent', ...(['analytics', 'personalization', 'ads', 'email'] as const).map((p) => row(p, consentWord(known, consent[p])))),
      row('visitor', visitor ?? '(none: no consent)'),
      force && row('forced', `${Object.entries(force).map(([s, v]) => `${s}: ${v}`).join(', ')} — these views are flagged and never counted`),
      section('Slots', ...Object.entries(d?.slots ?? {}).map(([name, slot]) => slotBlock(name, slot, d!))),
      section(
        'Segments',
        debug?.segments ? el('ul', {}, ...debug.segments.map(ruleLine)) : row('in', d?.segments.join(', ') || '(none)'),
      ),
      section('Persona', debug?.personas ? el('ul', {}, ...debug.personas.map(ruleLine)) : row('persona', d?.persona?.name ?? '(none)')),
      d?.rfm && section('RFM', row('segment', d.rfm.segment), row('cell', `R${d.rfm.r} F${d.rfm.f} M${d.rfm.m}`), row('recency', `${d.rfm.recencyDays} days`), row('value', money(d.rfm.monetary, currency))),
      section('Context the edge used', ...Object.entries(debug?.context ?? d?.context ?? {}).map(([k, v]) => row(k, plain(v)))),
      section('Profile', ...(profile ? profileRows(profile, currency) : [row('profile', consent.personalization ? '(loading)' : '(none: no personalization consent)')])),
    ),
  );
}

if (hook) {
  render();
  document.body.appendChild(host);
  // Every later decision (a consent change, a forced variant, a client-side navigation) shows too.
  (window as unknown as { vitrine: (command: string, ...args: unknown[]) => unknown }).vitrine('on', 'decision', () => host.isConnected && render());
}
