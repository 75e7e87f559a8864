/**
 * A rule set's conditions as one flat program, run by one interpreter over a view.
 *
 * Closures would do, but every compiled condition would then share the same closure code,
 * so each call is an indirect call the engine cannot inline, several per condition. Here
 * the common field tests (equality, $in, ordering, $exists, $regex) and the logic
 * ($and/$or/$nor/$not) are nodes in plain arrays, interpreted by one `switch` with static
 * calls into the same value functions the closures use, so both forms answer alike. Any
 * other field test ($elemMatch, $size, $all, object literals …) is its compiled closure,
 * applied to the value from the view.
 */
import type { TestBuilder } from './document.js';
import { exists, hasSize, isOrderBound, isOrdered, isSize, matchesValue, ORDERS, type Order } from './operators.js';
import { SELF, type AttributePath } from './path.js';
import { compileTextMatcher, isAllowedFlags, type TextMatcher } from './regex.js';
import { equalsNull, equalsScalar, isIn, isPlainObject, membersOf, type Members, type ValueTest } from './values.js';
import type { PathSlots, RuleView } from './view.js';

const ALL = 0;
const ANY = 1;
const TRUE = 2;
const EQUALS = 3;
const EQUALS_NULL = 4;
const IN = 5;
const ORDERED = 6;
const EXISTS = 7;
const MATCHES = 8;
const SIZE = 9;
const CALL = 10;

/**
 * A field test before it is a node: its kind, its operand (a constant), and `detail`: the
 * index in ORDERS of an ordering, 1 or 0 for `$exists: true/false`, the length of `$size`.
 */
type Leaf = { kind: number; operand: unknown; detail?: number; negated?: boolean };

export class Program implements TestBuilder<number> {
  // One entry per node. `first`/`end`: the range of children of ALL/ANY (in `children`),
  // or the constant of a field test (`first`) and its `detail` (`end`). A node is never
  // shared, so `not` flips the node's `negated` instead of adding a node.
  private readonly kind: number[] = [];
  private readonly negated: boolean[] = [];
  private readonly first: number[] = [];
  private readonly end: number[] = [];
  private readonly slot: number[] = [];
  private readonly children: number[] = [];
  private readonly constants: unknown[] = [];

  constructor(private readonly slots: PathSlots) {}

  /** Does node `node` hold in `view`? */
  run(node: number, view: RuleView): boolean {
    const kind = this.kind[node];
    if (kind > ANY) return this.test(kind, node, view) !== this.negated[node];
    // ALL stops at the first false child, ANY at the first true one.
    const stop = kind === ANY;
    let answer = !stop;
    for (let i = this.first[node], end = this.end[node]; i < end; i++) {
      const child = this.children[i];
      const childKind = this.kind[child];
      // Field tests inline here: one call fewer per field than recursing.
      const holds = childKind > ANY ? this.test(childKind, child, view) !== this.negated[child] : this.run(child, view);
      if (holds === stop) {
        answer = stop;
        break;
      }
    }
    return answer !== this.negated[node];
  }

  /** A field test (or TRUE) before its negation. */
  private test(kind: number, node: number, view: RuleView): boolean {
    switch (kind) {
      case TRUE:
        return true;
      case EQUALS:
        return equalsScalar(this.read(node, view), this.constants[this.first[node]]);
      case EQUALS_NULL:
        return equalsNull(this.read(node, view));
      case IN:
        return isIn(this.constants[this.first[node]] as Members, this.read(node, view));
      case ORDERED:
        return isOrdered(ORDERS[this.end[node]], this.constants[this.first[node]] as string | number, this.read(node, view));
      case EXISTS:
        return exists(this.read(node, view)) === (this.end[node] === 1);
      case MATCHES:
        return matchesValue(this.constants[this.first[node]] as TextMatcher, this.read(node, view));
      case SIZE:
        return hasSize(this.read(node, view), this.end[node]);
      default:
        return (this.constants[this.first[node]] as ValueTest)(this.read(node, view));
    }
  }

  private read(node: number, view: RuleView): unknown {
    return this.slots.read(view, this.slot[node]);
  }

  all(parts: number[]): number {
    if (parts.length === 1) return parts[0];
    const start = this.children.length;
    this.children.push(...parts);
    return this.add(ALL, start, this.children.length);
  }

  any(parts: number[]): number {
    if (parts.length === 1) return parts[0];
    const start = this.children.length;
    this.children.push(...parts);
    return this.add(ANY, start, this.children.length);
  }

  not(part: number): number {
    this.negated[part] = !this.negated[part];
    return part;
  }

  constant(answer: boolean): number {
    const node = this.add(TRUE, 0, 0);
    return answer ? node : this.not(node);
  }

  field(path: AttributePath, operand: unknown, compileAt: (path: AttributePath) => ValueTest): number {
    const slot = this.slots.slotOf(path.keys);
    // Compiled always: it reports the operand's issues, and it is the test when no node fits.
    const test = compileAt(SELF);
    const leaves = leavesOf(operand);
    if (leaves === null) return this.add(CALL, this.constants.push(test) - 1, 0, slot);
    return this.all(
      leaves.map(({ kind, operand, detail = 0, negated }) => {
        const node = this.add(kind, this.constants.push(operand) - 1, detail, slot);
        return negated ? this.not(node) : node;
      }),
    );
  }

  private add(kind: number, first: number, end: number, slot = 0): number {
    this.kind.push(kind);
    this.negated.push(false);
    this.first.push(first);
    this.end.push(end);
    return this.slot.push(slot) - 1;
  }
}

/** The field test as nodes, or null when some operator has no node (it stays a closure). */
function leavesOf(operand: unknown): Leaf[] | null {
  if (!isPlainObject(operand)) {
    const leaf = literal(operand);
    return leaf && [leaf];
  }
  const entries = Object.entries(operand);
  if (entries.length === 0 || entries.some(([key]) => !key.startsWith('$'))) return null;
  const leaves: Leaf[] = [];
  for (const [operator, value] of entries) {
    const leaf = operatorLeaf(operator, value, operand);
    if (leaf === null) return null;
    if (leaf !== 'none') leaves.push(...leaf);
  }
  return leaves;
}

function operatorLeaf(operator: string, value: unknown, siblings: Record<string, unknown>): Leaf[] | 'none' | null {
  const one = (leaf: Leaf | null) => leaf && [leaf];
  switch (operator) {
    case '$all': {
      // {$all: [a, b]} is {$and: [{field: a}, {field: b}]}.
      if (!Array.isArray(value) || value.length === 0) return null;
      const leaves = value.map(literal);
      return leaves.every((leaf) => leaf !== null) ? (leaves as Leaf[]) : null;
    }
    case '$size':
      return isSize(value) ? [{ kind: SIZE, operand: null, detail: value }] : null;
    case '$eq':
      return one(literal(value));
    case '$ne': {
      const leaf = literal(value);
      return one(leaf && { ...leaf, negated: true });
    }
    case '$in':
    case '$nin':
      return Array.isArray(value) ? [{ kind: IN, operand: membersOf(value), negated: operator === '$nin' }] : null;
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return isOrderBound(value) ? [{ kind: ORDERED, operand: value, detail: ORDERS.indexOf(operator as Order) }] : null;
    case '$exists':
      return typeof value === 'boolean' ? [{ kind: EXISTS, operand: null, detail: value ? 1 : 0 }] : null;
    case '$regex': {
      const options = siblings.$options ?? '';
      if (typeof value !== 'string' || !isAllowedFlags(options)) return null;
      const matcher = compileTextMatcher(value, options);
      return 'problem' in matcher ? null : [{ kind: MATCHES, operand: matcher }];
    }
    case '$options':
      return 'none';
    default:
      return null;
  }
}

function literal(value: unknown): Leaf | null {
  if (value === null) return { kind: EQUALS_NULL, operand: null };
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? { kind: EQUALS, operand: value } : null;
}
