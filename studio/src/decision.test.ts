import { describe, expect, it } from 'vitest';
import { decisionFacts, diffDecisions, type Decision } from './decision.js';

const decision = (over: Partial<Decision> = {}): Decision => ({
  configVersion: 'v1',
  segments: ['thriller-lovers'],
  persona: { id: 'bookworm', name: 'Bookworm' },
  rfm: null,
  context: { country: null, region: null, city: null, device: 'desktop', source: 'direct' },
  slots: {
    hero: { variant: 'thrillers', content: { headline: 'Your next sleepless night', cta: { label: 'Read', href: '/t' } } },
  },
  experiments: [],
  ...over,
});

describe('decisionFacts', () => {
  it('flattens copy and names every fact', () => {
    expect([...decisionFacts(decision())]).toEqual([
      ['persona', 'Bookworm'],
      ['segment thriller-lovers', 'matched'],
      ['hero: variant', 'thrillers'],
      ['hero: headline', 'Your next sleepless night'],
      ['hero: cta.label', 'Read'],
      ['hero: cta.href', '/t'],
    ]);
  });
});

describe('diffDecisions', () => {
  it.each([
    ['no difference', decision(), []],
    [
      'a changed headline',
      decision({ slots: { hero: { variant: 'thrillers', content: { headline: 'New', cta: { label: 'Read', href: '/t' } } } } }),
      [{ what: 'hero: headline', draft: 'New', published: 'Your next sleepless night' }],
    ],
    [
      'a segment and persona the draft no longer matches',
      decision({ segments: [], persona: null }),
      [
        { what: 'persona', draft: 'none', published: 'Bookworm' },
        { what: 'segment thriller-lovers', draft: 'not matched', published: 'matched' },
      ],
    ],
    [
      'an experiment arm only the draft has',
      decision({ experiments: [{ id: 'quotes-test', variant: 'quotes', slot: 'hero' }] }),
      [{ what: 'experiment quotes-test', draft: 'quotes', published: '—' }],
    ],
  ])('%s', (_name, draft, expected) => {
    expect(diffDecisions(draft, decision())).toEqual(expected);
  });
});
