/**
 * Which repeat-purchase model describes the data best, by AIC (2k − 2 ln L, lowest wins).
 * All three models have k = 4 parameters and are likelihoods of the same (x, t_x, T), so
 * AIC ranks them exactly as their maximised log-likelihoods do, and BIC (k ln n − 2 ln L)
 * would choose the same one. A holdout would cost a second fit of every model and, with four
 * parameters and hundreds of customers or more, guard against an overfit that hardly exists.
 */
import { DROPOUT_STORY, MODEL_LABELS, type FittedPurchaseModel, type PurchaseModelName } from './purchase-models.js';

const PARAMETERS = 4;
/** Burnham and Anderson's rule of thumb: within 2 AIC points the data support both models. */
export const CLOSE_AIC = 2;

export interface RankedModel {
  name: PurchaseModelName;
  logLikelihood: number;
  aic: number;
  /** AIC above the best model's; 0 for the best. */
  deltaAic: number;
}

export interface ModelChoice {
  chosen: PurchaseModelName;
  criterion: 'AIC';
  /** Best first. */
  ranking: RankedModel[];
  /** The choice in one or two sentences, for the report. */
  text: string;
}

export function chooseModel(models: readonly FittedPurchaseModel[]): ModelChoice {
  if (models.length === 0) throw new Error('no model to choose from');
  const scored = models.map((m) => ({ name: m.name, logLikelihood: m.params.logLikelihood, aic: 2 * PARAMETERS - 2 * m.params.logLikelihood }));
  // Stable: an exact tie keeps the order the models were fitted in.
  const sorted = [...scored].sort((a, b) => a.aic - b.aic);
  const best = sorted[0];
  const ranking = sorted.map((m) => ({ ...m, deltaAic: m.aic - best.aic }));
  const others = ranking.slice(1).map((m) => `${MODEL_LABELS[m.name]} +${m.deltaAic.toFixed(1)}`).join(', ');
  const close = ranking.slice(1).filter((m) => m.deltaAic < CLOSE_AIC).map((m) => MODEL_LABELS[m.name]);
  const text = [
    `${MODEL_LABELS[best.name]} describes these purchases best: lowest AIC (${best.aic.toFixed(1)}${others ? `; ${others}` : ''}).` +
      ' All three models have four parameters, so AIC and BIC both rank them by their likelihood alone.',
    close.length ? `${close.join(' and ')} ${close.length > 1 ? 'are' : 'is'} within ${CLOSE_AIC} points: the data barely tell them apart.` : '',
    `In ${MODEL_LABELS[best.name]} ${DROPOUT_STORY[best.name]}.`,
  ]
    .filter(Boolean)
    .join(' ');
  return { chosen: best.name, criterion: 'AIC', ranking, text };
}
