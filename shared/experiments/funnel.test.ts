import { describe, expect, it } from 'vitest';
import { pathRows, segmentFunnel, segmentFunnels, type PathCount, type PathViews } from './funnel';
import { trendSeries } from './trend';

describe('segment funnel', () => {
  it.each([
    // current, previous, drop-offs now, drop-offs before, overall now
    ['a normal funnel', [200, 50, 20, 10], [100, 40, 20, 5], [null, 0.75, 0.6, 0.5], [null, 0.6, 0.5, 0.75], 0.05],
    ['nobody viewed', [0, 0, 0, 0], [10, 5, 5, 5], [null, null, null, null], [null, 0.5, 0, 0], null],
    ['everyone went on', [10, 10, 10, 10], [0, 0, 0, 0], [null, 0, 0, 0], [null, null, null, null], 1],
  ])('%s', (_, current, previous, dropNow, dropBefore, overall) => {
    const f = segmentFunnel('thriller-lovers', current, previous, 'Thriller lovers');
    expect(f.name).toBe('Thriller lovers');
    expect(f.steps.map((s) => s.step)).toEqual(['view_item', 'add_to_cart', 'begin_checkout', 'purchase']);
    expect(f.steps.map((s) => s.visitors)).toEqual(current);
    expect(f.steps.map((s) => s.dropOff)).toEqual(dropNow);
    expect(f.steps.map((s) => s.previousDropOff)).toEqual(dropBefore);
    expect(f.overall).toBe(overall);
  });

  it('lists everyone first and a segment seen in only one period with zeros for the other', () => {
    const funnels = segmentFunnels(new Map([['thriller-lovers', [4, 2, 1, 1]]]), new Map([['*', [9, 3, 2, 1]]]));
    expect(funnels.map((f) => f.segment)).toEqual(['*', 'thriller-lovers']);
    expect(funnels[0].steps[0]).toMatchObject({ visitors: 0, previousVisitors: 9 });
    expect(funnels[1].steps[0]).toMatchObject({ visitors: 4, previousVisitors: 0 });
  });
});

describe('paths: where a segment went next', () => {
  const views: PathViews[] = [
    { segment: 'thriller-lovers', kind: 'item', item: 'book-x', n: 10 },
    { segment: 'thriller-lovers', kind: 'item', item: 'book-z', n: 2 },
    { segment: '*', kind: 'category', item: 'thrillers', n: 30 },
  ];
  const counts: PathCount[] = [
    { segment: 'thriller-lovers', kind: 'item', from: 'book-x', to: 'book-y', n: 4 },
    { segment: 'thriller-lovers', kind: 'item', from: 'book-x', to: 'book-w', n: 4 },
    { segment: 'thriller-lovers', kind: 'item', from: 'book-x', to: 'book-v', n: 1 },
    { segment: 'thriller-lovers', kind: 'item', from: 'book-x', to: 'book-u', n: 1 },
    { segment: '*', kind: 'category', from: 'thrillers', to: 'literature', n: 12 },
  ];

  it('gives "of thriller lovers who viewed X, 40 % went to Y next", ties by id, the rest as nothing next', () => {
    const rows = pathRows(views, counts, { nextPerFrom: 2, segmentNames: new Map([['thriller-lovers', 'Thriller lovers']]), productNames: new Map([['book-y', 'The Y']]) });
    const x = rows.find((r) => r.from === 'book-x')!;
    expect(x).toMatchObject({ segmentName: 'Thriller lovers', views: 10, noNext: 0 });
    expect(x.next).toEqual([
      { to: 'book-w', n: 4, share: 0.4 },
      { to: 'book-y', toName: 'The Y', n: 4, share: 0.4 },
    ]);
    expect(rows.find((r) => r.from === 'book-z')).toMatchObject({ next: [], noNext: 1 });
    expect(rows.find((r) => r.kind === 'category')).toMatchObject({ segment: '*', from: 'thrillers', next: [{ to: 'literature', share: 0.4 }], noNext: 0.6 });
  });

  it('puts everyone first, products before categories, the most viewed first and at most fromPerSegment of them', () => {
    const rows = pathRows(views, counts, { fromPerSegment: 1 });
    expect(rows.map((r) => [r.segment, r.kind, r.from])).toEqual([
      ['*', 'category', 'thrillers'],
      ['thriller-lovers', 'item', 'book-x'],
    ]);
  });

  it('starts from one product only when asked', () => {
    expect(pathRows(views, counts, { from: 'book-z' }).map((r) => r.from)).toEqual(['book-z']);
  });
});

describe('trend series', () => {
  it('has a point for every day, zero visitors and no rate on a day without visits, everyone first then the largest', () => {
    const series = trendSeries(
      [
        { day: '2025-03-01', segment: '*', visitors: 10, conversions: 1 },
        { day: '2025-03-03', segment: '*', visitors: 20, conversions: 4 },
        { day: '2025-03-01', segment: 'small', visitors: 1, conversions: 0 },
        { day: '2025-03-03', segment: 'big', visitors: 5, conversions: 1 },
      ],
      { from: '2025-03-01', to: '2025-03-03' },
      new Map([['big', 'Big spenders']]),
    );
    expect(series.map((s) => s.segment)).toEqual(['*', 'big', 'small']);
    expect(series[0].points).toEqual([
      { day: '2025-03-01', visitors: 10, conversions: 1, conversionRate: 0.1 },
      { day: '2025-03-02', visitors: 0, conversions: 0, conversionRate: null },
      { day: '2025-03-03', visitors: 20, conversions: 4, conversionRate: 0.2 },
    ]);
    expect(series[1].name).toBe('Big spenders');
  });
});
