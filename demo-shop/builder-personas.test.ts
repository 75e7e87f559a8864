import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig, formatPath } from '../shared/config/validate.js';
import { BUILDER_DIR, builderCustomersNdjson, builderPersonas, demoConfig, ensureBuilderOutput, withBuilderPersonas } from './builder-personas.mjs';
import { pickDemoCustomers } from './demo-customers.mjs';

const customers = builderCustomersNdjson()
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { customer_id: string; persona: string; segment: string; clv: number });

describe("the demo's personas come from the persona builder", () => {
  it('has committed output made from the current orders.csv, flags and RFM bands (no refit needed)', () => {
    // A changed orders.csv, flag or RFM band would refit here and answer true.
    expect(ensureBuilderOutput()).toBe(false);
    expect(JSON.parse(readFileSync(join(BUILDER_DIR, 'inputs.json'), 'utf8')).flags).toEqual(['--currency', 'EUR', '--k', '4']);
  });

  it('pushes a config that validates, with exactly the builder personas (no hand-written ones)', () => {
    const config = demoConfig();
    const result = validateConfig(config);
    expect(result.ok ? [] : result.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([]);
    expect(config.personas.map((p: { id: string }) => p.id)).toEqual(builderPersonas().map((p) => p.id));
    expect(builderPersonas()).toHaveLength(4);
  });

  it('puts builder personas first and keeps a file persona with another id after them', () => {
    const mine = { id: 'gift-buyer', name: 'Gift buyer', when: { 'categories.children.carts': { $gte: 1 } } };
    const same = { ...builderPersonas()[0], name: 'renamed by hand' };
    const merged = withBuilderPersonas({ personas: [mine, same] });
    expect(merged.personas.map((p) => p.name)).toEqual([...builderPersonas().map((p) => p.name), 'Gift buyer']);
  });

  it('gives every customer of the traits upload a persona the config has', () => {
    const ids = new Set(builderPersonas().map((p) => p.id));
    expect(customers.length).toBe(3000);
    expect(customers.filter((c) => !ids.has(c.persona))).toEqual([]);
  });
});

describe('demo customers for the sign-in', () => {
  const picked = pickDemoCustomers(builderCustomersNdjson(), builderPersonas());

  it('are one real customer per persona, each in that persona', () => {
    expect(picked.map((c) => c.persona.id)).toEqual(builderPersonas().map((p) => p.id));
    for (const c of picked) expect(customers.find((x) => x.customer_id === c.id)?.persona).toBe(c.persona.id);
    expect(new Set(picked.map((c) => c.email)).size).toBe(picked.length);
  });

  it('include an at-risk customer, who is shown the personal win-back code', () => {
    expect(picked.some((c) => ['at-risk', 'cant-lose-them'].includes(c.segment))).toBe(true);
  });

  it("pick the highest-CLV member of the persona's most common RFM cell", () => {
    const ndjson = [
      { customer_id: 'a', persona: 'p', segment: 'lost', clv: 5 },
      { customer_id: 'b', persona: 'p', segment: 'lost', clv: 9 },
      { customer_id: 'c', persona: 'p', segment: 'champions', clv: 99 },
      { customer_id: 'd', persona: 'q', segment: 'loyal', clv: 1 },
    ]
      .map((c) => JSON.stringify(c))
      .join('\n');
    const out = pickDemoCustomers(ndjson, [{ id: 'p', name: 'P' }, { id: 'q', name: 'Q' }, { id: 'empty', name: 'E' }]);
    expect(out.map((c) => [c.id, c.persona.id, c.segment])).toEqual([['b', 'p', 'lost'], ['d', 'q', 'loyal']]);
  });
});
