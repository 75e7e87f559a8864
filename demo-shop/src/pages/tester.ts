/**
 * The variant tester: load a persona's synthetic history, force variants, reset. It works
 * only through the SDK's public commands, like any shop would.
 */
import type { DecideResponse } from '../../../shared/schema/decide.js';
import config from '../../vitrine.config.json';
import { addToCart, clearCart } from '../cart.js';
import { grantedConsent } from '../consent-banner.js';
import { $, setText } from '../dom.js';
import { PERSONAS, personaEvents, type PersonaScript, type SyntheticEvent } from '../personas.js';
import { vitrine } from '../vitrine.js';

/** The page each slot lives on, for force links. */
const SLOT_PAGES: Record<string, string> = {
  hero: '/',
  recommended: '/',
  banner: '/',
  'also-bought': '/product.html?id=the-quiet-witness',
  'shipping-nudge': '/cart.html',
};

/** Resolves once the SDK has loaded and run its first decide. */
const sdkReady = () => new Promise<void>((resolve) => vitrine('on', 'ready', resolve));

/**
 * Records an event at a past moment. The SDK stamps events with `Date.now()` and offers no
 * way to pass a timestamp, so the clock is set back for exactly the one command (commands
 * run one at a time, and this awaits it) — a stop-gap until `track` takes a `ts`.
 */
async function trackAt(event: SyntheticEvent): Promise<void> {
  const realNow = Date.now;
  Date.now = () => event.ts;
  try {
    await window.vitrine('track', event.name, event.params);
  } finally {
    Date.now = realNow;
  }
}

/**
 * Resolves once the SDK's pending IndexedDB writes have landed: a read-only transaction
 * starts only after the read-write ones created before it on the same store (IndexedDB
 * spec), and leaving the page earlier would abort them. Names the SDK's database
 * (`vitrine`, store `kv`, sdk/src/storage.ts) until `track` can say when it has stored.
 */
function storageSettled(): Promise<void> {
  return new Promise((resolve) => {
    const open = indexedDB.open('vitrine');
    open.onerror = () => resolve();
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kv')) return db.close(), resolve();
      const tx = db.transaction('kv', 'readonly');
      tx.oncomplete = tx.onerror = tx.onabort = () => (db.close(), resolve());
    };
  });
}

async function loadPersona(persona: PersonaScript): Promise<void> {
  setText('[data-tester-status]', `Loading “${persona.label}”…`);
  await sdkReady();
  await window.vitrine('forget');
  await window.vitrine('consent', { analytics: true, personalization: true });
  clearCart();
  for (const line of persona.cart ?? []) addToCart(line.id, line.qty, line.size);
  for (const event of personaEvents(persona, Date.now())) await trackAt(event);
  if (persona.traits) await window.vitrine('set', persona.traits);
  await storageSettled();
  location.href = persona.landing;
}

function renderPersonas(): void {
  const template = $<HTMLTemplateElement>('[data-persona-template]');
  const list = $('[data-personas]');
  for (const persona of PERSONAS) {
    const item = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    item.dataset.persona = persona.id;
    setText('[data-persona-label]', persona.label, item);
    setText('[data-persona-story]', persona.story, item);
    setText('[data-persona-expect]', `Expect: ${persona.expect}`, item);
    $('[data-load-persona]', item).addEventListener('click', () => void loadPersona(persona));
    list.appendChild(item);
  }
}

/** One link per variant and experiment arm in the demo config, opening its page forced. */
function renderForceLinks(): void {
  const links: [string, string][] = [];
  for (const [slot, spec] of Object.entries(config.slots) as [string, { variants?: { id: string }[] }][]) {
    for (const id of ['default', ...(spec.variants ?? []).map((v) => v.id)]) links.push([slot, id]);
  }
  for (const exp of config.experiments) for (const arm of exp.variants) links.push([exp.slot, arm.id]);
  $('[data-force-links]').replaceChildren(
    ...links.map(([slot, id]) => {
      const page = SLOT_PAGES[slot] ?? '/';
      const href = `${page}${page.includes('?') ? '&' : '?'}vitrine_force=${slot}:${id}&vitrine_debug=1`;
      const a = Object.assign(document.createElement('a'), { href, textContent: `${slot} → ${id}` });
      const li = document.createElement('li');
      li.appendChild(a);
      return li;
    }),
  );
}

function showConsent(): void {
  const c = grantedConsent();
  setText('[data-show="consent"]', c ? `analytics ${c.analytics ? 'on' : 'off'}, personalisation ${c.personalization ? 'on' : 'off'}` : 'not given');
}

function showDecision(d: DecideResponse): void {
  showConsent();
  setText('[data-show="persona"]', d.persona?.name ?? 'none');
  setText('[data-show="segments"]', d.segments.join(', ') || 'none');
  setText('[data-show="rfm"]', d.rfm ? `${d.rfm.segment} (R${d.rfm.r} F${d.rfm.f} M${d.rfm.m})` : 'no purchases (or no consent)');
  setText('[data-show="source"]', d.context.source);
  setText('[data-show="version"]', d.configVersion);
}

export function testerPage(): void {
  renderPersonas();
  renderForceLinks();
  showConsent();
  vitrine('on', 'decision', showDecision);
  $('[data-reset]').addEventListener('click', async () => {
    await sdkReady();
    await window.vitrine('forget');
    clearCart();
    location.href = '/';
  });
}
