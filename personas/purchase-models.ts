/**
 * The three repeat-purchase models the builder fits, behind one face: BG/NBD, the modified
 * BG/NBD (MBG/NBD) and Pareto/NBD. They differ in how a customer may drop out; all three
 * see the same (x, t_x, T) per customer and have four parameters.
 */
import { expectedPurchases, fitBgnbd, pAlive, type BgnbdFit, type BgnbdParams, type RepeatHistory } from './bgnbd.js';
import { fitParetoNbd, paretoNbdExpectedPurchases, paretoNbdPAlive, type ParetoNbdFit, type ParetoNbdParams } from './pareto-nbd.js';

export const PURCHASE_MODELS = ['bgnbd', 'mbgnbd', 'paretonbd'] as const;
export type PurchaseModelName = (typeof PURCHASE_MODELS)[number];

export const MODEL_LABELS: Record<PurchaseModelName, string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', paretonbd: 'Pareto/NBD' };

/** How each model lets a customer go, in a marketer's words (the report quotes it). */
export const DROPOUT_STORY: Record<PurchaseModelName, string> = {
  bgnbd: 'a customer can only stop right after a repeat purchase, so one who never came back counts as certainly active',
  mbgnbd: 'a customer can stop right after any purchase, the first included, so one who never came back may be gone',
  paretonbd: 'a customer can stop at any moment, so one who never came back may be gone, the more likely the longer ago they bought',
};

export type PurchaseModel = { name: 'bgnbd' | 'mbgnbd'; params: BgnbdParams } | { name: 'paretonbd'; params: ParetoNbdParams };

export type FittedPurchaseModel = ({ name: 'bgnbd' | 'mbgnbd'; params: BgnbdFit } | { name: 'paretonbd'; params: ParetoNbdFit }) & {
  seconds: number;
};

/** What CLV and the customer file need from a model. */
export interface RepeatPredictor {
  pAlive(history: RepeatHistory): number;
  /** Purchases expected in the next t time units. */
  expectedPurchases(history: RepeatHistory, t: number): number;
}

export function predictorFor(model: PurchaseModel): RepeatPredictor {
  if (model.name === 'paretonbd') {
    const params = model.params;
    // CLV asks for one customer's purchases month by month, then P(alive): one series for all.
    let last: { history: RepeatHistory; pAlive: number } | undefined;
    const alive = (history: RepeatHistory) => {
      if (last?.history !== history) last = { history, pAlive: paretoNbdPAlive(params, history) };
      return last.pAlive;
    };
    return { pAlive: alive, expectedPurchases: (h, t) => paretoNbdExpectedPurchases(params, h, t, alive(h)) };
  }
  const { params } = model;
  const extra = model.name === 'mbgnbd' ? 1 : 0;
  return { pAlive: (h) => pAlive(params, h, extra), expectedPurchases: (h, t) => expectedPurchases(params, h, t, extra) };
}

/** Fits all three by maximum likelihood, timing each. */
export function fitPurchaseModels(histories: readonly RepeatHistory[]): FittedPurchaseModel[] {
  const timed = <T>(fit: () => T): [T, number] => {
    const started = performance.now();
    const params = fit();
    return [params, (performance.now() - started) / 1000];
  };
  const [bgnbd, bgSeconds] = timed(() => fitBgnbd(histories));
  const [mbgnbd, mbgSeconds] = timed(() => fitBgnbd(histories, 1));
  const [paretonbd, paretoSeconds] = timed(() => fitParetoNbd(histories));
  return [
    { name: 'bgnbd', params: bgnbd, seconds: bgSeconds },
    { name: 'mbgnbd', params: mbgnbd, seconds: mbgSeconds },
    { name: 'paretonbd', params: paretonbd, seconds: paretoSeconds },
  ];
}
