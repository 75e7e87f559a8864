import { describe, expect, it } from 'vitest';
import { type ArmAggregate, buildReport, comparePeriods, describeHypothesis, type ExperimentInput } from './report';
import { requiredSampleSize, twoProportionZTest } from './stats';

const experiment: ExperimentInput['experiment'] = {
  id: 'hero-quotes',
  hypothesis: 'Customer quotes in the hero raise purchases',
  status: 'running',
  variants: [
    { id: 'control', weight: 0.5 },
    { id: 'quotes', weight: 0.5 },
  ],
};

/** An arm where every converting visitor spent `order` and nobody else spent anything. */
function arm(id: string, visitors: number, conversions: number, order = 50): ArmAggregate {
  return { id, visitors, conversions, revenue: conversions * order, revenueSq: conversions * order * order };
}

function report(control: [number, number], quotes: [number, number], extra: Partial<ExperimentInput> = {}) {
  return buildReport({
    experiment,
    arms: [arm('control', ...control), arm('quotes', ...quotes)],
    segments: [],
    daily: [],
    ...extra,
  });
}

describe('buildReport: variants', () => {
  const r = report([10_000, 240], [10_000, 315]);
  const [control, quotes] = r.variants;

  it('gives rates and uplift as fractions, relative to the first variant', () => {
    expect(control).toMatchObject({ id: 'control', control: true, visitors: 10_000, conversions: 240, conversionRate: 0.024 });
    expect(quotes.conversionRate).toBeCloseTo(0.0315, 12);
    expect(quotes.uplift).toBeCloseTo(0.3125, 12);
    expect(quotes.upliftCI![0]).toBeLessThan(0.3125);
    expect(quotes.upliftCI![1]).toBeGreaterThan(0.3125);
    expect(quotes.conversionCI[0]).toBeLessThan(0.0315);
    expect(quotes.conversionCI[1]).toBeGreaterThan(0.0315);
  });

  it('takes pValue from the pooled two-proportion z-test against the control', () => {
    expect(quotes.pValue).toBe(twoProportionZTest(240, 10_000, 315, 10_000).pValue);
    expect(quotes.chanceToWin).toBeGreaterThan(0.99);
  });

  it("leaves the control's own comparison empty: uplift 0, no p-value, no chance to win", () => {
    expect(control).toMatchObject({ uplift: 0, upliftCI: null, pValue: null, chanceToWin: null, revenuePValue: null });
  });

  it('reports revenue per visitor and a Welch p-value for it', () => {
    expect(quotes.revenuePerVisitor).toBeCloseTo((315 * 50) / 10_000, 12);
    expect(quotes.revenuePValue).toBeLessThan(0.05);
    const sameRevenue = report([1000, 50], [1000, 50]).variants[1];
    expect(sameRevenue.revenuePValue).toBeCloseTo(1, 6);
  });

  it('lists every configured variant in config order, with zeros for an arm nobody has seen yet', () => {
    const r2 = buildReport({ experiment, arms: [arm('quotes', 100, 5), arm('retired-arm', 50, 1)], segments: [], daily: [] });
    expect(r2.variants.map((v) => [v.id, v.visitors])).toEqual([
      ['control', 0],
      ['quotes', 100],
    ]);
    expect(r2.variants[1]).toMatchObject({ uplift: null, pValue: null, chanceToWin: null });
  });
});

describe('buildReport: verdict', () => {
  it.each([
    {
      name: 'a broken split comes first, with the counts, the plan and the p-value',
      control: [5230, 300] as [number, number],
      quotes: [4770, 400] as [number, number],
      status: 'srm',
      text: 'The split is off: 5,230 vs 4,770 visitors where 50/50 was planned (p<0.0001). Do not trust these numbers; check for bots or a broken exposure.',
    },
    {
      name: 'a significant lift after the planned sample supports the hypothesis and says by how much',
      control: [70_000, 1680] as [number, number],
      quotes: [70_000, 2205] as [number, number],
      status: 'supported',
      text: '\u201cquotes\u201d converts better than the control: 3.15% vs 2.4%, +31.3% (95% CI +23.3% to +39.7%; p<0.0001; over 99% chance to beat the control). The hypothesis is supported.',
    },
    {
      name: 'a significant drop after the planned sample does not support it',
      control: [70_000, 2205] as [number, number],
      quotes: [70_000, 1680] as [number, number],
      status: 'not-supported',
      text: '\u201cquotes\u201d converts worse than the control: 2.4% vs 3.15%, \u221223.8% (95% CI \u221228.4% to \u221218.9%; p<0.0001; under 1% chance to beat the control). The hypothesis is not supported; keep the control.',
    },
    {
      name: 'the planned sample reached and still no difference does not support it',
      control: [60_000, 1800] as [number, number],
      quotes: [60_000, 1820] as [number, number],
      status: 'not-supported',
      text: 'Every arm reached the 53,211 visitors planned to see a 10% difference, and no arm differs clearly from the control: \u201cquotes\u201d is at +1.1% (p=0.74). The hypothesis is not supported; keep the control or test a bolder change.',
    },
    {
      name: 'before the planned sample even p = 0.0012 is provisional, never "supported"',
      control: [10_000, 240] as [number, number],
      quotes: [10_000, 315] as [number, number],
      status: 'inconclusive',
      text:
        'Provisional: \u201cquotes\u201d is at +31.3% (p=0.0012), ahead so far after 10,000 of the planned 66,946 visitors per arm. ' +
        'Keep the test running for about 56,946 more per arm: stopping at the first p below 0.05 calls chance differences winners far more often than 1 in 20.',
    },
    {
      name: 'before the planned sample a clear drop is provisional too',
      control: [10_000, 315] as [number, number],
      quotes: [10_000, 240] as [number, number],
      status: 'inconclusive',
      text: expect.stringMatching(/^Provisional: \u201cquotes\u201d is at \u221223.8% \(p=0.0012\), behind so far after 10,000 of the planned/),
    },
    {
      name: 'too few visitors and no difference is provisional and says how many more each arm needs',
      control: [2000, 60] as [number, number],
      quotes: [2000, 66] as [number, number],
      status: 'inconclusive',
      text: expect.stringMatching(/^Provisional: \u201cquotes\u201d is at \+10% \(p=0.59\) after 2,000 of the planned 53,211 visitors per arm. Keep the test running for about 51,211 more per arm/),
    },
  ])('$name', ({ control, quotes, status, text }) => {
    const { verdict } = report(control, quotes);
    expect(verdict.status).toBe(status);
    expect(verdict.text).toEqual(text);
  });

  it('plans the sample per arm from the control\'s rate, the MDE, 80 % power and α = 0.05 two-sided, and says so', () => {
    const { plannedSample } = report([2000, 60], [2100, 66]);
    expect(plannedSample).toMatchObject({
      perArm: requiredSampleSize(0.03, 0.1, 0.05, 0.8),
      baselineRate: 0.03,
      minimumDetectableEffect: 0.1,
      power: 0.8,
      alpha: 0.05,
      smallestArm: 2000,
      reached: false,
    });
    expect(plannedSample.text).toBe("53,211 visitors per arm, to detect a 10% relative lift over the control's 3% conversion rate so far (80% power, α = 0.05 two-sided).");
  });

  it('counts visitorsNeeded from the planned sample minus the smallest arm', () => {
    const { verdict } = report([2000, 60], [2100, 66]);
    expect(verdict.visitorsNeeded).toBe(requiredSampleSize(0.03, 0.1) - 2000);
  });

  it("uses the experiment's own minimum detectable effect", () => {
    const bold = buildReport({
      experiment: { ...experiment, minimumDetectableEffect: 0.5 },
      arms: [arm('control', 3000, 90), arm('quotes', 3000, 99)],
      segments: [],
      daily: [],
    });
    expect(bold.verdict.status).toBe('not-supported');
    expect(bold.verdict.text).toContain('50% difference');
  });

  it('plans for and demands a stronger result from each arm when there are several challengers (Bonferroni)', () => {
    // p ≈ 0.038 for "b": significant alone, not at 0.05 / 3; 20,000 visitors pass both plans.
    const threeChallengers = buildReport({
      experiment: { ...experiment, variants: ['control', 'a', 'b', 'c'].map((id) => ({ id, weight: 1 })) },
      arms: [arm('control', 20_000, 2000), arm('a', 20_000, 2000), arm('b', 20_000, 2126), arm('c', 20_000, 2000)],
      segments: [],
      daily: [],
    });
    expect(threeChallengers.variants[2].pValue).toBeLessThan(0.05);
    expect(threeChallengers.plannedSample).toMatchObject({ perArm: requiredSampleSize(0.1, 0.1, 0.05 / 3), reached: true });
    expect(threeChallengers.plannedSample.text).toContain('0.0167 per comparison with 3 challengers');
    expect(threeChallengers.verdict.status).toBe('not-supported');
    const oneChallenger = buildReport({
      experiment: { ...experiment, variants: ['control', 'b'].map((id) => ({ id, weight: 1 })) },
      arms: [arm('control', 20_000, 2000), arm('b', 20_000, 2126)],
      segments: [],
      daily: [],
    });
    expect(oneChallenger.verdict.status).toBe('supported');
  });

  it('is provisional without conversions in the control, and checks the split against uneven weights', () => {
    expect(report([0, 0], [0, 0]).verdict).toMatchObject({ status: 'inconclusive', text: expect.stringMatching(/^Provisional: the control has no conversion yet/) });
    expect(report([500, 0], [500, 9]).plannedSample.perArm).toBeNull();
    const uneven = buildReport({
      experiment: { ...experiment, variants: [{ id: 'control', weight: 0.2 }, { id: 'quotes', weight: 0.8 }] },
      arms: [arm('control', 2000, 60), arm('quotes', 8000, 240)],
      segments: [],
      daily: [],
    });
    expect(uneven.srm.ok).toBe(true);
    const broken = buildReport({
      experiment: { ...experiment, variants: [{ id: 'control', weight: 0.2 }, { id: 'quotes', weight: 0.8 }] },
      arms: [arm('control', 5000, 150), arm('quotes', 5000, 150)],
      segments: [],
      daily: [],
    });
    expect(broken.verdict.text).toContain('where 20/80 was planned');
  });

  it('names arms by their config names, in the verdict too', () => {
    const named = buildReport({
      experiment: { ...experiment, name: 'Hero quotes', variants: [{ id: 'control', weight: 0.5 }, { id: 'quotes', name: 'Reviewer quotes', weight: 0.5 }] },
      arms: [arm('control', 70_000, 1680), arm('quotes', 70_000, 2205)],
      segments: [],
      daily: [],
    });
    expect(named.experiment).toMatchObject({ name: 'Hero quotes', variants: [{ id: 'control', weight: 0.5 }, { id: 'quotes', name: 'Reviewer quotes', weight: 0.5 }] });
    expect(named.variants.map((v) => v.name)).toEqual([undefined, 'Reviewer quotes']);
    expect(named.verdict.text).toMatch(/^\u201cReviewer quotes\u201d converts better/);
  });
});

describe('buildReport: segments and daily series', () => {
  const r = buildReport({
    experiment,
    arms: [arm('control', 300, 12), arm('quotes', 300, 20)],
    segments: [
      { segment: 'thriller-lovers', variant: 'control', visitors: 100, conversions: 5, revenue: 250 },
      { segment: 'thriller-lovers', variant: 'quotes', visitors: 100, conversions: 10, revenue: 500 },
      { segment: 'bargain-hunters', variant: 'quotes', visitors: 40, conversions: 1, revenue: 20 },
    ],
    daily: [
      { day: '2025-03-02', variant: 'control', visitors: 100, conversions: 4, revenue: 200 },
      { day: '2025-03-01', variant: 'control', visitors: 100, conversions: 2, revenue: 100 },
      { day: '2025-03-01', variant: 'quotes', visitors: 100, conversions: 5, revenue: 250 },
    ],
  });

  it('gives each segment a row per variant with its conversion rate and uplift over the control', () => {
    expect(r.segments.map((s) => s.segment)).toEqual(['bargain-hunters', 'thriller-lovers']);
    const thrillers = r.segments[1];
    expect(thrillers.variants).toEqual([
      { id: 'control', visitors: 100, conversions: 5, conversionRate: 0.05, uplift: 0 },
      { id: 'quotes', visitors: 100, conversions: 10, conversionRate: 0.1, uplift: 1 },
    ]);
    expect(r.segments[0].variants[0]).toMatchObject({ id: 'control', visitors: 0, conversionRate: 0 });
    expect(r.segments[0].variants[1].uplift).toBeNull();
  });

  it('turns daily rows into running totals per variant on one shared, sorted day axis', () => {
    const control = r.daily.find((d) => d.variant === 'control')!.points;
    const quotes = r.daily.find((d) => d.variant === 'quotes')!.points;
    expect(control.map((p) => [p.day, p.visitors, p.conversions, p.conversionRate])).toEqual([
      ['2025-03-01', 100, 2, 0.02],
      ['2025-03-02', 200, 6, 0.03],
    ]);
    expect(quotes.map((p) => [p.day, p.visitors])).toEqual([
      ['2025-03-01', 100],
      ['2025-03-02', 100],
    ]);
  });
});

describe('describeHypothesis', () => {
  const full = { goal: 'purchase rate', audience: 'Thriller lovers', change: 'The hero quotes a thriller review', expectedEffect: '10 % more purchases' };
  it.each([
    ['plain text stays as written', 'Quotes sell', 'Quotes sell'],
    ['all four fields, the change a noun phrase', full, 'Showing Thriller lovers \u201cThe hero quotes a thriller review\u201d should give 10 % more purchases, measured by purchase rate.'],
    ['the change a verb phrase', { ...full, change: 'show customer quotes in the hero' }, 'Showing Thriller lovers \u201cshow customer quotes in the hero\u201d should give 10 % more purchases, measured by purchase rate.'],
    ['a bare effect, sentence-like fields with their own full stops', { goal: 'More purchases.', audience: 'everyone', change: 'reviewer quotes', expectedEffect: '+10 %.' }, 'Showing everyone \u201creviewer quotes\u201d should give +10 %, measured by more purchases.'],
    ['no audience', { change: 'reviewer quotes', expectedEffect: '+10 %', goal: 'purchases' }, 'Showing visitors \u201creviewer quotes\u201d should give +10 %, measured by purchases.'],
    ['no change', { audience: 'thriller lovers', expectedEffect: '+10 %', goal: 'purchases' }, 'The variant for thriller lovers should give +10 %, measured by purchases.'],
    ['no expected effect', { audience: 'thriller lovers', change: 'reviewer quotes', goal: 'purchases' }, 'Showing thriller lovers \u201creviewer quotes\u201d should change purchases.'],
    ['no goal', { change: 'reviewer quotes', expectedEffect: 'The higher purchase rate' }, 'Showing visitors \u201creviewer quotes\u201d should give the higher purchase rate.'],
    ['only a change', { change: 'reviewer quotes' }, 'Showing visitors \u201creviewer quotes\u201d should make a difference.'],
    ['only a goal', { goal: 'purchases' }, 'The variant should change purchases.'],
    ['only an effect', { expectedEffect: 'more buy' }, 'The variant should give more buy.'],
    ['a name keeps its capital, an article loses it', { audience: 'Dutch visitors', expectedEffect: 'A lift of 5 %' }, 'The variant for Dutch visitors should give a lift of 5 %.'],
    ['nothing filled in', {}, 'No hypothesis was written down.'],
    ['only blanks', { goal: '  ', change: '' }, 'No hypothesis was written down.'],
  ])('%s', (_, hypothesis, text) => {
    const described = describeHypothesis(hypothesis);
    expect(described.text).toBe(text);
    // One sentence: a capital first, one full stop last and nowhere else outside the quotes.
    if (typeof hypothesis !== 'string') expect(described.text.replace(/\u201c[^\u201d]*\u201d/g, '')).toMatch(/^[A-Z][^.]*\.$/);
  });
});

describe('comparePeriods', () => {
  it('gives the relative change of conversion and revenue per visitor, with an interval and p-values', () => {
    const c = comparePeriods(
      { visitors: 10_000, conversions: 330, revenue: 16_500, revenueSq: 330 * 2500 },
      { visitors: 10_000, conversions: 250, revenue: 12_500, revenueSq: 250 * 2500 },
    );
    expect(c.current.conversionRate).toBeCloseTo(0.033, 12);
    expect(c.previous.revenuePerVisitor).toBeCloseTo(1.25, 12);
    expect(c.conversionRateChange).toBeCloseTo(0.32, 12);
    expect(c.conversionRateChangeCI![0]).toBeGreaterThan(0);
    expect(c.pValue).toBeLessThan(0.01);
    expect(c.revenuePerVisitorChange).toBeCloseTo(0.32, 12);
    expect(c.revenuePValue).toBeLessThan(0.01);
  });

  it('has no revenue p-value without squared sums, and no change against an empty period', () => {
    const c = comparePeriods({ visitors: 100, conversions: 3, revenue: 90 }, { visitors: 0, conversions: 0, revenue: 0 });
    expect(c).toMatchObject({ conversionRateChange: null, conversionRateChangeCI: null, pValue: null, revenuePValue: null });
    expect(comparePeriods({ visitors: 100, conversions: 3, revenue: 90 }, { visitors: 100, conversions: 2, revenue: 60 }).revenuePValue).toBeNull();
  });
});
