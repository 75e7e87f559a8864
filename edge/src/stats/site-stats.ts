import { DurableObject } from 'cloudflare:workers';
import type { CompiledConfig } from '../../../shared/config/compile.js';
import type { ExperimentInput } from '../../../shared/experiments/report.js';
import type { VitrineEvent } from '../../../shared/schema/events.js';
import { LIMITS } from '../../../shared/schema/limits.js';
import { loadConfig } from '../config/cache.js';
import type { Env } from '../env.js';
import { buildLists, writeLists } from '../recs/lists.js';
import { verifyAssignment } from '../security/assignment-token.js';
import { recordCategoryPurchases } from './category-pairs.js';
import { INTEREST_WEIGHT, readCoOccurrence, readPopularity, recordBasket, recordInterest, recordView } from './cooccurrence.js';
import { armAggregates, dailyAggregates, recordConversion, recordExposure, segmentAggregates } from './experiments.js';
import { RateLimiter } from './rate-limit.js';
import { SCHEMA } from './schema.js';
import { forgetVisitor, periodTotals, recordPurchase, recordVisit, type PeriodTotals } from './visitors.js';

export interface CollectBatch {
  site: string;
  visitor: string;
  client: string;
  segments: string[];
  events: VitrineEvent[];
}
export interface CollectOutcome {
  accepted: number;
  duplicates: number;
  ignored: { index: number; reason: string }[];
  /** Set when a limit refused the whole batch: seconds to wait, and which limit. */
  limited?: { retryAfter: number; reason: string };
}

/**
 * Visitor ids an address may introduce per hour. A shared office or a carrier's NAT brings
 * a few dozen; a script minting visitors to fill an experiment's arms brings thousands.
 */
export const NEW_VISITORS_PER_ADDRESS = { limit: 100, windowMs: 3_600_000 };

/** Recommendation lists are rewritten at most this often, and only after new data. */
export const LISTS_EVERY_MS = 60_000;
const VISIT_RETENTION_DAYS = 396;
const DAY = 86_400_000;

/**
 * One per site: the counters that must add up. Experiment exposures and conversions,
 * co-purchase and co-view pairs, popularity, per-day visits by segment and the collect
 * rate limit all live here, in SQLite, so each event counts exactly once.
 */
export class SiteStats extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  // A shop visitor sends a few events a minute; a shared office address sends many more.
  private readonly perVisitor = new RateLimiter(300, 60_000);
  private readonly perClient = new RateLimiter(10_000, 60_000);
  private readonly newVisitorsPerClient = new RateLimiter(NEW_VISITORS_PER_ADDRESS.limit, NEW_VISITORS_PER_ADDRESS.windowMs);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  async collect(batch: CollectBatch): Promise<CollectOutcome> {
    const now = Date.now();
    const wait = Math.max(
      this.perVisitor.take(batch.visitor, batch.events.length, now),
      this.perClient.take(batch.client, batch.events.length, now),
    );
    if (wait) return refused(wait, 'too many events from this visitor');
    if (this.isNew(batch.visitor)) {
      const wait = this.newVisitorsPerClient.take(batch.client, 1, now);
      if (wait) return refused(wait, 'too many new visitors from this address');
    }
    const compiled = (await loadConfig(this.env.KV, batch.site))?.compiled;
    // Before the transaction, which cannot wait for crypto: which exposures carry decide's token.
    const signed = await Promise.all(batch.events.map((e) => hasValidToken(this.env, batch, e)));
    const outcome: CollectOutcome = { accepted: 0, duplicates: 0, ignored: [] };
    let learned = false;
    this.ctx.storage.transactionSync(() => {
      const order = batch.events.map((e, index) => ({ e, index })).sort((x, y) => x.e.ts - y.e.ts);
      for (const { e, index } of order) {
        if (!this.sql.exec(`INSERT OR IGNORE INTO event_ids (visitor, id, ts) VALUES (?, ?, ?)`, batch.visitor, e.id, e.ts).rowsWritten) {
          outcome.duplicates++;
          continue;
        }
        const reason = this.apply(batch, e, compiled, signed[index]);
        if (reason) outcome.ignored.push({ index, reason });
        else outcome.accepted++;
        learned ||= INTEREST_WEIGHT.has(e.name);
      }
    });
    if (learned && (await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.put('site', batch.site);
      await this.ctx.storage.setAlarm(now + LISTS_EVERY_MS);
    }
    return outcome;
  }

  /** A visitor id this site has no row of: a visit is recorded with every counted event. */
  private isNew(visitor: string): boolean {
    return this.sql.exec(`SELECT 1 FROM visitor_days WHERE visitor = ? LIMIT 1`, visitor).toArray().length === 0;
  }

  /** Applies one new event; returns why it was not counted, if it was not. */
  private apply(batch: CollectBatch, e: VitrineEvent, compiled: CompiledConfig | undefined, signed: boolean): string | null {
    const { visitor, segments } = batch;
    if (e.forced) return 'forced (debug) views are never counted';
    recordVisit(this.sql, visitor, e.ts, segments);
    if (e.name === 'exposure') {
      const exp = compiled?.experiments.find((x) => x.spec.id === e.experiment);
      if (!exp || !exp.spec.variants.some((v) => v.id === e.variant)) return 'unknown experiment or variant';
      if (!signed) return 'exposure not counted: no valid assignment token for this visitor, experiment and arm';
      recordExposure(this.sql, { experiment: exp.spec.id, variant: e.variant!, visitor, ts: e.ts, segments });
      return null;
    }
    for (const exp of compiled?.experiments ?? []) {
      if (exp.spec.goal.event !== e.name) continue;
      if (exp.goalFilter && !exp.goalFilter(e as Record<string, unknown>)) continue;
      recordConversion(this.sql, { experiment: exp.spec.id, visitor, ts: e.ts, value: e.value ?? 0 });
    }
    const ids = (e.items ?? []).map((i) => i.item_id);
    const weight = INTEREST_WEIGHT.get(e.name);
    if (weight) for (const id of ids) recordInterest(this.sql, id, e.ts, weight);
    if (e.name === 'purchase') {
      recordPurchase(this.sql, visitor, e.ts, e.value ?? 0);
      recordBasket(this.sql, ids);
      recordCategoryPurchases(this.sql, visitor, e.ts, (e.items ?? []).flatMap((i) => (i.item_category ? [i.item_category] : [])));
    } else if (e.name === 'view_item') {
      for (const id of ids) recordView(this.sql, visitor, e.ts, id);
    }
    return null;
  }

  override async alarm(): Promise<void> {
    const site = await this.ctx.storage.get<string>('site');
    if (!site) return;
    await this.publishLists(site);
    const now = Date.now();
    // An event older than collect accepts cannot come back, so its id need not be kept.
    this.sql.exec(`DELETE FROM event_ids WHERE ts < ?`, now - LIMITS.eventPastMs);
    this.sql.exec(`DELETE FROM view_baskets WHERE day < ?`, new Date(now - 2 * DAY).toISOString().slice(0, 10));
    // Visits feed the period comparisons; past 13 months they are neither needed nor kept.
    this.sql.exec(`DELETE FROM visitor_days WHERE day < ?`, new Date(now - VISIT_RETENTION_DAYS * DAY).toISOString().slice(0, 10));
    // A buyer's categories pair with their next purchases for as long as visits are kept, no longer.
    this.sql.exec(`DELETE FROM bought_categories WHERE day < ?`, new Date(now - VISIT_RETENTION_DAYS * DAY).toISOString().slice(0, 10));
  }

  /** Recomputes "also bought", "also viewed", category neighbours, trending and bestsellers into one KV value. */
  async publishLists(site: string): Promise<void> {
    const lists = buildLists({
      now: Date.now(),
      purchases: readCoOccurrence(this.sql, 'purchase'),
      views: readCoOccurrence(this.sql, 'view'),
      categories: readCoOccurrence(this.sql, 'category'),
      recent: readPopularity(this.sql),
    });
    await writeLists(this.env.KV, site, lists);
  }

  async forget(visitor: string): Promise<number> {
    return forgetVisitor(this.sql, visitor);
  }

  /** `segments`: the served config's ids, the only ones a report shows. */
  async experimentData(experiment: string, segments: readonly string[]): Promise<Omit<ExperimentInput, 'experiment'>> {
    return {
      arms: armAggregates(this.sql, experiment),
      segments: segmentAggregates(this.sql, experiment, segments),
      daily: dailyAggregates(this.sql, experiment),
    };
  }

  async periods(ranges: { from: string; to: string }[], segments: readonly string[]): Promise<Map<string, PeriodTotals>[]> {
    return ranges.map((r) => periodTotals(this.sql, r.from, r.to, segments));
  }
}

function refused(retryAfter: number, reason: string): CollectOutcome {
  return { accepted: 0, duplicates: 0, ignored: [], limited: { retryAfter, reason } };
}

/** An exposure counts only with the token decide signed for this visitor, experiment and arm. */
function hasValidToken(env: Env, batch: CollectBatch, e: VitrineEvent): Promise<boolean> | boolean {
  if (e.name !== 'exposure' || e.forced || !e.experiment || !e.variant) return false;
  return verifyAssignment(env, batch.site, batch.visitor, e.experiment, e.variant, e.token);
}
