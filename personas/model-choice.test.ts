import { describe, expect, it } from 'vitest';
import { cdnowSummary } from './fixtures/cdnow.js';
import { chooseModel } from './model-choice.js';
import { fitPurchaseModels, type FittedPurchaseModel } from './purchase-models.js';

const fitted = (name: FittedPurchaseModel['name'], logLikelihood: number): FittedPurchaseModel =>
  name === 'paretonbd'
    ? { name, params: { r: 1, alpha: 1, s: 1, beta: 1, logLikelihood }, seconds: 0 }
    : { name, params: { r: 1, alpha: 1, a: 1, b: 1, logLikelihood }, seconds: 0 };

describe('chooseModel', () => {
  it.each([
    ['the highest likelihood wins', [-100, -90, -95], 'mbgnbd'],
    ['BG/NBD when it fits best', [-80, -90, -95], 'bgnbd'],
    ['Pareto/NBD when it fits best', [-100, -90, -85], 'paretonbd'],
    ['an exact tie keeps the fitting order', [-90, -90, -95], 'bgnbd'],
  ] as const)('%s', (_, [bg, mbg, pareto], chosen) => {
    const choice = chooseModel([fitted('bgnbd', bg), fitted('mbgnbd', mbg), fitted('paretonbd', pareto)]);
    expect(choice.chosen).toBe(chosen);
    expect(choice.ranking[0]).toMatchObject({ name: chosen, deltaAic: 0 });
  });

  it('states AIC, the gaps, and when the runner-up is too close to call', () => {
    const choice = chooseModel([fitted('bgnbd', -100.4), fitted('mbgnbd', -100), fitted('paretonbd', -120)]);
    expect(choice.ranking.map((m) => [m.name, Number(m.deltaAic.toFixed(1))])).toEqual([
      ['mbgnbd', 0],
      ['bgnbd', 0.8],
      ['paretonbd', 40],
    ]);
    expect(choice.text).toBe(
      'MBG/NBD describes these purchases best: lowest AIC (208.0; BG/NBD +0.8, Pareto/NBD +40.0). ' +
        'All three models have four parameters, so AIC and BIC both rank them by their likelihood alone. ' +
        'BG/NBD is within 2 points: the data barely tell them apart. ' +
        'In MBG/NBD a customer can stop right after any purchase, the first included, so one who never came back may be gone.',
    );
  });
});

describe('the choice on CDNOW (calibration period, 2,357 customers)', () => {
  const models = fitPurchaseModels(cdnowSummary());
  const choice = chooseModel(models);

  it('picks MBG/NBD: ln L −9582.13 against BG/NBD −9582.43 and Pareto/NBD −9594.97', () => {
    expect(choice.chosen).toBe('mbgnbd');
    const ll = Object.fromEntries(choice.ranking.map((m) => [m.name, m.logLikelihood]));
    expect(ll.mbgnbd).toBeCloseTo(-9582.13, 1);
    expect(ll.bgnbd).toBeCloseTo(-9582.43, 1);
    expect(ll.paretonbd).toBeCloseTo(-9594.97, 1);
  });

  it('keeps the published BG/NBD fit among the candidates', () => {
    const bg = models.find((m) => m.name === 'bgnbd')!.params;
    expect(bg).toMatchObject({ r: expect.closeTo(0.243, 3), alpha: expect.closeTo(4.414, 2), a: expect.closeTo(0.793, 3), b: expect.closeTo(2.426, 2) });
  });
});
