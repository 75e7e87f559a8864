import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile.js';
import { OPERATOR_TABLE, type OperandKind } from './operator-table.js';

/** Per operand kind, an operand the compiler accepts and one it refuses (none: it takes any value). */
const OPERANDS: Record<OperandKind, { good: unknown; bad?: unknown }> = {
  value: { good: 'x' },
  values: { good: ['x', 2], bad: 'x' },
  bound: { good: 3, bad: true },
  boolean: { good: true, bad: 1 },
  regex: { good: '^a', bad: '(' },
  'regex-flags': { good: 'i', bad: 'g' },
  version: { good: 'v1.2.3-rc.1', bad: 'latest' },
  'type-name': { good: 'number', bad: 'int' },
  size: { good: { $gte: 2 }, bad: -1 },
  operators: { good: { $in: ['x'] }, bad: { x: 1 } },
  condition: { good: { a: 1 }, bad: 'a' },
  conditions: { good: [{ a: 1 }], bad: [] },
};

/** A condition with `operand` under operator `name` at its level. */
function conditionWith(name: string, at: 'field' | 'document', operand: unknown): Record<string, unknown> {
  if (at === 'document') return { [name]: operand };
  // `$options` only counts beside a `$regex`.
  return { a: name === '$options' ? { $regex: 'x', $options: operand } : { [name]: operand } };
}

describe('the operator table', () => {
  it('names each operator once per level, each with a one-sentence doc', () => {
    const keys = OPERATOR_TABLE.map((spec) => `${spec.at} ${spec.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const spec of OPERATOR_TABLE) {
      expect(spec.name).toMatch(/^\$[a-zA-Z]+$/);
      expect(spec.doc, spec.name).toMatch(/^[A-Z$a-z].*\.$/);
      expect(spec.doc, spec.name).not.toMatch(/\.\s/);
    }
  });

  it('lists exactly what GrowthBook adds to MongoDB', () => {
    const added = OPERATOR_TABLE.filter((spec) => spec.origin === 'growthbook').map((spec) => spec.name);
    expect(added).toEqual(['$ini', '$nini', '$alli', '$regexi', '$type', '$veq', '$vne', '$vgt', '$vgte', '$vlt', '$vlte']);
  });

  it.each(OPERATOR_TABLE.map((spec) => [spec.at, spec.name, spec.operand] as const))(
    '%s %s: the compiler accepts a %s operand and refuses a wrong one at its path',
    (at, name, operand) => {
      const { good, bad } = OPERANDS[operand];
      expect(compileCondition(conditionWith(name, at, good)).issues).toEqual([]);
      if (bad === undefined) return;
      const { issues } = compileCondition(conditionWith(name, at, bad));
      expect(issues).toHaveLength(1);
      expect(issues[0].path.slice(0, at === 'document' ? 1 : 2)).toEqual(at === 'document' ? [name] : ['a', name]);
    },
  );

  it.each([
    [{ a: { $gtt: 1 } }, /unknown operator "\$gtt"; did you mean "\$gt"\? known: \$eq \$ne/],
    [{ a: { $regexI: 'x' } }, /did you mean "\$regexi"\?/],
    [{ a: { $vgr: '1.0.0' } }, /did you mean "\$vgt"\?/],
    [{ a: { $elemmatch: {} } }, /did you mean "\$elemMatch"\?/],
    [{ a: { $where: 'x' } }, /unknown operator "\$where"; known:/],
    [{ $nro: [] }, /unknown top-level operator "\$nro"; did you mean "\$nor"\? known: \$and \$or \$nor \$not, or an attribute path/],
  ])('an unknown operator is refused with the closest known one: %j', (condition, message) => {
    const { issues } = compileCondition(condition);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(message);
  });
});
