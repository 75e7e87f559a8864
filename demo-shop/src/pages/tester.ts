/**
 * The variant tester: load a persona's synthetic history, force variants, reset. It works
 * only through the SDK's public commands, like any shop would.
 */
import type { Consent } from '../../../shared/schema/common.js';
import type { DecideResponse } from '../../../shared/schema/decide.js';
import config from '../../vitrine.config.json';
import { addToCart, clearCart } from '../cart.js';
import { $, setText } from '../dom.js';
import { fastForward, replayPast } from '../fast-forward.js';
import { PERSONAS, personaEvents, type PersonaScript } from '../personas.js';
import { proxied, shopUrl } from '../route.js';
import { vitrine } from '../vitrine.js';

/** The page each slot lives on, for force links. */
const SLOT_PAGES: Record<string, string> = {
  hero: '/',
  recommended: '/',
  banner: '/',
  'also-bought': '/product.html?id=the-quiet-witness',
  'shipping-nudge': '/cart.html',
};

/** Whether pages open through the edge's proxy (personalized HTML) or as the shop serves them (script only). */
const viaProxy = () => $<HTMLInputElement>('[data-serve="proxy"]').checked;

/** Resolves once the SDK has loaded and run its first decide. */
const sdkReady = () => new Promise<void>((resolve) => vitrine('on', 'ready', resolve));

async function loadPersona(persona: PersonaScript): Promise<void> {
  setText('[data-tester-status]', `Loading “${persona.label}”…`);
  await sdkReady();
  await window.vitrine('forget');
  // Email too: the journeys' mails in the outbox are marketing mail.
  const consent = { analytics: true, personalization: true, email: true };
  await window.vitrine('consent', consent);
  clearCart();
  for (const line of persona.cart ?? []) addToCart(line.id, line.qty, line.size);
  // Each event with its own time in the past; commands run in order, so no await between them.
  const events = personaEvents(persona, Date.now());
  for (const event of events) vitrine('track', event.name, event.params, { ts: event.ts });
  if (persona.traits) vitrine('set', persona.traits);
  // Leaving the page before the history is in IndexedDB would lose it.
  await window.vitrine('flush');
  await replayPast(events, consent);
  location.href = shopUrl(persona.landing, viaProxy());
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

function linkItem(href: string, text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.appendChild(Object.assign(document.createElement('a'), { href, textContent: text }));
  return li;
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
      return linkItem(`${page}${page.includes('?') ? '&' : '?'}vitrine_force=${slot}:${id}&vitrine_debug=1`, `${slot} → ${id}`);
    }),
  );
}

/** The weather a preview can ask for (`@weather:<condition>`): the edge uses it instead of the forecast. */
function renderWeatherLinks(): void {
  $('[data-weather-links]').replaceChildren(
    ...['rain', 'snow', 'clear'].map((condition) => linkItem(`/?vitrine_force=@weather:${condition}&vitrine_debug=1`, condition)),
  );
}

function showConsent(c: Consent | null): void {
  setText('[data-show="consent"]', c ? `analytics ${c.analytics ? 'on' : 'off'}, personalisation ${c.personalization ? 'on' : 'off'}` : 'not given');
}

function showDecision(d: DecideResponse): void {
  setText('[data-show="persona"]', d.persona?.name ?? 'none');
  setText('[data-show="segments"]', d.segments.join(', ') || 'none');
  setText('[data-show="rfm"]', d.rfm ? `${d.rfm.segment} (R${d.rfm.r} F${d.rfm.f} M${d.rfm.m})` : 'no purchases (or no consent)');
  setText('[data-show="source"]', d.context.source);
  setText('[data-show="version"]', d.configVersion);
}

/** The serving choice starts as this page's own side; the link opens the tester on the other one. */
function wireServeMode(): void {
  $<HTMLInputElement>(`[data-serve="${proxied() ? 'proxy' : 'script'}"]`).checked = true;
  const other = $<HTMLAnchorElement>('[data-serve-other]');
  other.href = shopUrl('/tester.html', !proxied());
  other.textContent = proxied() ? 'Open the tester without the proxy' : 'Open the tester through the proxy';
}

export function testerPage(): void {
  wireServeMode();
  renderPersonas();
  renderForceLinks();
  renderWeatherLinks();
  vitrine('on', 'consent', showConsent);
  vitrine('on', 'decision', showDecision);
  $('[data-fast-forward]').addEventListener('click', () => void fastForward('[data-tester-status]'));
  $('[data-reset]').addEventListener('click', async () => {
    await sdkReady();
    await window.vitrine('forget');
    clearCart();
    location.href = shopUrl('/', viaProxy());
  });
}
