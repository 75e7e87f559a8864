/**
 * A rule set's conditions as flat branch code, run by one interpreter over a view.
 *
 * Closures would do, but every compiled condition would then share the same closure code,
 * so each call is an indirect call the engine cannot inline, several per condition. Here
 * the conditions are first built as a tree (the `TestBuilder` side), then each condition
 * is lowered to branch code: one instruction per field test, holding the instruction to
 * go to when the test holds and the one when it fails. `$and`, `$or`, `$nor` and `$not`
 * become those jumps, so running a condition is one loop with no recursion and no
 * negation flags. The common field tests (equality, $in, ordering, $exists, $regex,
 * $size, and `$elemMatch` of such operators, as element code run per element) are cases
 * of one `switch` with static calls into the same value functions the closures use, so
 * both forms answer alike; any other field test (`$elemMatch` of documents, `$all` of
 * objects, object literals …) is its compiled closure, applied to the value from the view.
 *
 * Tests that recur across a set are not shared through a per-view memo: measured on
 * bench/rules.ts, the memo lookup and its reset per view cost as much as the tests saved.
 */
import type { TestBuilder } from './document.js';
import { exists, hasSize, isOperatorObject, isOrderBound, isOrdered, isSize, matchesValue, ORDERS, type Order } from './operators.js';
import { LOGICAL_OPERATORS } from './operator-table.js';
import { SELF, type AttributePath } from './path.js';
import { compileTextMatcher, isAllowedFlags, MAX_SUBJECT_LENGTH, type TextMatcher } from './regex.js';
import { equalsNull, foldedMembersOf, isIn, isInFolded, isPlainObject, membersOf, type Members, type ValueTest } from './values.js';
import { hasType, typeIndex } from './value-type.js';
import { isVersion, paddedVersion, VERSION_ORDERS, versionHolds, type VersionOrder } from './version.js';
import type { PathSlots, RuleView } from './view.js';

// Tree node kinds; a field test's kind is also its opcode, or is refined into one by
// `opcodeOf` (so the interpreter's comparisons each see one type of operand).
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
/** `$elemMatch` of operators: some element passes the element code starting at `detail`. */
const ELEMENTS = 11;
// Refined opcodes: equality with a string / number / boolean, an ordering on a number, a literal regex.
const EQUALS_TEXT = 12;
const EQUALS_NUMBER = 13;
const EQUALS_BOOLEAN = 20;
const GREATER = 14;
const GREATER_EQUAL = 15;
const LESS = 16;
const LESS_EQUAL = 17;
const PREFIX = 18;
const SUFFIX = 19;
/** A lower and an upper numeric bound on one path, both made inclusive (see `rangeLeaf`). */
const RANGE = 21;
/** `$elemMatch` of one string equality or one `$in`: no element code to run per element. */
const SOME_EQUALS_TEXT = 22;
const SOME_IN = 23;
// GrowthBook's additions: `$type` (detail: the type), `$ini`/`$nini`/`$alli` (folded
// members), and the version comparisons (the padded bound as text, detail: the order).
const TYPE = 24;
const IN_FOLDED = 25;
const VERSION = 26;

/** Jump targets past the end of a condition: it holds, or it fails. */
const HOLDS = -1;
const FAILS = -2;

/** The slot of an element test, which reads the element its `$elemMatch` hands over. */
const NO_SLOT = -1;

/**
 * A field test before it is a node: its kind, its operand (a constant), `detail` (the
 * index in ORDERS of an ordering, 1 or 0 for `$exists: true/false`, the length of
 * `$size`), and `elements`: the element tests of an `$elemMatch` (kind ELEMENTS).
 */
type Leaf = { kind: number; operand: unknown; detail?: number; negated?: boolean; elements?: Leaf[] };

export class Program implements TestBuilder<number> {
  // The tree, one entry per node. `first`/`end`: the range of children of ALL/ANY (in
  // `children`), or the constant of a field test (`first`) and its `detail` (`end`). A
  // node is never shared, so `not` flips the node's `negated` instead of adding a node.
  private readonly kind: number[] = [];
  private readonly negated: boolean[] = [];
  private readonly first: number[] = [];
  private readonly end: number[] = [];
  private readonly slot: number[] = [];
  private readonly children: number[] = [];
  private readonly constants: unknown[] = [];

  // The code, one entry per instruction, in parallel arrays of one element kind each:
  // the opcode, the slot read, the operand as built (for the general case), its number
  // or text when the opcode wants one, `detail` for ELEMENTS/EXISTS/SIZE, the jumps.
  private readonly op: number[] = [];
  private readonly opSlot: number[] = [];
  private readonly opConstant: unknown[] = [];
  private readonly opNumber: number[] = [];
  private readonly opText: string[] = [];
  /** The inclusive upper bound of RANGE (opNumber holds the lower one). */
  private readonly opHigh: number[] = [];
  private readonly onTrue: number[] = [];
  private readonly onFalse: number[] = [];

  constructor(private readonly slots: PathSlots) {}

  /**
   * Lowers condition `node` to code; returns where it starts (or HOLDS/FAILS for a
   * condition known at compile time), for `run`. Lower only once all conditions are built.
   */
  lower(node: number): number {
    return this.emit(node, HOLDS, FAILS);
  }

  /** Does the condition starting at `entry` hold in `view`? */
  run(entry: number, view: RuleView): boolean {
    const { opSlot, onTrue, onFalse } = this;
    let pc = entry;
    while (pc >= 0) {
      const slot = opSlot[pc];
      let value = view[slot];
      // Only THROUGH_ARRAY is a symbol (see view.ts); a typeof test is cheaper than ===.
      if (typeof value === 'symbol') value = this.slots.read(view, slot);
      pc = this.test(pc, value) ? onTrue[pc] : onFalse[pc];
    }
    return pc === HOLDS;
  }

  /** Does the element code starting at `entry` hold for `value`? */
  private runOn(entry: number, value: unknown): boolean {
    let pc = entry;
    while (pc >= 0) pc = this.test(pc, value) ? this.onTrue[pc] : this.onFalse[pc];
    return pc === HOLDS;
  }

  /**
   * Instruction `pc`'s field test on `value`, before any negation. One switch for all
   * opcodes: it is past the engine's inlining limit anyway, and a second function for
   * the rarer opcodes cost a second call on a quarter of the bench's instructions (~4%).
   */
  private test(pc: number, value: unknown): boolean {
    switch (this.op[pc]) {
      // A value of another type is unequal, but an array may hold the constant.
      case EQUALS_TEXT:
        return typeof value === 'string' ? value === this.opText[pc] : Array.isArray(value) && value.includes(this.opText[pc]);
      case EQUALS_NUMBER:
        return typeof value === 'number' ? value === this.opNumber[pc] : Array.isArray(value) && value.includes(this.opConstant[pc]);
      case EQUALS_BOOLEAN:
        return typeof value === 'boolean' ? value === (this.opNumber[pc] === 1) : Array.isArray(value) && value.includes(this.opConstant[pc]);
      case GREATER:
        return typeof value === 'number' ? value > this.opNumber[pc] : isOrdered('$gt', this.opNumber[pc], value);
      case GREATER_EQUAL:
        return typeof value === 'number' ? value >= this.opNumber[pc] : isOrdered('$gte', this.opNumber[pc], value);
      case LESS:
        return typeof value === 'number' ? value < this.opNumber[pc] : isOrdered('$lt', this.opNumber[pc], value);
      case LESS_EQUAL:
        return typeof value === 'number' ? value <= this.opNumber[pc] : isOrdered('$lte', this.opNumber[pc], value);
      case RANGE:
        return typeof value === 'number' ? value >= this.opNumber[pc] && value <= this.opHigh[pc] : isInRange(this.opConstant[pc] as Range, value);
      case IN:
        return isIn(this.opConstant[pc] as Members, value);
      case EXISTS:
        return exists(value) === (this.opNumber[pc] === 1);
      case PREFIX:
        return typeof value === 'string' && value.length <= MAX_SUBJECT_LENGTH
          ? value.startsWith(this.opText[pc])
          : matchesValue(this.opConstant[pc] as TextMatcher, value);
      case SUFFIX:
        return typeof value === 'string' && value.length <= MAX_SUBJECT_LENGTH
          ? value.endsWith(this.opText[pc])
          : matchesValue(this.opConstant[pc] as TextMatcher, value);
      case EQUALS_NULL:
        return equalsNull(value);
      case ORDERED:
        return isOrdered(ORDERS[this.opNumber[pc]], this.opConstant[pc] as string | number, value);
      case MATCHES:
        return matchesValue(this.opConstant[pc] as TextMatcher, value);
      case SIZE:
        return hasSize(value, this.opNumber[pc]);
      case ELEMENTS: {
        if (!Array.isArray(value)) return false;
        const entry = this.opNumber[pc];
        for (let i = 0; i < value.length; i++) if (this.runOn(entry, value[i])) return true;
        return false;
      }
      case SOME_EQUALS_TEXT:
        return Array.isArray(value) && someEquals(value, this.opText[pc]);
      case SOME_IN: {
        if (!Array.isArray(value)) return false;
        const members = this.opConstant[pc] as Members;
        for (let i = 0; i < value.length; i++) if (isIn(members, value[i])) return true;
        return false;
      }
      case IN_FOLDED:
        return isInFolded(this.opConstant[pc] as Members, value);
      case TYPE:
        return hasType(value, this.opNumber[pc]);
      case VERSION:
        return versionHolds(this.opNumber[pc], this.opText[pc], value);
      default:
        return (this.opConstant[pc] as ValueTest)(value);
    }
  }

  private emit(node: number, whenTrue: number, whenFalse: number): number {
    if (this.negated[node]) [whenTrue, whenFalse] = [whenFalse, whenTrue];
    const kind = this.kind[node];
    if (kind === TRUE) return whenTrue;
    if (kind === ALL || kind === ANY) {
      // Children are emitted last to first, so each knows where its successor starts:
      // in ALL a child that holds goes on to the next, in ANY a child that fails does.
      let next = kind === ALL ? whenTrue : whenFalse;
      for (let i = this.end[node] - 1; i >= this.first[node]; i--) {
        const child = this.children[i];
        next = kind === ALL ? this.emit(child, next, whenFalse) : this.emit(child, whenTrue, next);
      }
      return next;
    }
    const constant = this.constants[this.first[node]];
    // ELEMENTS: its element code (a tree node) is emitted first, and its start is the detail.
    const detail = kind === ELEMENTS ? this.emit(this.end[node], HOLDS, FAILS) : this.end[node];
    const op = opcodeOf(kind, constant, detail);
    this.op.push(op);
    this.opSlot.push(this.slot[node]);
    this.opConstant.push(constant);
    this.opNumber.push(
      op === RANGE ? (constant as Range).low : typeof constant === 'number' && op !== ORDERED ? constant : typeof constant === 'boolean' ? Number(constant) : detail,
    );
    this.opHigh.push(op === RANGE ? (constant as Range).high : 0);
    this.opText.push(op === PREFIX || op === SUFFIX ? (constant as { literal: string }).literal : typeof constant === 'string' ? constant : '');
    this.onTrue.push(whenTrue);
    return this.onFalse.push(whenFalse) - 1;
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
    return this.leaves(leaves, slot);
  }

  private leaves(leaves: Leaf[], slot: number): number {
    return this.all(
      leaves.map(({ kind, operand, detail = 0, negated, elements }) => {
        if (elements) detail = this.leaves(elements, NO_SLOT);
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

/** The opcode for a field test of `kind` on `constant`: a refined one where it fits. */
function opcodeOf(kind: number, constant: unknown, detail: number): number {
  // A literal is a string, a number or a boolean (see `literal`).
  if (kind === EQUALS) return typeof constant === 'string' ? EQUALS_TEXT : typeof constant === 'number' ? EQUALS_NUMBER : EQUALS_BOOLEAN;
  if (kind === ORDERED && typeof constant === 'number') return [GREATER, GREATER_EQUAL, LESS, LESS_EQUAL][detail];
  if (kind === MATCHES) {
    const matcher = constant as TextMatcher;
    return matcher.kind === 'prefix' ? PREFIX : matcher.kind === 'suffix' ? SUFFIX : MATCHES;
  }
  return kind;
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
  return merged(leaves);
}

/**
 * The leaves of one field as fewer instructions, answering alike: `$exists: true` beside
 * an ordering goes (an ordering only holds on a present value), and a numeric lower and
 * upper bound become one RANGE. On an array each bound may hold on a different element,
 * so RANGE tests a value that is not a number with the two orderings one after the other.
 */
function merged(leaves: Leaf[]): Leaf[] {
  const ordered = leaves.filter((leaf) => leaf.kind === ORDERED && !leaf.negated);
  if (ordered.length === 0) return leaves;
  let kept = leaves.filter((leaf) => leaf.kind !== EXISTS || leaf.detail !== 1);
  const lower = ordered.find((leaf) => typeof leaf.operand === 'number' && leaf.detail! < 2);
  const upper = ordered.find((leaf) => typeof leaf.operand === 'number' && leaf.detail! >= 2);
  if (lower && upper) kept = [...kept.filter((leaf) => leaf !== lower && leaf !== upper), rangeLeaf(lower, upper)];
  return kept;
}

/** Bounds of RANGE: its orderings for non-numbers, and inclusive bounds for numbers. */
interface Range {
  orders: [Order, number][];
  low: number;
  high: number;
}

/**
 * A strict bound on a number is the inclusive bound one double further: `value > x` is
 * `value >= nextUp(x)` for every finite x (bounds are finite, see `isOrderBound`).
 */
function rangeLeaf(lower: Leaf, upper: Leaf): Leaf {
  const low = lower.operand as number;
  const high = upper.operand as number;
  const range: Range = {
    orders: [
      [ORDERS[lower.detail!], low],
      [ORDERS[upper.detail!], high],
    ],
    low: ORDERS[lower.detail!] === '$gt' ? nextUp(low) : low,
    high: ORDERS[upper.detail!] === '$lt' ? -nextUp(-high) : high,
  };
  return { kind: RANGE, operand: range };
}

function isInRange({ orders }: Range, value: unknown): boolean {
  return isOrdered(orders[0][0], orders[0][1], value) && isOrdered(orders[1][0], orders[1][1], value);
}

/** The least double above finite `x`. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const integer = new BigInt64Array(bits.buffer);
  // Positive doubles grow with their bit pattern, negative ones shrink toward zero with it.
  integer[0] += x > 0 ? 1n : -1n;
  return bits[0];
}

/** MongoDB equality of some element with `text`: the element is it, or an array holding it. */
function someEquals(value: unknown[], text: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const element = value[i];
    if (element === text || (Array.isArray(element) && element.includes(text))) return true;
  }
  return false;
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
    case '$ini':
    case '$nini':
      return Array.isArray(value) ? [{ kind: IN_FOLDED, operand: foldedMembersOf(value), negated: operator === '$nini' }] : null;
    case '$alli': {
      // `$all` with each string compared case-insensitively, as one folded `$in` each.
      if (!Array.isArray(value) || value.length === 0) return null;
      const leaves = value.map((item) => (typeof item === 'string' ? { kind: IN_FOLDED, operand: foldedMembersOf([item]) } : literal(item)));
      return leaves.every((leaf) => leaf !== null) ? (leaves as Leaf[]) : null;
    }
    case '$type': {
      const type = typeIndex(value);
      return type < 0 ? null : [{ kind: TYPE, operand: null, detail: type }];
    }
    case '$veq':
    case '$vne':
    case '$vgt':
    case '$vgte':
    case '$vlt':
    case '$vlte': {
      if (!isVersion(value)) return null;
      const order = operator === '$vne' ? '$veq' : (operator as VersionOrder);
      return [{ kind: VERSION, operand: paddedVersion(value), detail: VERSION_ORDERS.indexOf(order), negated: operator === '$vne' }];
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return isOrderBound(value) ? [{ kind: ORDERED, operand: value, detail: ORDERS.indexOf(operator as Order) }] : null;
    case '$exists':
      return typeof value === 'boolean' ? [{ kind: EXISTS, operand: null, detail: value ? 1 : 0 }] : null;
    case '$regex':
    case '$regexi': {
      const options = operator === '$regexi' ? 'i' : (siblings.$options ?? '');
      if (typeof value !== 'string' || !isAllowedFlags(options)) return null;
      const matcher = compileTextMatcher(value, options);
      return 'problem' in matcher ? null : [{ kind: MATCHES, operand: matcher }];
    }
    case '$elemMatch': {
      // Operators on each element (not documents: those read fields of the element).
      if (!isPlainObject(value) || Object.keys(value).some((key) => LOGICAL_OPERATORS.has(key))) return null;
      const elements = leavesOf(value);
      if (elements === null || elements.length === 0 || !isOperatorObject(value)) return null;
      return [someElement(elements) ?? { kind: ELEMENTS, operand: null, elements }];
    }
    case '$not': {
      // One field test, negated; several would need a negated group of their own.
      const inner = isOperatorObject(value) ? leavesOf(value) : null;
      return inner !== null && inner.length === 1 ? [{ ...inner[0], negated: !inner[0].negated }] : null;
    }
    case '$options':
      return 'none';
    default:
      return null;
  }
}

/** `$elemMatch` of one string equality or one `$in` as one instruction, or null. */
function someElement(elements: Leaf[]): Leaf | null {
  if (elements.length !== 1 || elements[0].negated) return null;
  const [{ kind, operand }] = elements;
  if (kind === EQUALS && typeof operand === 'string') return { kind: SOME_EQUALS_TEXT, operand };
  return kind === IN ? { kind: SOME_IN, operand } : null;
}

function literal(value: unknown): Leaf | null {
  if (value === null) return { kind: EQUALS_NULL, operand: null };
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? { kind: EQUALS, operand: value } : null;
}
