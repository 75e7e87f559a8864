// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Content } from '../../shared/schema/content.js';
import { hideSlots, renderSlots, slotNames } from './render.js';

/** Content as the edge sends it; extra fields and objects side by side, which the inferred type cannot express. */
const content = (c: Record<string, unknown>) => c as unknown as Content;

const hero = () => document.querySelector<HTMLElement>('[data-vitrine-slot="hero"]')!;
const field = (name: string) => hero().querySelector<HTMLElement>(`[data-vitrine-field="${name}"]`)!;

beforeEach(() => {
  document.body.innerHTML = `
    <section data-vitrine-slot="hero">
      <h1 data-vitrine-field="headline">Default headline</h1>
      <p data-vitrine-field="body">Default body</p>
      <img data-vitrine-field="image" src="/default.jpg" alt="default">
      <a data-vitrine-field="cta" href="/default">Shop</a>
      <span data-vitrine-field="badge"></span>
    </section>
    <ul data-vitrine-slot="recs"><li>static</li><template><li><a data-vitrine-field="url"><img data-vitrine-field="image"><span data-vitrine-field="name"></span></a><b data-vitrine-field="price"></b><i data-vitrine-field="reason"></i></li></template></ul>
    <div data-vitrine-slot="hero" id="second"><h2 data-vitrine-field="headline"></h2></div>`;
});

describe('renderSlots', () => {
  it('lists each slot on the page once', () => {
    expect(slotNames(document)).toEqual(['hero', 'recs']);
  });

  it('fills text, image and link fields of every element of a slot and marks the variant', () => {
    const rendered = renderSlots(document, {
      hero: {
        variant: 'thrillers',
        content: content({ headline: 'New thrillers', body: 'Picked for you', image: { src: 'https://cdn.example/t.jpg', alt: 'A dark cover' }, cta: { label: 'See them', href: '/c/thrillers' }, badge: '−20 %' }),
      },
      absent: { variant: 'default', content: { headline: 'x' } },
    });
    expect(rendered).toEqual(['hero']);
    expect(field('headline').textContent).toBe('New thrillers');
    expect(field('body').textContent).toBe('Picked for you');
    expect(field('image').getAttribute('src')).toBe('https://cdn.example/t.jpg');
    expect(field('image').getAttribute('alt')).toBe('A dark cover');
    expect(field('cta').getAttribute('href')).toBe('/c/thrillers');
    expect(field('cta').textContent).toBe('See them');
    expect(field('badge').textContent).toBe('−20 %');
    expect(document.querySelector('#second h2')!.textContent).toBe('New thrillers');
    expect(hero().getAttribute('data-vitrine-variant')).toBe('thrillers');
  });

  it('inserts markup in content as text, never as elements', () => {
    renderSlots(document, { hero: { variant: 'x', content: { headline: '<img src=x onerror=window.__pwned=1>' } } });
    expect(field('headline').textContent).toBe('<img src=x onerror=window.__pwned=1>');
    expect(field('headline').children).toHaveLength(0);
  });

  it.each([
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:x', false],
    ['https://ok.example/x', true],
    ['http://ok.example/x', true],
    ['/relative/path', true],
    ['relative', true],
  ])('a link or image URL %j is used: %s', (url, used) => {
    renderSlots(document, { hero: { variant: 'x', content: content({ image: { src: url, alt: 'a' }, cta: { label: 'go', href: url } }) } });
    expect(field('image').getAttribute('src') === url).toBe(used);
    expect(field('cta').getAttribute('href') === url).toBe(used);
    expect(field('cta').textContent).toBe('go');
  });

  // Issue 13, finding 12: a link value rendered into an image field set the image's src to the link's href.
  it('never loads a link as an image, nor links to an image', () => {
    renderSlots(document, { hero: { variant: 'x', content: content({ image: { label: 'Call now', href: 'https://evil.example/pixel.gif' }, cta: { src: '/banner.png', alt: 'b' } }) } });
    expect(field('image').getAttribute('src')).toBe('/default.jpg');
    expect(field('cta').getAttribute('href')).toBe('/default');
  });

  it('leaves fields the content does not name as they were (the default)', () => {
    renderSlots(document, { hero: { variant: 'default', content: { headline: 'Only this' } } });
    expect(field('body').textContent).toBe('Default body');
    expect(field('image').getAttribute('src')).toBe('/default.jpg');
  });

  it('clones the template once per recommended item and replaces the clones on the next render', () => {
    const item = (id: string, url: string) => ({ id, name: `Book ${id}`, category: 'books', price: 12.5, image: url, url, reason: 'also-bought' });
    renderSlots(document, { recs: { variant: 'default', items: [item('b1', '/p/b1'), item('b2', 'javascript:alert(1)')] } });
    let clones = document.querySelectorAll('[data-vitrine-item]');
    expect([...clones].map((c) => c.getAttribute('data-vitrine-item'))).toEqual(['b1', 'b2']);
    expect(clones[0].querySelector('[data-vitrine-field="name"]')!.textContent).toBe('Book b1');
    expect(clones[0].querySelector('[data-vitrine-field="price"]')!.textContent).toBe('12.50');
    expect(clones[0].querySelector('a')!.getAttribute('href')).toBe('/p/b1');
    expect(clones[0].querySelector('img')!.getAttribute('alt')).toBe('Book b1');
    expect(clones[1].querySelector('a')!.hasAttribute('href')).toBe(false);
    expect(document.querySelector('[data-vitrine-slot="recs"] li')!.textContent).toBe('static');

    renderSlots(document, { recs: { variant: 'default', items: [item('b3', '/p/b3')] } });
    clones = document.querySelectorAll('[data-vitrine-item]');
    expect([...clones].map((c) => c.getAttribute('data-vitrine-item'))).toEqual(['b3']);
  });
});

describe('hideSlots', () => {
  it('hides only slot elements, and shows them again when told or when the time is up', () => {
    vi.useFakeTimers();
    const show = hideSlots(document, 300);
    expect(hero().style.visibility).toBe('hidden');
    expect(document.body.style.visibility).toBe('');
    show();
    expect(hero().style.visibility).toBe('');

    hideSlots(document, 300);
    vi.advanceTimersByTime(299);
    expect(hero().style.visibility).toBe('hidden');
    vi.advanceTimersByTime(1);
    expect(hero().style.visibility).toBe('');
    vi.useRealTimers();
  });
});
