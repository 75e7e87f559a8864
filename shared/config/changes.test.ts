import { describe, expect, it } from 'vitest';
import { canonicalJson, configChanges } from './changes.js';

const base = {
  site: 'shop',
  segments: [
    { id: 'a', when: { x: 1 } },
    { id: 'b', when: { y: 2 } },
  ],
  slots: { hero: { default: { headline: 'Hi' } }, nudge: { default: { body: 'Go' } } },
  cart: { abandonAfterMinutes: 30 },
};

describe('configChanges', () => {
  it.each([
    ['nothing', base, []],
    ['a changed segment, at its place in the new version', { ...base, segments: [base.segments[0], { id: 'b', when: { y: 3 } }] }, [{ path: ['segments', 1], message: 'segment "b" changed' }]],
    ['an added and a removed segment', { ...base, segments: [{ id: 'c', when: {} }, base.segments[1]] }, [
      { path: ['segments', 0], message: 'segment "c" added' },
      { path: ['segments'], message: 'segment "a" removed' },
    ]],
    ['reordered segments (first match wins, so order matters)', { ...base, segments: [base.segments[1], base.segments[0]] }, [{ path: ['segments'], message: 'segments reordered' }]],
    ['a slot changed and one removed', { ...base, slots: { hero: { default: { headline: 'Hello' } } } }, [
      { path: ['slots', 'hero'], message: 'slot "hero" changed' },
      { path: ['slots'], message: 'slot "nudge" removed' },
    ]],
    ['a setting changed', { ...base, cart: { abandonAfterMinutes: 45 } }, [{ path: ['cart'], message: 'cart changed' }]],
    ['a new entity list', { ...base, personas: [{ id: 'p', name: 'P', when: {} }] }, [{ path: ['personas', 0], message: 'persona "p" added' }]],
    ['keys in another order only', { cart: base.cart, slots: base.slots, segments: base.segments, site: 'shop' }, []],
  ])('%s', (_name, after, expected) => {
    expect(configChanges(base, after)).toEqual(expected);
  });

  it('looks up only own entries: a slot called "constructor" is simply added', () => {
    const after = { ...base, slots: { ...base.slots, constructor: { default: { headline: 'x' } } } };
    expect(configChanges(base, after)).toEqual([{ path: ['slots', 'constructor'], message: 'slot "constructor" added' }]);
  });

  it('canonicalJson ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
