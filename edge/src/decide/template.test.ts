import { describe, expect, it } from 'vitest';
import { fillContent, fillTemplate } from './template.js';

const attrs = {
  cart: { value: 31.5, items: 2, toFreeShipping: 8.5 },
  rfm: { segment: 'champions', recencyDays: 0 },
  interests: ['thrillers', 'cookbooks'],
  traits: { name: '<img src=x onerror=alert(1)>', sneaky: '{{traits.secret}}', secret: 'hidden', empty: '' },
  visitor: { new: false },
};

describe('fillTemplate', () => {
  it.each([
    ['Only €{{cart.toFreeShipping}} to go', 'Only €8.50 to go'],
    ['{{cart.items}} items', '2 items'],
    ['{{ rfm.segment }}', 'champions'],
    ['{{rfm.recencyDays}} days', '0 days'],
    ['Hello {{traits.first|reader}}', 'Hello reader'],
    ['Hello {{traits.empty|reader}}', 'Hello reader'],
    ['Into {{interests}}', 'Into thrillers, cookbooks'],
    ['New? {{visitor.new}}', 'New? false'],
    ['{{missing.path}}!', '!'],
    ['{{cart}}', ''],
    ['{{__proto__.polluted|safe}}', 'safe'],
    ['{{constructor.name|safe}}', 'safe'],
    ['No placeholders', 'No placeholders'],
    ['{{ not closed', '{{ not closed'],
  ])('%s → %s', (text, expected) => expect(fillTemplate(text, attrs)).toBe(expected));

  it('leaves markup in values as plain text, for the renderer to insert as text', () => {
    expect(fillTemplate('Hi {{traits.name}}', attrs)).toBe('Hi <img src=x onerror=alert(1)>');
  });

  it('never expands placeholders found inside a filled value', () => {
    expect(fillTemplate('{{traits.sneaky}}', attrs)).toBe('{{traits.secret}}');
  });

  it('fills text fields, image alt and button label, never URLs', () => {
    const out = fillContent(
      { headline: '{{rfm.segment}}', image: { src: '/img/{{rfm.segment}}.svg', alt: 'For {{rfm.segment}}' }, cta: { label: 'Go {{cart.items}}', href: '/c?{{cart.items}}' } },
      attrs,
    );
    expect(out).toEqual({
      headline: 'champions',
      image: { src: '/img/{{rfm.segment}}.svg', alt: 'For champions' },
      cta: { label: 'Go 2', href: '/c?{{cart.items}}' },
    });
  });
});
