import { describe, expect, it } from 'vitest';
import type { DecideResponse, SlotDecision } from '../../../shared/schema/decide.js';
import { decisionBlock, injectDecision } from './inject.js';
import { renderSlots, type Learned, type View } from './slots.js';

const decision = (slots: Record<string, SlotDecision>): DecideResponse => ({
  configVersion: 'v1',
  segments: [],
  persona: null,
  rfm: null,
  context: { country: null, region: null, city: null, device: 'desktop', source: 'direct' },
  slots,
  experiments: [],
});

const render = (html: string, slots: Record<string, SlotDecision>) => renderSlots(new HTMLRewriter(), decision(slots)).transform(new Response(html)).text();

const ITEMS = [
  { id: 'the-salt-house', name: 'The Salt <House>', category: 'thrillers', price: 18.5, image: '/img/salt.svg', url: '/product.html?id=the-salt-house&from=recs', reason: 'also bought' },
  { id: 'evil', name: 'Evil', category: 'thrillers', price: 3, image: 'javascript:alert(1)', url: 'javascript:alert(2)', reason: 'x' },
];
const CARD = '<template><article class="card"><a data-vitrine-field="url" href="#"><img data-vitrine-field="image" src="/placeholder.svg" alt=""><h3 data-vitrine-field="name">Name</h3></a> <b data-vitrine-field="price">0.00</b> <small data-vitrine-field="reason"></small></article></template>';

describe('slot rendering at the edge, by the SDK’s rules', () => {
  it.each([
    [
      'a text field gets the copy as text, HTML in it shown as text',
      '<div data-vitrine-slot="hero"><h1 data-vitrine-field="headline">Old <em>copy</em></h1></div>',
      { hero: { variant: 'v', content: { headline: '<img src=x onerror=alert(1)> & more' } } },
      '<div data-vitrine-slot="hero" data-vitrine-variant="v"><h1 data-vitrine-field="headline">&lt;img src=x onerror=alert(1)&gt; &amp; more</h1></div>',
    ],
    [
      'an image gets src and alt (quotes and ampersands escaped once)',
      '<div data-vitrine-slot="hero"><img data-vitrine-field="image" src="/d.svg" alt="d"></div>',
      { hero: { variant: 'v', content: { image: { src: '/t.svg?a=1&b=2', alt: 'A "quoted" & <b>' } } } },
      '<div data-vitrine-slot="hero" data-vitrine-variant="v"><img data-vitrine-field="image" src="/t.svg?a=1&amp;b=2" alt="A &quot;quoted&quot; &amp; <b>"></div>',
    ],
    [
      'a link gets href and label; alt is for images only',
      '<div data-vitrine-slot="hero"><a data-vitrine-field="cta" href="/d">Default</a></div>',
      { hero: { variant: 'v', content: { cta: { label: 'Go <now>', href: 'https://shop.example/x', alt: 'ignored' } as never } } },
      '<div data-vitrine-slot="hero" data-vitrine-variant="v"><a data-vitrine-field="cta" href="https://shop.example/x">Go &lt;now&gt;</a></div>',
    ],
    [
      'a javascript: URL is never set; the label still is',
      '<div data-vitrine-slot="hero"><a data-vitrine-field="cta" href="/d">Default</a><img data-vitrine-field="image" src="/d.svg"></div>',
      { hero: { variant: 'v', content: { cta: { label: 'Click', href: 'javascript:alert(1)' }, image: { src: ' javascript:alert(1)', alt: 'a' } } } },
      '<div data-vitrine-slot="hero" data-vitrine-variant="v"><a data-vitrine-field="cta" href="/d">Click</a><img data-vitrine-field="image" src="/d.svg" alt="a"></div>',
    ],
    [
      'a link value on an element that is not a link: only the label',
      '<div data-vitrine-slot="hero"><button data-vitrine-field="cta">Default</button></div>',
      { hero: { variant: 'v', content: { cta: { label: 'Buy', href: '/buy' } } } },
      '<div data-vitrine-slot="hero" data-vitrine-variant="v"><button data-vitrine-field="cta">Buy</button></div>',
    ],
    [
      'fields the content does not name keep their default; the variant is set',
      '<div data-vitrine-slot="hero"><h1 data-vitrine-field="headline">Keep</h1><p data-vitrine-field="body">Old</p></div>',
      { hero: { variant: 'default', content: { body: 'New' } } },
      '<div data-vitrine-slot="hero" data-vitrine-variant="default"><h1 data-vitrine-field="headline">Keep</h1><p data-vitrine-field="body">New</p></div>',
    ],
    [
      'slots the decision does not name, or named like __proto__, stay as they are',
      '<div data-vitrine-slot="other"><p data-vitrine-field="body">a</p></div><div data-vitrine-slot="__proto__"><p data-vitrine-field="body">b</p></div>',
      { hero: { variant: 'v', content: { body: 'New' } } },
      '<div data-vitrine-slot="other"><p data-vitrine-field="body">a</p></div><div data-vitrine-slot="__proto__"><p data-vitrine-field="body">b</p></div>',
    ],
    [
      'fields outside any slot, in a template or in an earlier item are not slot content',
      '<p data-vitrine-field="body">outside</p><div data-vitrine-slot="hero"><template><p data-vitrine-field="body">t</p></template><div data-vitrine-item="x"><p data-vitrine-field="body">i</p></div><p data-vitrine-field="body">in</p></div>',
      { hero: { variant: 'v', content: { body: 'New' } } },
      '<p data-vitrine-field="body">outside</p><div data-vitrine-slot="hero" data-vitrine-variant="v"><template><p data-vitrine-field="body">t</p></template><div data-vitrine-item="x"><p data-vitrine-field="body">i</p></div><p data-vitrine-field="body">New</p></div>',
    ],
    [
      'the slot element can be a field itself',
      '<h2 data-vitrine-slot="banner" data-vitrine-field="body">Old</h2>',
      { banner: { variant: 'b', content: { body: 'New' } } },
      '<h2 data-vitrine-slot="banner" data-vitrine-field="body" data-vitrine-variant="b">New</h2>',
    ],
    [
      'nested slots: the inner slot’s value wins where it names the field, the outer’s elsewhere',
      '<div data-vitrine-slot="outer"><div data-vitrine-slot="inner"><p data-vitrine-field="a">1</p><p data-vitrine-field="b">2</p></div></div>',
      { outer: { variant: 'o', content: { a: 'outer a', b: 'outer b' } }, inner: { variant: 'i', content: { a: 'inner a' } } },
      '<div data-vitrine-slot="outer" data-vitrine-variant="o"><div data-vitrine-slot="inner" data-vitrine-variant="i"><p data-vitrine-field="a">inner a</p><p data-vitrine-field="b">outer b</p></div></div>',
    ],
    [
      'a number is shown as text',
      '<div data-vitrine-slot="nudge"><b data-vitrine-field="amount">0</b></div>',
      { nudge: { variant: 'v', content: { amount: 12.5 as never } } },
      '<div data-vitrine-slot="nudge" data-vitrine-variant="v"><b data-vitrine-field="amount">12.5</b></div>',
    ],
  ])('%s', async (_name, html, slots, expected) => {
    expect(await render(html, slots as Record<string, SlotDecision>)).toBe(expected);
  });

  it('renders recommendation items from the slot’s template and drops earlier items', async () => {
    const html = `<section data-vitrine-slot="recs"><h2 data-vitrine-field="headline">Bestsellers</h2><div class="grid"><article data-vitrine-item="old">old</article>${CARD}</div></section>`;
    const out = await render(html, { recs: { variant: 'default', content: { headline: 'For you' }, items: ITEMS } });
    expect(out).toBe(
      '<section data-vitrine-slot="recs" data-vitrine-variant="default"><h2 data-vitrine-field="headline">For you</h2><div class="grid">' +
        CARD +
        '<article class="card" data-vitrine-item="the-salt-house"><a data-vitrine-field="url" href="/product.html?id=the-salt-house&amp;from=recs"><img data-vitrine-field="image" src="/img/salt.svg" alt="The Salt <House>"><h3 data-vitrine-field="name">The Salt &lt;House&gt;</h3></a> <b data-vitrine-field="price">18.50</b> <small data-vitrine-field="reason">also bought</small></article>' +
        '<article class="card" data-vitrine-item="evil"><a data-vitrine-field="url" href="#"><img data-vitrine-field="image" src="/placeholder.svg" alt="Evil"><h3 data-vitrine-field="name">Evil</h3></a> <b data-vitrine-field="price">3.00</b> <small data-vitrine-field="reason">x</small></article>' +
        '</div></section>',
    );
  });

  it('keeps the origin’s quoting and entities in a template it clones', async () => {
    const html = `<ul data-vitrine-slot="recs"><template>\n  <li title='say "hi"' data-x="a&amp;b"><span data-vitrine-field="name"></span><br>&copy; shop</li>\n  <li>second element, not cloned</li></template></ul>`;
    const out = await render(html, { recs: { variant: 'default', items: [ITEMS[0]] } });
    expect(out).toContain('</template><li title="say &quot;hi&quot;" data-x="a&amp;b" data-vitrine-item="the-salt-house"><span data-vitrine-field="name">The Salt &lt;House&gt;</span><br>&copy; shop</li></ul>');
  });

  it('a slot with items but no template shows no items, as with the SDK', async () => {
    const out = await render('<ul data-vitrine-slot="recs"><li>static</li></ul>', { recs: { variant: 'default', items: ITEMS } });
    expect(out).toBe('<ul data-vitrine-slot="recs" data-vitrine-variant="default"><li>static</li></ul>');
  });
});

describe('what a view knows and finds out', () => {
  const PAGE = `<section data-vitrine-slot="recs"><h2 data-vitrine-field="headline">x</h2><div>${CARD}</div></section><div data-vitrine-slot="hero"><h1 data-vitrine-field="headline">Old</h1></div>`;
  const slots = { recs: { variant: 'r', content: { headline: 'For you' }, items: ITEMS }, hero: { variant: 'h', content: { headline: 'New' } } };
  const renderWith = async (view: View) => {
    let found: Learned | undefined;
    const html = await renderSlots(new HTMLRewriter(), decision(slots), { ...view, learned: (f) => (found = f) }).transform(new Response(PAGE)).text();
    return { html, found: found! };
  };

  it('looking everywhere reports the types slots are on and the templates read; views given them render the same page', async () => {
    const cold = await renderWith({});
    expect([...cold.found.slotTags!].sort()).toEqual(['div', 'section']);
    expect([...cold.found.templates!.keys()]).toEqual(['recs']);
    expect(cold.html).toContain('data-vitrine-item="the-salt-house"');
    const { slotTags, templates } = cold.found;
    for (const view of [{ slotTags: [...slotTags!] }, { templates }, { slotTags: [...slotTags!], templates }]) {
      const warm = await renderWith(view);
      expect(warm.html).toBe(cold.html);
      expect(warm.found.stale).toBe(false);
      // Only a view that looked everywhere says where slots were; only one that read templates hands them on.
      expect(warm.found.slotTags === undefined).toBe('slotTags' in view);
      expect(warm.found.templates === undefined).toBe('templates' in view);
    }
  });

  it('asks only the types it is given: a slot on another type is left for the script', async () => {
    const { html } = await renderWith({ slotTags: ['section'] });
    expect(html).toContain('<h1 data-vitrine-field="headline">Old</h1>');
    expect(html).toContain('data-vitrine-slot="recs" data-vitrine-variant="r"');
  });

  it('a view with no items to render reads no template and hands none on (an empty set would hide the next view’s items)', async () => {
    let found: Learned | undefined;
    const rewriter = renderSlots(new HTMLRewriter(), decision({ hero: slots.hero }), { learned: (f) => (found = f) });
    await rewriter.transform(new Response(PAGE)).text();
    expect(found!.templates).toBeUndefined();
    expect([...found!.slotTags!].sort()).toEqual(['div', 'section']);
  });

  it('a remembered set without the slot’s template renders no items and says it is out of date', async () => {
    const { html, found } = await renderWith({ templates: new Map() });
    expect(html).not.toContain('data-vitrine-item');
    expect(html).toContain('<h1 data-vitrine-field="headline">New</h1>');
    expect(found.stale).toBe(true);
  });
});

describe('decision injection', () => {
  const d = decision({ hero: { variant: 'v', content: { headline: '</script><script>alert(1)</script> <!-- & \u2028' } } });

  it('cannot be ended early by copy, and reads back as the same decision', () => {
    const block = decisionBlock(d);
    const json = block.slice(block.indexOf('>') + 1, -'</script>'.length);
    expect(json).not.toMatch(/[<>]/);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(json)).toEqual(d);
  });

  it.each([
    ['first in <head>', '<html><head><script>snippet()</script></head><body></body></html>', '<html><head><script type="application/json"'],
    ['first in <body> without a head', '<body><p>x</p></body>', '<body><script type="application/json"'],
    ['at the end of a bare fragment', '<p>x</p>', '<p>x</p><script type="application/json"'],
  ])('goes %s, once', async (_name, html, start) => {
    const out = await injectDecision(new HTMLRewriter(), d).transform(new Response(html)).text();
    expect(out.startsWith(start)).toBe(true);
    expect(out.match(/vitrine-decision/g)).toHaveLength(1);
  });
});
