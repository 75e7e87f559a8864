/** From an orders file to scored customers and described personas: the whole analysis. */
import { DEFAULT_CLV, type RfmEdges } from '../shared/rfm.js';
import type { Condition } from '../shared/schema/config.js';
import type { BgnbdFit } from './bgnbd.js';
import { ClvModel } from './clv.js';
import { customerFacts, UNIT_DAYS, type CustomerFacts, type TimeUnit } from './customer-facts.js';
import { describePersona, NAMING_RULES, type PersonaAction } from './describe-persona.js';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma.js';
import { clusteringFeatures } from './features.js';
import { clusterWithBestK } from './k-means.js';
import { quantile, sortedCopy } from './math/stats.js';
import { chooseModel, type ModelChoice } from './model-choice.js';
import { moneyFormat, resolveCurrency } from './money.js';
import { parseDay } from './order-row.js';
import { personaRules } from './persona-rules.js';
import { groupStats, type GroupStats } from './persona-stats.js';
import { fitPurchaseModels, MODEL_LABELS, predictorFor, type FittedPurchaseModel } from './purchase-models.js';
import { readOrders, type BadRow, type ReadOptions, type ReadResult } from './read-orders.js';
import { rfmEdgesOf, rfmScores } from './rfm-scoring.js';
import type { ScoredCustomer } from './scored-customer.js';

export interface PersonaOptions {
  read?: Omit<ReadOptions, 'untilDay'>;
  /** End of the period, ISO date; default the last date in the file. */
  until?: string;
  unit?: TimeUnit;
  horizonDays?: number;
  margin?: number;
  annualDiscount?: number;
  /** Number of personas; chosen by silhouette between 2 and 5 when absent. */
  k?: number;
  seed?: number;
  /** The site config's band edges; quintiles of the data when absent. */
  rfmEdges?: RfmEdges;
  /** The site config's `cart.freeShippingAbove`: the plans compare baskets with it. */
  freeShippingAbove?: number;
  /** ISO code of the amounts' currency; needed when the file does not show it. */
  currency?: string;
  /** Called once per finished stage, for progress output. */
  onStage?: (stage: string) => void;
}

export interface Persona {
  id: string;
  name: string;
  description: string;
  stats: GroupStats;
  actions: PersonaAction[];
  when: Condition;
}

export interface PersonaAnalysis {
  period: { startDay: number; endDay: number; unit: TimeUnit };
  rows: number;
  skippedRows: number;
  badRows: BadRow[];
  rowsAfterUntil: number;
  transactions: number;
  rfmEdges: RfmEdges;
  rfmEdgesFrom: 'data' | 'config';
  /** ISO code of the amounts, found in the file or given. */
  currency: string;
  freeShippingAbove?: number;
  /** The file's column behind each optional column that was found. */
  optionalColumns: ReadResult['optionalColumns'];
  clv: { horizonDays: number; margin: number; annualDiscount: number };
  /** Always fitted, whichever model is chosen: model.json keeps its block. */
  bgnbd: BgnbdFit & { seconds: number };
  models: FittedPurchaseModel[];
  modelChoice: ModelChoice;
  /** Customers without a repeat purchase: how many, and how many the chosen model expects still active. */
  oneTimers: { count: number; meanPAlive: number };
  gammaGamma: GammaGammaFit & { customers: number; excludedZeroMean: number; seconds: number };
  customers: ScoredCustomer[];
  /** Persona index of each customer, parallel to `customers`. */
  personaOf: number[];
  silhouettes: { k: number; silhouette: number }[];
  overall: GroupStats;
  personas: Persona[];
  categories: string[];
  channels: string[];
}

export async function analyseOrders(path: string, options: PersonaOptions = {}): Promise<PersonaAnalysis> {
  const unit = options.unit ?? 'week';
  const horizonDays = options.horizonDays ?? DEFAULT_CLV.horizonMonths * (365.25 / 12);
  const margin = options.margin ?? DEFAULT_CLV.margin;
  const annualDiscount = options.annualDiscount ?? 0.1;
  const stage = options.onStage ?? (() => {});
  const untilDay = options.until === undefined ? undefined : dayOf(options.until);

  const read = await readOrders(path, { ...options.read, untilDay });
  if (read.ledger.size < 3) throw new Error(`only ${read.ledger.size} customers with valid rows: personas need at least 3`);
  const endDay = untilDay ?? read.lastDay;
  stage(`read ${read.rows} rows: ${read.ledger.size} customers, ${read.skippedRows} bad rows skipped`);

  const currency = resolveCurrency(options.currency, read.currencies);
  const facts: CustomerFacts[] = [];
  for (const history of read.ledger.drain()) facts.push(customerFacts(history, endDay, unit));
  const rfmEdges = options.rfmEdges ?? rfmEdgesOf(facts);

  const models = fitPurchaseModels(facts.map((f) => f.repeat));
  const modelChoice = chooseModel(models);
  const chosen = models.find((m) => m.name === modelChoice.chosen)!;
  const bg = models.find((m) => m.name === 'bgnbd')!;
  const bgnbd = { ...(bg.params as BgnbdFit), seconds: bg.seconds };
  const spenders = facts.filter((f) => f.repeat.x > 0 && f.repeatMeanValue > 0);
  const excludedZeroMean = facts.filter((f) => f.repeat.x > 0 && f.repeatMeanValue <= 0).length;
  if (spenders.length === 0) throw new Error('no customer bought twice: the Gamma-Gamma spend model needs repeat purchases');
  const started = performance.now();
  const gammaGamma = {
    ...fitGammaGamma(spenders.map((f) => ({ x: f.repeat.x, meanValue: f.repeatMeanValue }))),
    customers: spenders.length,
    excludedZeroMean,
    seconds: 0,
  };
  gammaGamma.seconds = (performance.now() - started) / 1000;
  const fitTimes = models.map((m) => `${MODEL_LABELS[m.name]} ${m.seconds.toFixed(2)} s`).join(', ');
  stage(`fitted ${fitTimes} and Gamma-Gamma ${gammaGamma.seconds.toFixed(2)} s; chose ${MODEL_LABELS[chosen.name]} by AIC`);

  const model = new ClvModel(predictorFor(chosen), gammaGamma, { horizonDays, margin, annualDiscount, unitDays: UNIT_DAYS[unit] });
  const customers: ScoredCustomer[] = facts.map((f) => ({ facts: f, rfm: rfmScores(f, rfmEdges), value: model.estimate(f) }));
  const once = customers.filter((c) => c.facts.repeat.x === 0);
  const oneTimers = { count: once.length, meanPAlive: once.reduce((s, c) => s + c.value.pAlive, 0) / Math.max(1, once.length) };

  const features = clusteringFeatures(customers);
  const { clustering, silhouettes } = clusterWithBestK(features, options.seed ?? 1, options.k);
  stage(`clustered into ${clustering.k} personas`);

  const { freeShippingAbove } = options;
  const overall = groupStats(customers, read.ledger.categories, read.ledger.channels, freeShippingAbove);
  const wording = {
    money: moneyFormat(currency),
    horizon: horizonWords(horizonDays),
    topClv: quantile(sortedCopy(customers.map((c) => c.value.clv)), 1 - NAMING_RULES.vipTopShare),
    freeShippingAbove,
  };
  const groups = Array.from({ length: clustering.k }, (_, j) =>
    groupStats(customers.filter((_, i) => clustering.labels[i] === j), read.ledger.categories, read.ledger.channels, freeShippingAbove),
  );
  // Largest revenue first: the order the report and the config list them in.
  const order = groups.map((_, j) => j).sort((i, j) => groups[j].revenue - groups[i].revenue);
  const rank = new Array<number>(order.length);
  order.forEach((cluster, position) => (rank[cluster] = position));
  const described = order.map((j) => ({ stats: groups[j], ...describePersona(groups[j], overall, wording) }));
  const ids = uniqueIds(described.map((d) => d.name));
  const personaOf = clustering.labels.map((label) => rank[label]);
  const rules = personaRules(
    ids,
    customers.map((c, i) => ({ segment: c.rfm.segment, m: c.rfm.m, persona: personaOf[i] })),
  );

  return {
    period: { startDay: read.firstDay, endDay, unit },
    rows: read.rows,
    skippedRows: read.skippedRows,
    badRows: read.badRows,
    rowsAfterUntil: read.rowsAfterUntil,
    transactions: facts.reduce((s, f) => s + f.transactions, 0),
    rfmEdges,
    rfmEdgesFrom: options.rfmEdges ? 'config' : 'data',
    currency,
    freeShippingAbove,
    optionalColumns: read.optionalColumns,
    clv: { horizonDays, margin, annualDiscount },
    bgnbd,
    models,
    modelChoice,
    oneTimers,
    gammaGamma,
    customers,
    personaOf,
    silhouettes,
    overall,
    personas: described.map((d, i) => ({ id: ids[i], name: d.name, description: d.description, stats: d.stats, actions: d.actions, when: rules[i] })),
    categories: read.ledger.categories,
    channels: read.ledger.channels,
  };
}

function dayOf(iso: string): number {
  const day = parseDay(iso);
  if (typeof day === 'string') throw new Error(`--until: ${day}`);
  return day;
}

function horizonWords(days: number): string {
  const months = days / (365.25 / 12);
  return Math.abs(months - Math.round(months)) < 0.01 ? `${Math.round(months)} months` : `${Math.round(days)} days`;
}

/** Ids from names, in the config's id alphabet, made unique with a number when two collide. */
function uniqueIds(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'persona';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
