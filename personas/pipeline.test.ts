import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema, PersonaSchema } from '../shared/schema/config.js';
import { compileCondition } from '../shared/rules/compile.js';
import { adjustedRandIndex } from './adjustedRand.js';
import { writeDemoOrders } from './generate.js';
import { customerLines, modelJson, personasConfig } from './outputs.js';
import { analyseOrders, type PersonaAnalysis } from './pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'personas-pipeline-'));
const orders = join(dir, 'orders.csv');
let planted: Map<string, string>;
let analysis: PersonaAnalysis;

beforeAll(async () => {
  planted = writeDemoOrders(orders, { customers: 3000, seed: 1 }).groups;
  analysis = await analyseOrders(orders, { seed: 1 });
}, 60_000);

describe('analyseOrders on the demo shop’s history (3,000 customers, four planted groups)', () => {
  it('finds four personas that match the planted groups (adjusted Rand index ≥ 0.8)', () => {
    const truth = analysis.customers.map((c) => planted.get(c.facts.customerId)!);
    const ari = adjustedRandIndex(analysis.personaOf, truth);
    expect(analysis.personas).toHaveLength(4);
    expect(ari).toBeGreaterThanOrEqual(0.8);
  });

  it('names them after what the planted groups do', () => {
    const names = analysis.personas.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Loyal thriller buyers$/),
        expect.stringMatching(/^Lapsed bargain/),
        expect.stringMatching(/big-basket dress and jacket buyers$/),
        expect.stringMatching(/^One-time/),
      ]),
    );
  });

  it('lists personas by revenue, with sizes and shares that add up', () => {
    const revenues = analysis.personas.map((p) => p.stats.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    expect(analysis.personas.reduce((s, p) => s + p.stats.size, 0)).toBe(3000);
    expect(analysis.personas.reduce((s, p) => s + p.stats.revenue, 0)).toBeCloseTo(analysis.overall.revenue, 6);
  });

  it('is deterministic for a seed', async () => {
    const again = await analyseOrders(orders, { seed: 1 });
    expect(again.personaOf).toEqual(analysis.personaOf);
    expect(again.bgnbd.logLikelihood).toBe(analysis.bgnbd.logLikelihood);
  });

  it('fits the models to the data: P(alive) is low for the lapsed, CLV high for the loyal', () => {
    const byGroup = (id: string) => analysis.customers.filter((c) => planted.get(c.facts.customerId) === id);
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean(byGroup('lapsed-bargain-hunters').map((c) => c.value.pAlive))).toBeLessThan(0.3);
    expect(mean(byGroup('loyal-thriller-readers').map((c) => c.value.pAlive))).toBeGreaterThan(0.7);
    expect(mean(byGroup('loyal-thriller-readers').map((c) => c.value.clv))).toBeGreaterThan(
      3 * mean(byGroup('lapsed-bargain-hunters').map((c) => c.value.clv)),
    );
  });

  it('honours --k and --until', async () => {
    const fixed = await analyseOrders(orders, { k: 2, until: '2025-06-30' });
    expect(fixed.personas).toHaveLength(2);
    expect(fixed.rowsAfterUntil).toBeGreaterThan(0);
    expect(fixed.period.endDay).toBe(Date.UTC(2025, 5, 30) / 86_400_000);
  });
});

describe('outputs', () => {
  it('personas.config.json passes the config schema and its rules compile', () => {
    const fragment = personasConfig(analysis);
    for (const persona of fragment.personas) expect(PersonaSchema.safeParse(persona).error).toBeUndefined();
    const config = ConfigSchema.safeParse({ site: 'demo-shop', ...fragment });
    expect(config.error).toBeUndefined();
    fragment.personas.forEach((p, i) => expect(compileCondition(p.when, ['personas', i, 'when']).issues).toEqual([]));
  });

  it('customers.ndjson has one line per customer whose traits select their persona at the edge', () => {
    const lines = [...customerLines(analysis)].map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3000);
    expect(Object.keys(lines[0])).toEqual([
      'customer_id', 'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment',
      'pAlive', 'expectedPurchases', 'clv', 'persona', 'personaMedianGapDays', 'favouriteCategory', 'favouriteChannel',
    ]);
    // Journeys wait on it (`wait: {personaMedianGap: true}`): the same gap for every member of a persona.
    const gaps = new Map(analysis.personas.map((p) => [p.id, p.stats.medianGapDays]));
    for (const line of lines.slice(0, 300)) expect(line.personaMedianGapDays).toBeCloseTo(gaps.get(line.persona) ?? NaN, 0);
    const rules = personasConfig(analysis).personas.map((p) => ({ id: p.id, predicate: compileCondition(p.when).predicate }));
    for (const line of lines.slice(0, 300)) {
      const traits = { ...line };
      const first = rules.find((r) => r.predicate({ traits, rfm: { segment: line.segment, m: line.m } }));
      expect(first?.id).toBe(line.persona);
    }
  });

  it('model.json carries the period, counts, both models and the personas', () => {
    const model = modelJson(analysis);
    expect(model.period).toEqual({ start: '2024-01-01', end: expect.stringMatching(/^2025-12-/), unit: 'week' });
    expect(model).toMatchObject({ customers: 3000, skippedRows: 0 });
    expect(Object.keys(model.bgnbd)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood']);
    expect(model.gammaGamma).toMatchObject({ p: expect.any(Number), q: expect.any(Number), gamma: expect.any(Number) });
    expect(model.personas[0]).toMatchObject({
      id: expect.any(String),
      size: expect.any(Number),
      share: expect.any(Number),
      revenueShare: expect.any(Number),
      centroid: { recencyDays: expect.any(Number), frequency: expect.any(Number), monetary: expect.any(Number), clv: expect.any(Number) },
      actions: expect.arrayContaining([expect.objectContaining({ kind: 'free-shipping' })]),
      when: expect.any(Object),
    });
  });
});

describe('analyseOrders on awkward input', () => {
  it('needs at least three customers', async () => {
    const path = join(dir, 'tiny.csv');
    writeFileSync(path, 'customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,1\n');
    await expect(analyseOrders(path)).rejects.toThrow(/at least 3/);
  });
});
