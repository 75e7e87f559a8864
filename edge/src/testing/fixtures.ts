import type { ConfigInput } from '../../../shared/schema/config.js';

export const ADMIN = { Authorization: 'Bearer test-admin-token' };
export const ORIGIN = 'https://shop.example';

/** A small but complete site config; each test file uses its own site id. */
export function siteConfig(site: string, extra: Partial<ConfigInput> = {}): ConfigInput {
  return {
    site,
    origins: [ORIGIN],
    cart: { abandonAfterMinutes: 30, freeShippingAbove: 40 },
    segments: [
      { id: 'thriller-lovers', name: 'Thriller lovers', when: { 'categories.thrillers.views': { $gte: 3 } } },
      { id: 'big-spenders', when: { 'rfm.m': { $gte: 4 } } },
      { id: 'vip-thriller', when: { $and: [{ segments: 'thriller-lovers' }, { segments: 'big-spenders' }] } },
      { id: 'dress-traders', when: { 'categories.dresses.tradedDown': true } },
      { id: 'from-email', when: { 'context.source': 'email' } },
    ],
    personas: [
      { id: 'collector', name: 'The collector', when: { segments: 'vip-thriller' } },
      { id: 'reader', name: 'The reader', when: { segments: 'thriller-lovers' } },
    ],
    slots: {
      hero: {
        default: { headline: 'New in this week', body: 'Books and clothes we love.', cta: { label: 'Shop now', href: '/new' } },
        variants: [
          { id: 'email', when: { segments: 'from-email' }, content: { headline: 'Welcome back from our newsletter' } },
          { id: 'thrillers', when: { segments: 'thriller-lovers' }, content: { headline: 'More thrillers for you, {{context.city|reader}}' } },
        ],
      },
      nudge: {
        default: { body: 'Free shipping above €40' },
        variants: [
          { id: 'almost', when: { 'cart.toFreeShipping': { $gt: 0, $lte: 15 } }, content: { body: 'Only €{{cart.toFreeShipping}} more for free shipping' } },
          { id: 'abandoned', when: { 'cart.abandoned': true }, content: { body: 'Your {{cart.items}} items are still waiting' } },
        ],
      },
    },
    ...extra,
  };
}

export function decideBody(site: string, extra: Record<string, unknown> = {}) {
  return {
    site,
    visitor: 'visitor-0001',
    consent: { analytics: true, personalization: true },
    context: { url: 'https://shop.example/', referrer: '', language: 'nl-NL', timezone: 'Europe/Amsterdam' },
    ...extra,
  };
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`https://edge.example${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function put(path: string, body: unknown, headers: Record<string, string> = ADMIN): Request {
  return new Request(`https://edge.example${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
