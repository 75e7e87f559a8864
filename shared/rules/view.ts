/**
 * Path slots and views: the distinct attribute paths of a rule set, numbered, and per
 * visitor an array holding each path's value, all read once when the view is made.
 *
 * View contract: a view is a snapshot of the attribute tree, valid while the tree does
 * not change, with one exception: an array may grow in place. A path ending at an array
 * holds the array itself, so in-place pushes stay visible (decide pushes each matched
 * segment into `attrs.segments` while it evaluates later segments, which must see them);
 * a path that steps into an array (`segments.0`, `traits.items.price`) is never cached
 * and is read from the live tree on every use, with MongoDB's mapping over elements.
 * The index of a long array (array-index.ts) is kept in the view too, and takes in
 * pushed elements as it is asked.
 */
import { readAttribute } from './attribute-names.js';
import type { Attributes } from './compile.js';
import { compilePath, readPath, type AttributePath } from './path.js';

/** The values of a rule set's paths for one visitor; slot 0 is the attribute tree. */
export type RuleView = unknown[];

/**
 * Marks a slot whose path steps into an array. Attribute values are JSON, so never a
 * symbol: `typeof value === 'symbol'` finds it, cheaper than `===` on a value of any type.
 */
const THROUGH_ARRAY = Symbol('through an array');

export class PathSlots {
  // Per slot, the one key the path adds to its parent's path (see `readPath` for the
  // fields), and the whole path for the live read of a path through an array. A parent
  // always has a lower slot than its children, so one pass in slot order reads them all.
  private readonly parent: number[] = [-1];
  private readonly key: string[] = [''];
  private readonly id: number[] = [-1];
  private readonly inherited: boolean[] = [false];
  readonly path: AttributePath[] = [compilePath('')];
  private readonly slots = new Map<string, number>([['', 0]]);
  /** One undefined per slot (an array of objects, so a view never changes element kind). */
  private readonly blank: unknown[] = [{}];

  /** The slot of a path (prefixes get slots too, so a shared prefix is read once). */
  slotOf(keys: readonly string[]): number {
    const name = keys.join('.');
    let slot = this.slots.get(name);
    if (slot === undefined) {
      const parent = this.slotOf(keys.slice(0, -1));
      const path = compilePath(name);
      const last = keys.length - 1;
      this.parent.push(parent);
      this.key.push(keys[last]);
      this.id.push(path.ids[last]);
      this.inherited.push(path.inherited[last]);
      slot = this.path.push(path) - 1;
      this.blank.push(undefined);
      this.slots.set(name, slot);
    }
    return slot;
  }

  /** The paths with slots, in slot order from slot 1. */
  paths(): string[] {
    return this.path.slice(1).map((path) => path.keys.join('.'));
  }

  /** Reads every path of `attrs`: one step of `readPath` per slot, from the parent's value. */
  view(attrs: Attributes): RuleView {
    // Copied from a blank of full length: growing by push would copy the array several times.
    const view: RuleView = this.blank.slice();
    view[0] = attrs;
    // Locals: the engine cannot tell these fields never change, so it would reload them.
    const { parent: parents, id: ids, key: keys, inherited } = this;
    for (let slot = 1; slot < parents.length; slot++) {
      const parent = view[parents[slot]];
      // An object: the common case, tested first. A missing parent leaves the blank's undefined.
      if (typeof parent === 'object' && parent !== null) {
        if (Array.isArray(parent)) view[slot] = THROUGH_ARRAY;
        else if (ids[slot] >= 0) view[slot] = readAttribute(parent as Record<string, unknown>, ids[slot], keys[slot]);
        else if (!inherited[slot] || Object.hasOwn(parent, keys[slot])) view[slot] = (parent as Record<string, unknown>)[keys[slot]];
      } else if (typeof parent === 'symbol') view[slot] = THROUGH_ARRAY;
    }
    return view;
  }

  /**
   * Per-view things a rule set keeps past the slots (the indexes of long arrays, see
   * program.ts): made on first use, so only views that need them pay for them.
   */
  extras<T>(view: RuleView, make: () => T): T {
    const at = this.parent.length;
    return (view[at] ??= make()) as T;
  }

  /** The value of path `slot` in `view`. */
  read(view: RuleView, slot: number): unknown {
    const value = view[slot];
    return typeof value === 'symbol' ? readPath(view[0], this.path[slot]) : value;
  }
}
