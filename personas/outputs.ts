/** The files the CLI writes: model.json, customers.ndjson, personas.config.json (report.html is in report.ts). */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Persona as ConfigPersona } from '../shared/schema/config.js';
import { favourite } from './customer-facts.js';
import type { PersonaAnalysis } from './pipeline.js';
import type { FittedPurchaseModel } from './purchase-models.js';

const DAY_MS = 86_400_000;

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function modelJson(analysis: PersonaAnalysis) {
  const { bgnbd, gammaGamma, overall, modelChoice } = analysis;
  const chosen = analysis.models.find((m) => m.name === modelChoice.chosen)!;
  return {
    period: { start: isoDay(analysis.period.startDay), end: isoDay(analysis.period.endDay), unit: analysis.period.unit },
    customers: analysis.customers.length,
    transactions: analysis.transactions,
    rows: analysis.rows,
    skippedRows: analysis.skippedRows,
    rowsAfterUntil: analysis.rowsAfterUntil,
    rfmEdges: { ...analysis.rfmEdges, from: analysis.rfmEdgesFrom },
    clv: analysis.clv,
    currency: analysis.currency,
    bgnbd: { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a, b: bgnbd.b, logLikelihood: bgnbd.logLikelihood },
    // The model behind pAlive, expectedPurchases and clv in customers.ndjson, under its own name.
    model: chosen.name,
    ...(chosen.name === 'bgnbd' ? {} : { [chosen.name]: modelBlock(chosen) }),
    modelSelection: {
      criterion: modelChoice.criterion,
      ranking: modelChoice.ranking.map(({ name, logLikelihood, aic, deltaAic }) => ({ name, logLikelihood, aic, deltaAic })),
    },
    gammaGamma: {
      p: gammaGamma.p,
      q: gammaGamma.q,
      gamma: gammaGamma.gamma,
      logLikelihood: gammaGamma.logLikelihood,
      customers: gammaGamma.customers,
      excludedZeroMean: gammaGamma.excludedZeroMean,
    },
    silhouettes: analysis.silhouettes,
    personas: analysis.personas.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      size: p.stats.size,
      share: round(p.stats.size / overall.size, 4),
      revenueShare: round(p.stats.revenue / overall.revenue, 4),
      // Medians of the members, in the units a marketer reads them in.
      centroid: {
        recencyDays: p.stats.median.recencyDays,
        frequency: p.stats.median.transactions,
        monetary: round(p.stats.median.revenue, 2),
        clv: round(p.stats.median.clv, 2),
      },
      actions: p.actions,
      when: p.when,
    })),
  };
}

function modelBlock(model: FittedPurchaseModel) {
  if (model.name === 'paretonbd') {
    const { r, alpha, s, beta, logLikelihood } = model.params;
    return { r, alpha, s, beta, logLikelihood };
  }
  const { r, alpha, a, b, logLikelihood } = model.params;
  return { r, alpha, a, b, logLikelihood };
}

export function personasConfig(analysis: PersonaAnalysis): { personas: ConfigPersona[] } {
  return { personas: analysis.personas.map(({ id, name, description, when }) => ({ id, name, description, when })) };
}

/**
 * One line per customer, ready for `PUT /admin/sites/:site/traits`; at the edge the fields
 * become `customer.*` after a verified identify. pAlive, expectedPurchases and clv come
 * from the chosen purchase model (model.json `model`).
 */
export function* customerLines(analysis: PersonaAnalysis): Generator<string> {
  for (let i = 0; i < analysis.customers.length; i++) {
    const { facts, rfm, value } = analysis.customers[i];
    yield JSON.stringify({
      customer_id: facts.customerId,
      recencyDays: facts.recencyDays,
      frequency: facts.transactions,
      monetary: round(facts.revenue, 2),
      r: rfm.r,
      f: rfm.f,
      m: rfm.m,
      segment: rfm.segment,
      pAlive: round(value.pAlive, 4),
      expectedPurchases: round(value.expectedPurchases, 4),
      clv: round(value.clv, 2),
      persona: analysis.personas[analysis.personaOf[i]].id,
      // A journey's `wait: {personaMedianGap: true}` reads this: the persona's median days between orders.
      personaMedianGapDays: nullableRound(analysis.personas[analysis.personaOf[i]].stats.medianGapDays, 1),
      favouriteCategory: analysis.categories[favourite(facts.categoryShares)] ?? null,
      favouriteChannel: analysis.channels[favourite(facts.channelShares)] ?? null,
    });
  }
}

export async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let chunk = '';
  for (const line of lines) {
    chunk += line + '\n';
    if (chunk.length < 1 << 16) continue;
    const flushed = out.write(chunk);
    chunk = '';
    if (!flushed) await once(out, 'drain');
  }
  out.end(chunk);
  await once(out, 'finish');
}

function nullableRound(n: number | null, digits: number): number | null {
  return n === null ? null : round(n, digits);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
