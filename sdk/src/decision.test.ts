import { describe, expect, it } from 'vitest';
import type { DecideResponse } from './decide.js';
import { withDecision, withExposures, withSource } from './decision.js';
import { emptyState, type State } from './state.js';

const ALL = { analytics: true, personalization: true, ads: false, email: false };
const decision = (extra: Partial<DecideResponse> = {}): DecideResponse => ({
  configVersion: 'v1',
  segments: [],
  persona: null,
  rfm: null,
  context: { country: null, region: null, city: null, device: 'desktop', source: 'direct' },
  slots: {},
  experiments: [],
  ...extra,
});
const state = (extra: Partial<State> = {}): State => ({ ...emptyState(), visitor: 'visitor000000001', consent: ALL, ...extra });

describe('withDecision', () => {
  it.each([
    ['keeps new arms with their tokens, and earlier ones', state({ asg: { old: 'a' }, tok: { old: 't0' } }), [{ id: 'hero-test', variant: 'quotes', slot: 'hero', token: 't1' }], { old: 'a', 'hero-test': 'quotes' }, { old: 't0', 'hero-test': 't1' }],
    ['an arm the edge moved replaces the kept one', state({ asg: { 'hero-test': 'control' } }), [{ id: 'hero-test', variant: 'quotes', slot: 'hero' }], { 'hero-test': 'quotes' }, { 'hero-test': undefined }],
  ])('%s', (_, s, experiments, asg, tok) => {
    const next = withDecision(s, decision({ experiments }));
    expect(next.asg).toEqual(asg);
    expect(next.tok).toEqual(tok);
  });

  it('keeps an experiment id like __proto__ as a plain key', () => {
    const next = withDecision(state(), decision({ experiments: [{ id: '__proto__', variant: 'x', slot: 'hero', token: 't' }] }));
    expect(Object.getPrototypeOf(next.asg)).toBe(Object.prototype);
    expect(Object.keys(next.asg)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(next.tok, '__proto__')?.value).toBe('t');
  });

  it.each([
    ['with personalization consent the decision is cached for the next page', ALL, true],
    ['without, it is not', { ...ALL, personalization: false }, false],
  ])('%s', (_, consent, cached) => {
    const d = decision();
    expect(withDecision(state({ consent }), d).dec).toBe(cached ? d : null);
  });
});

describe('withSource', () => {
  it.each([
    ['the first source stays first', { first: 'email' as const, last: 'email' as const }, 'organic' as const, { first: 'email', last: 'organic' }],
    ['a first session sets both', {}, 'ads' as const, { first: 'ads', last: 'ads' }],
  ])('%s', (_, src, source, expected) => {
    expect(withSource(state({ src }), source).src).toEqual(expected);
  });
});

describe('withExposures', () => {
  const slots: DecideResponse['slots'] = {
    hero: { variant: 'quotes', experiment: 'hero-test' },
    banner: { variant: 'forced-one', experiment: 'banner-test', forced: true },
    promo: { variant: 'default' },
  };
  it.each([
    ['one exposure for a rendered experiment slot, with the token of its arm', state({ tok: { 'hero-test': 'sig.1' } }), ['hero', 'promo'], [{ experiment: 'hero-test', variant: 'quotes', token: 'sig.1' }], ['hero-test']],
    ['no token kept (an edge before tokens): the exposure goes without', state(), ['hero'], [{ experiment: 'hero-test', variant: 'quotes', token: undefined }], ['hero-test']],
    ['none again for an experiment already exposed', state({ exp: ['hero-test'] }), ['hero'], [], ['hero-test']],
    ['none for a forced view', state(), ['banner'], [], []],
    ['none without analytics consent', state({ consent: { ...ALL, analytics: false } }), ['hero'], [], []],
    ['none for a slot not on the page', state(), ['promo'], [], []],
  ])('%s', (_, s, rendered, events, exp) => {
    const [next, owed] = withExposures(s, decision({ slots }), rendered);
    expect(owed).toEqual(events);
    expect(next.exp).toEqual(exp);
  });
});
