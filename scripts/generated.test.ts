import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS } from '../shared/rfm.js';
import { ATTRIBUTES } from '../shared/schema/attribute-descriptors.js';
import { attributeNames, attributeNamesSource } from './attribute-names-source.js';
import { TABLE_END, TABLE_START, withAttributeTable } from './attribute-table.js';
import { configJsonSchema } from './json-schema.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

// Each file is written by `npm run schema`; these fail when one is out of step with the schemas.
describe('files generated from the schemas', () => {
  it('shared/vitrine.schema.json is in step with the zod schemas', () => {
    expect(read('shared/vitrine.schema.json')).toBe(configJsonSchema());
  });

  it('shared/rules/attribute-names.ts is in step with the attribute tree', () => {
    expect(read('shared/rules/attribute-names.ts')).toBe(attributeNamesSource());
  });

  it("the README's attribute table is in step with the attribute tree", () => {
    const readme = read('README.md');
    expect(readme).toContain(TABLE_START);
    expect(readme).toContain(TABLE_END);
    expect(readme).toBe(withAttributeTable(readme));
  });
});

describe('what the attribute tree gives', () => {
  it('a fast read for every key of every attribute path', () => {
    const names = new Set(attributeNames());
    const keys = ATTRIBUTES.flatMap((a) => a.path.split('.')).filter((k) => k !== '*');
    expect(keys.filter((k) => !names.has(k))).toEqual([]);
  });

  it('the README a row per attribute, with its type and closed values', () => {
    const readme = read('README.md');
    expect(readme).toContain('| `rfm.segment` | string | `champions`, `loyal`,');
    expect(readme).toContain('| `context.weather.condition` | string | `clear`, `cloudy`, `fog`, `drizzle`, `rain`, `snow`, `storm` |');
    expect(readme).toContain('| `categories.<name>.views` | number |');
    expect(readme).toContain('| `customer.*` | JSON |');
    const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END));
    expect(table.match(/^\| `/gm)).toHaveLength(ATTRIBUTES.length);
  });

  it('the JSON Schema completion of attribute paths, operators by type and closed values', () => {
    const schema = JSON.parse(configJsonSchema());
    const condition = schema.$defs.condition;
    const def = (ref: string) => schema.$defs[ref.replace('#/$defs/', '')];
    // Visitor conditions use it; an experiment's goal filter (on events) does not.
    expect(schema.properties.segments.items.properties.when).toEqual({ $ref: '#/$defs/condition' });
    expect(schema.properties.experiments.items.properties.goal.properties.filter.$ref).toBeUndefined();
    expect(condition.additionalProperties).toBe(false);
    for (const attribute of ATTRIBUTES.filter((a) => !a.path.includes('*') && !a.copyOnly))
      expect(condition.properties[attribute.path]?.description, attribute.path).toContain(attribute.description);
    // Filled after rules run: offered to no condition.
    expect(condition.properties.code).toBeUndefined();
    expect(Object.keys(condition.patternProperties)).toEqual(
      expect.arrayContaining(['^categories\\.[^.]+\\.views$', '^traits\\.', '^customer\\.', '^interests\\.(0|[1-9][0-9]*)$']),
    );
    const operators = (path: string) => def(condition.properties[path].anyOf[1].$ref).properties;
    expect(Object.keys(operators('cart.value'))).toEqual(expect.arrayContaining(['$gte', '$in', '$exists']));
    expect(Object.keys(operators('cart.value'))).not.toEqual(expect.arrayContaining(['$regex']));
    expect(Object.keys(operators('cart.value'))).not.toContain('$size');
    expect(Object.keys(operators('segments'))).toEqual(expect.arrayContaining(['$size', '$elemMatch', '$all']));
    expect(Object.keys(operators('context.path'))).toEqual(expect.arrayContaining(['$regex', '$regexi', '$ini', '$veq']));
    expect(operators('context.path').$veq.description).toMatch(/semantic version/);
    expect(def(condition.properties['rfm.segment'].anyOf[0].$ref).anyOf[0]).toEqual({ enum: [...RFM_SEGMENTS] });
  });
});
