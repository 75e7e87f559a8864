import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath, validateConfig } from '../shared/config/validate.js';
import { ProductSchema } from '../shared/schema/catalog.js';
import { HERO_NAMES } from './build/heroes.mjs';
import catalog from './catalog.json';
import { FREE_SHIPPING_FROM, SHIPPING_FEE } from './src/cart.js';
import config from './vitrine.config.json';

const here = import.meta.dirname;
const productIds = new Set(catalog.map((p) => p.id));

describe('demo-shop/vitrine.config.json', () => {
  it('passes the schema and the rule compiler', () => {
    const result = validateConfig(config);
    const issues = result.ok ? [] : result.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    expect(issues).toEqual([]);
  });

  it('names only products that are in the catalog', () => {
    const slots = Object.values(config.slots) as { recommendations?: { manual?: { ids: string[] }[] } }[];
    const manual = slots.flatMap((s) => s.recommendations?.manual ?? []);
    const named = [...config.recommendations.bestsellers, ...manual.flatMap((m) => m.ids)];
    expect(named.filter((id) => !productIds.has(id))).toEqual([]);
  });

  it('uses only hero pictures the build draws', () => {
    const text = JSON.stringify(config);
    const srcs = [...text.matchAll(/"src":\s*"\/img\/hero\/([a-z-]+)\.svg"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(5);
    expect(srcs.filter((name) => !HERO_NAMES.includes(name))).toEqual([]);
  });

  it("plays the seeds' three timed plans through the local outbox", () => {
    const byId = Object.fromEntries(config.journeys.map((j) => [j.id, j]));
    // The reminder waits exactly as long as the config calls a cart abandoned.
    expect(byId['cart-reminder'].wait).toBe(`${config.cart.abandonAfterMinutes}m`);
    expect(byId['cart-reminder'].cancelIf).toEqual({ event: 'purchase' });
    expect(byId['we-miss-you'].wait).toEqual({ personaMedianGap: true, fallback: '45d' });
    expect(byId['free-shipping-week']).toMatchObject({ wait: '75d', only: { segments: 'at-risk-customers' } });
    expect(new Set(config.journeys.map((j) => j.send.webhook))).toEqual(new Set(['outbox']));
  });

  it("states the experiment's hypothesis as goal, audience, change and expected effect", () => {
    const [experiment] = config.experiments;
    expect(Object.keys(experiment.hypothesis).sort()).toEqual(['audience', 'change', 'expectedEffect', 'goal']);
  });

  // Without Vitrine the page shows its own HTML; with it, the config's default. They must agree.
  it.each([
    ['index.html', 'hero', config.slots.hero.default],
    ['index.html', 'recommended', config.slots.recommended.default],
    ['cart.html', 'shipping-nudge', config.slots['shipping-nudge'].default],
    ['layout.html', 'banner', config.slots.banner.default],
  ])('the default copy of %s slot "%s" matches the config', (file, _slot, content) => {
    const html = readFileSync(join(here, 'src/html', file), 'utf8').replace(/&amp;/g, '&');
    for (const [field, value] of Object.entries(content as Record<string, string | { label?: string; src?: string }>)) {
      const text = typeof value === 'string' ? value : (value.label ?? value.src);
      if (text) expect(html, `field ${field}`).toContain(text);
    }
  });
});

describe('the free-shipping threshold', () => {
  const threshold = config.cart.freeShippingAbove;
  /** Every euro amount in a sentence about shipping, but the fee below the threshold. */
  const amounts = (text: string) =>
    text
      .split(/\.\s|[·\n]|<\/?\w+[^>]*>/)
      .filter((sentence) => /shipping|ships/i.test(sentence))
      .flatMap((sentence) => [...sentence.matchAll(/€\s?(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1])))
      .filter((amount) => amount !== SHIPPING_FEE);

  it("has one source, the config's cart.freeShippingAbove, which the shop's cart uses", () => {
    expect(FREE_SHIPPING_FROM).toBe(threshold);
  });

  it('is the amount every shipping sentence in the config and the pages names', () => {
    const texts = [JSON.stringify(config), ...['layout.html', 'index.html', 'cart.html', 'checkout.html'].map((f) => readFileSync(join(here, 'src/html', f), 'utf8'))];
    const named = texts.flatMap(amounts);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((amount) => amount !== threshold)).toEqual([]);
  });

  it('is what the shipping nudge reads, through cart.toFreeShipping, not a second copy', () => {
    const nudge = JSON.stringify(config.slots['shipping-nudge'].variants.map((v) => v.when));
    expect(nudge).toContain('cart.toFreeShipping');
    expect(nudge).not.toContain(String(threshold));
  });
});

describe('demo-shop/catalog.json', () => {
  it('holds 60–120 valid products with unique ids and local images', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(60);
    expect(catalog.length).toBeLessThanOrEqual(120);
    expect(productIds.size).toBe(catalog.length);
    for (const product of catalog) {
      expect(ProductSchema.safeParse(product).success, product.id).toBe(true);
      expect(product.image).toBe(`/img/p/${product.id}.svg`);
    }
  });

  it("has the seeds' two dresses: €99.50 sold out in M, €49.50 in stock in M; and reviewer-backed thrillers", () => {
    const stockIn = (p: (typeof catalog)[number], size: string) => p.variants?.find((v) => v.size === size)?.stock;
    const dresses = catalog.filter((p) => p.category === 'dresses' && p.inStock);
    expect(dresses.find((p) => p.price === 99.5 && stockIn(p, 'M') === 0 && p.variants!.some((v) => v.stock > 0))).toBeDefined();
    expect(dresses.find((p) => p.price === 49.5 && stockIn(p, 'M')! > 0)).toBeDefined();
    expect(catalog.filter((p) => p.category === 'thrillers' && 'reviewQuote' in p.attributes).length).toBeGreaterThanOrEqual(6);
  });
});
