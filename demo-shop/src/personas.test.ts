import { describe, expect, it } from 'vitest';
import { evaluate } from '../../edge/src/decide/decide.js';
import { renderResponse } from '../../edge/src/decide/render.js';
import { edgeContext } from '../../edge/src/decide/context.js';
import { makeEvent } from '../../sdk/src/events.js';
import { acceptsTs } from '../../sdk/src/log.js';
import { emptyAggregate } from '../../sdk/src/aggregate.js';
import { summarize } from '../../sdk/src/summary.js';
import { validateConfig } from '../../shared/config/validate.js';
import { demoConfig } from '../builder-personas.mjs';
import { PERSONAS, findPersona, personaEvents } from './personas.js';

const NOW = Date.UTC(2026, 9, 15, 12);
const ORIGIN = 'http://localhost:8787';
/** What `npm start` pushes: the file with the persona builder's personas. */
const config = demoConfig();

/** The tester's persona, as the SDK would summarise it and the edge would decide for it. */
function decisionFor(personaId: string) {
  const validated = validateConfig(config);
  if (!validated.ok) throw new Error('config does not validate');
  const persona = findPersona(personaId)!;
  // The SDK records the landing page's view before it asks for a decision.
  const landing = { ts: NOW, name: 'page_view', params: { page_location: ORIGIN + persona.landing } };
  const events = [...personaEvents(persona, NOW), landing].map((e) => makeEvent(e.name, e.params, e.ts));
  const profile = summarize(emptyAggregate(), events);
  const request = {
    site: 'demo-shop',
    visitor: 'persona0000000001',
    consent: { analytics: true, personalization: true },
    context: { url: ORIGIN + persona.landing, referrer: '' },
    profile,
    traits: persona.traits,
  };
  const context = edgeContext(request, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140' }, NOW);
  // The pipeline's pure steps (no catalog, no identity): what the rules pick for this visitor.
  const evaluation = evaluate({ compiled: validated.compiled, request, context, now: NOW });
  return renderResponse({ compiled: validated.compiled, version: 'test', evaluation, context, products: [], tokens: new Map() });
}

describe('tester personas land where the tester says', () => {
  it.each([
    // persona, segment it must be in, builder persona (by the RFM cell of the browser's own
    // purchases: none without any), hero variants allowed, banner variant
    ['thriller-lover', 'thriller-lovers', null, ['control', 'quotes'], 'default'],
    ['dress-traded-down', 'dress-traded-down', 'One-time children buyers', ['dress-in-your-size'], 'default'],
    ['champion', 'champions', 'Loyal thriller buyers', ['champions'], 'default'],
    ['at-risk', 'at-risk-customers', 'Loyal big-basket dress and jacket buyers', ['win-back'], 'default'],
    ['cart-abandoner', 'cart-abandoners', null, ['default'], 'cart-reminder'],
    ['email-visitor', 'from-email', null, ['default'], 'from-email'],
    ['new-visitor', 'new-visitors', null, ['welcome'], 'default'],
  ])('%s → segment %s, persona %s, hero %j, banner %s', (id, segment, personaName, heroes, banner) => {
    const d = decisionFor(id);
    expect(d.segments).toContain(segment);
    expect(d.persona?.name ?? null).toBe(personaName);
    expect(heroes).toContain(d.slots.hero.variant);
    expect(d.slots.banner.variant).toBe(banner);
  });

  it('puts the RFM cells where the stories say: champions recent and frequent, at-risk quiet for ~2.5 months', () => {
    expect(decisionFor('champion').rfm).toMatchObject({ segment: 'champions', r: 5, f: 5 });
    expect(decisionFor('at-risk').rfm).toMatchObject({ segment: 'at-risk', recencyDays: 75 });
  });

  it('fills the cart reminder with what the abandoned cart holds', () => {
    expect(decisionFor('cart-abandoner').slots.banner.content?.body).toContain('The €107.50 of books and clothes in your cart');
  });

  it('shows the traded-down dress buyer dresses in the size they wanted', () => {
    expect(decisionFor('dress-traded-down').slots.hero.content?.headline).toBe('More dresses in size M');
  });

  it('writes every history oldest first, all in the past, and within what the SDK accepts as backdated', () => {
    for (const persona of PERSONAS) {
      const ts = personaEvents(persona, NOW).map((e) => e.ts);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
      expect(ts.every((t) => t < NOW)).toBe(true);
      expect(ts.filter((t) => !acceptsTs(t, NOW, emptyAggregate()))).toEqual([]);
    }
  });
});
