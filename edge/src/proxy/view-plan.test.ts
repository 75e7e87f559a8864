import { describe, expect, it } from 'vitest';
import { planView, type PageKnown, type SiteKnown } from './view-plan.js';

describe('how a view is rendered, from what is known of its site and page', () => {
  it.each<[SiteKnown, PageKnown, boolean, 'read' | 'remembered']>([
    ['learning', 'not seen', true, 'read'],
    ['learning', 'seen', true, 'remembered'],
    ['learning', 'checked', true, 'remembered'],
    ['settled', 'not seen', false, 'read'],
    ['settled', 'seen', true, 'remembered'],
    ['settled', 'checked', false, 'remembered'],
    ['not askable', 'not seen', true, 'read'],
    ['not askable', 'checked', true, 'remembered'],
  ])('site %s, page %s: everywhere %s, templates %s', (site, page, everywhere, templates) => {
    expect(planView(site, page)).toEqual({ everywhere, templates });
  });

  it('never both looks everywhere and reads templates once the site is settled', () => {
    for (const page of ['not seen', 'seen', 'checked'] as const) {
      const plan = planView('settled', page);
      expect(plan.everywhere && plan.templates === 'read').toBe(false);
    }
  });
});
