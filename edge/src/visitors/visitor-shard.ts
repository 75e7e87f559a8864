import { DurableObject } from 'cloudflare:workers';
import type { CompiledJourney } from '../../../shared/journeys/compile.js';
import * as customers from '../audiences/customer-store.js';
import { applySighting, forgetCustomer, type Sighting } from '../audiences/sighting.js';
import type { Audience } from '../../../shared/schema/config.js';
import { plan, type Signal, type Step } from '../../../shared/journeys/plan.js';
import { waitMs } from '../../../shared/journeys/wait.js';
import type { Consent } from '../../../shared/schema/common.js';
import type { Profile } from '../../../shared/schema/profile.js';
import { loadConfig } from '../config/cache.js';
import { knownCustomer } from '../decide/identity.js';
import { enqueue, recordDelivery, type Delivery } from '../delivery/deliver.js';
import * as deliveries from '../delivery/store.js';
import type { Env } from '../env.js';
import { fireRun } from '../journeys/fire.js';
import * as runs from '../journeys/runs.js';
import * as visitors from './visitor-store.js';

/** Per alarm, at most this many runs are fired; the alarm comes straight back for the rest. */
const FIRE_BATCH = 200;
const FIRE_PARALLEL = 25;
const DAY = 86_400_000;
/** Finished runs and deliveries are kept this long for the counts, then pruned. */
export const RETENTION_DAYS = 90;
const SEEN_DAYS = 30;
/** A run left `firing` this long was orphaned by a reset. */
const FIRING_STALE_MS = 5 * 60_000;
/** Messages the queue refused are offered again after this. */
const REQUEUE_MS = 60_000;

export interface Where {
  site: string;
  shard: number;
}
export interface JourneyEvent {
  id: string;
  name: string;
  ts: number;
  params: Record<string, unknown>;
}
export interface Remembered {
  profile?: Profile;
  segments: string[];
  consent: Consent;
  context?: visitors.VisitorContext;
  customer?: string;
}

/**
 * One shard of a site's per-visitor state: summaries, journey runs with one alarm at the
 * earliest, the customer index, and the delivery records of the messages it made. The
 * logic lives in plain modules (plan, runs, fire, stores); this class only routes calls
 * into its SQLite and keeps the alarm right.
 */
export class VisitorShard extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private where: Where | null = null;
  /** The alarm's time as last set (null: none; undefined: not read yet). */
  private alarmAt: number | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(visitors.VISITOR_SCHEMA + runs.RUN_SCHEMA + deliveries.DELIVERY_SCHEMA + customers.CUSTOMER_SCHEMA);
  }

  /** A decide's summary (with personalization consent): kept, segments entered start journeys, due runs waiting for it go. */
  async remember(where: Where, visitor: string, next: Remembered, now: number): Promise<{ linked: boolean; previousCustomer?: string; customer?: string }> {
    this.locate(where);
    const before = visitors.readVisitor(this.sql, visitor);
    visitors.writeSummary(this.sql, visitor, next, now);
    runs.recheckDue(this.sql, visitor, now);
    const entered = next.segments.filter((s) => !before?.segments.includes(s));
    if (entered.length) await this.apply(visitor, entered.map((segment): Signal => ({ segment, at: now })), now);
    await this.armAlarm();
    const previous = before?.customer;
    const linked = next.customer !== undefined && next.customer !== previous;
    const customer = next.customer ?? previous;
    return { linked, ...(linked && previous && { previousCustomer: previous }), ...(customer && { customer }) };
  }

  /** Journey events from collect (already filtered to names journeys listen to), each handled once. */
  async track(where: Where, visitor: string, consent: Consent, events: JourneyEvent[], now: number): Promise<void> {
    this.locate(where);
    visitors.writeConsent(this.sql, visitor, consent, now);
    const fresh = events.filter((e) => visitors.firstSighting(this.sql, e.id, now));
    // A clock running ahead never pushes a run past what the visitor did.
    await this.apply(visitor, fresh.map((e): Signal => ({ event: e.name, at: Math.min(e.ts, now), params: e.params })), now);
    await this.armAlarm();
  }

  private async apply(visitor: string, signals: Signal[], now: number): Promise<void> {
    if (!signals.length) return;
    const journeys = (await loadConfig(this.env.KV, this.where!.site))?.compiled.journeys ?? [];
    if (!journeys.length) return;
    const customer = await this.customerData(visitor, journeys);
    const steps: Step[] = plan(journeys, signals, runs.waitingRuns(this.sql, visitor), (j) => waitMs(j.spec.wait, customer));
    for (const step of steps) {
      if (step.action === 'schedule') runs.scheduleRun(this.sql, visitor, step.journey, step.trigger, step.due, now);
      else runs.cancelRun(this.sql, visitor, step.journey, step.reason, now);
    }
  }

  /** Uploaded data of the visitor's customer, read only when a journey waits on the persona's rhythm. */
  private async customerData(visitor: string, journeys: CompiledJourney[]): Promise<Record<string, unknown> | undefined> {
    if (!journeys.some((j) => typeof j.spec.wait !== 'string')) return undefined;
    const customer = visitors.readVisitor(this.sql, visitor)?.customer;
    return customer ? (await knownCustomer(this.env.KV, this.where!.site, customer)).customer : undefined;
  }

  /** Forget: the visitor's summary and link go, runs are cancelled, stored messages scrubbed. Answers the linked customer. */
  async forget(visitor: string, now: number): Promise<{ customer?: string; cancelled: number }> {
    const customer = visitors.deleteVisitor(this.sql, visitor);
    const cancelled = runs.forgetRuns(this.sql, visitor, now);
    deliveries.forgetSubject(this.sql, visitor, now);
    await this.armAlarm();
    return { customer, cancelled };
  }

  async indexCustomer(customer: string, visitor: string, now: number): Promise<void> {
    visitors.indexCustomer(this.sql, customer, visitor, now);
  }
  async unindexCustomer(customer: string, visitor: string): Promise<void> {
    visitors.unindexCustomer(this.sql, customer, visitor);
  }
  async visitorsOf(customer: string): Promise<string[]> {
    return visitors.visitorsOf(this.sql, customer);
  }
  async visitor(visitor: string): Promise<visitors.VisitorState | null> {
    return visitors.readVisitor(this.sql, visitor);
  }

  // Identified customers kept in their own shard: purposes, hashes, audience memberships (see audiences/).
  /** What the edge saw of a customer: the record updated, memberships moved, entries and exits sent. */
  async seeCustomer(where: Where, audiences: Audience[], customer: string, sighting: Sighting, now: number): Promise<void> {
    this.locate(where);
    await this.send(applySighting(this.sql, { site: where.site, audiences }, customer, sighting, now), now);
  }
  /** Forget a customer: pending messages about them cancelled, exits sent, record and memberships gone. */
  async forgetCustomer(where: Where, audiences: Audience[], customer: string, now: number): Promise<boolean> {
    this.locate(where);
    deliveries.forgetSubject(this.sql, customer, now);
    const { messages, existed } = forgetCustomer(this.sql, { site: where.site, audiences }, customer, now);
    await this.send(messages, now);
    return existed;
  }
  async customerRecord(customer: string): Promise<customers.CustomerRecord | null> {
    return customers.readCustomer(this.sql, customer);
  }
  async audienceCounts(): Promise<Map<string, number>> {
    return customers.memberCounts(this.sql);
  }
  async audienceMembers(audience: string, after: string, limit: number): Promise<customers.MemberRow[]> {
    return customers.memberPage(this.sql, audience, after, limit);
  }

  private async send(messages: Delivery[], now: number): Promise<void> {
    if (!messages.length) return;
    for (const message of messages) recordDelivery(this.sql, message, now);
    await this.flushDeliveries();
  }

  /** Demo fast-forward: the visitor's waiting runs are looked at now. */
  async fastForward(visitor: string, now: number): Promise<number> {
    const moved = runs.fastForwardRuns(this.sql, visitor, now);
    await this.armAlarm();
    return moved;
  }

  async journeyReport(journey: string, errors: number) {
    return { runs: runs.runCounts(this.sql, journey), deliveries: deliveries.deliveryCounts(this.sql, journey), errors: deliveries.lastErrors(this.sql, journey, errors) };
  }

  /** Bytes of this object's SQLite database. */
  async storageBytes(): Promise<number> {
    return this.sql.databaseSize;
  }

  // Deliveries kept in this shard (see delivery/).
  async deliver(where: Where, delivery: Delivery): Promise<string> {
    this.locate(where);
    const id = recordDelivery(this.sql, delivery, Date.now());
    await this.flushDeliveries();
    return id;
  }
  async pendingDeliveries(ids: string[]): Promise<Map<string, deliveries.Pending>> {
    return deliveries.pendingDeliveries(this.sql, ids);
  }
  async recordAttempts(outcomes: (deliveries.AttemptRecord & { id: string })[], now: number): Promise<void> {
    for (const { id, ...outcome } of outcomes) deliveries.recordAttempt(this.sql, id, outcome, now);
  }
  async markDeliveryFailed(id: string, error: string, now: number): Promise<void> {
    deliveries.markFailed(this.sql, id, error, now);
  }
  /** A manual retry of a failed delivery of `ref`: true when it was failed here and is queued again. */
  async retryDelivery(id: string, ref: string, now: number): Promise<boolean> {
    if (!this.locate() || !deliveries.requeueFailed(this.sql, id, ref, now)) return false;
    await this.flushDeliveries();
    return true;
  }

  /** Hands recorded messages to the queue; any the queue refused are tried again by the alarm. */
  private async flushDeliveries(): Promise<void> {
    const where = this.locate();
    if (where && (await enqueue(this.env, this.sql, where))) await this.armAlarm(Date.now() + REQUEUE_MS);
  }

  override async alarm(): Promise<void> {
    // A running alarm is no longer set: the next one is armed below.
    this.alarmAt = null;
    const where = this.locate();
    if (!where) return;
    const now = Date.now();
    runs.recoverFiring(this.sql, now - FIRING_STALE_MS, now);
    const due = runs.claimDue(this.sql, now, FIRE_BATCH);
    if (due.length) {
      const loaded = await loadConfig(this.env.KV, where.site).catch(() => null);
      const ctx = { env: this.env, sql: this.sql, site: where.site, loaded, now, waitUntil: (p: Promise<unknown>) => this.ctx.waitUntil(p) };
      for (let i = 0; i < due.length; i += FIRE_PARALLEL) await Promise.all(due.slice(i, i + FIRE_PARALLEL).map((run) => fireRun(ctx, run)));
    }
    await this.prune(where.site, now);
    const unsent = await enqueue(this.env, this.sql, where);
    await this.armAlarm(due.length === FIRE_BATCH ? now : unsent ? now + REQUEUE_MS : undefined);
  }

  private async prune(site: string, now: number): Promise<void> {
    runs.pruneRuns(this.sql, now - RETENTION_DAYS * DAY);
    deliveries.pruneDeliveries(this.sql, now - RETENTION_DAYS * DAY);
    visitors.pruneSeen(this.sql, now - SEEN_DAYS * DAY);
    const config = customers.anyCurrentMember(this.sql) ? await loadConfig(this.env.KV, site).catch(() => null) : null;
    customers.pruneMemberships(this.sql, config?.compiled.config.audiences.map((a) => a.id) ?? null, now - RETENTION_DAYS * DAY, now);
  }

  /** One alarm, at the earliest run to look at (or `at`, if sooner); a daily one for pruning when nothing waits. */
  private async armAlarm(at?: number): Promise<void> {
    const check = runs.nextCheck(this.sql);
    const next = Math.min(at ?? Infinity, check ?? Infinity, Date.now() + DAY);
    // The alarm time is read from storage once per object life; this object alone sets it.
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm();
    if (this.alarmAt === null || next < this.alarmAt) {
      this.alarmAt = next;
      await this.ctx.storage.setAlarm(next);
    }
  }

  /** The site and shard number this object serves, remembered from the first call that names them. */
  private locate(where?: Where): Where | null {
    if (!this.where) {
      const row = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'where'`).toArray()[0];
      this.where = row ? (JSON.parse(row.value) as Where) : null;
    }
    if (!this.where && where) {
      this.where = where;
      this.sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('where', ?)`, JSON.stringify(where));
    }
    return this.where;
  }
}
