/**
 * Membership of a long array's elements, for the equality and `$in` tests of a rule set
 * on it. Scanning costs a step per element on every test, so a visitor's `segments`,
 * which decide grows while it evaluates thousands of segments that ask it, made decide's
 * cost grow with the square of the segment count. An index answers in one step.
 *
 * Those tests only ever ask for the scalars a rule set compares with (its constants,
 * numbered once when it is compiled), so the index is a bit per constant: taking in an
 * element is one lookup of its number, and nothing else is kept.
 *
 * An index belongs to one view (view.ts), so to one visitor and one request, and it
 * follows the view contract: the array may grow in place, so each question first takes
 * in the elements pushed since the last one.
 */

/** Shorter arrays are scanned: taking in an element costs about as much as a test scanning ~50. */
export const INDEXED_LENGTH = 256;

export class ArrayIndex {
  private readonly bits: Uint8Array;
  private seen = 0;
  /** Some element is itself an array, which `$elemMatch` equality reaches into. */
  private nested = false;

  /** `constants`: the number of each scalar the rule set compares with. */
  constructor(
    readonly array: readonly unknown[],
    private readonly constants: ReadonlyMap<unknown, number>,
  ) {
    this.bits = new Uint8Array(constants.size);
  }

  /** Does some element equal constant number `id`, as `includes` compares (SameValueZero, as a Map)? */
  has(id: number): boolean {
    this.catchUp();
    return this.bits[id] === 1;
  }

  /** Does some element equal one of the constants numbered `ids`? */
  hasAny(ids: readonly number[]): boolean {
    this.catchUp();
    for (let i = 0; i < ids.length; i++) if (this.bits[ids[i]] === 1) return true;
    return false;
  }

  /** Does some element hold elements of its own (so tests of each element must look inside)? */
  holdsArrays(): boolean {
    this.catchUp();
    return this.nested;
  }

  private catchUp(): void {
    const { array, bits, constants } = this;
    for (let i = this.seen; i < array.length; i++) {
      const element = array[i];
      const id = constants.get(element);
      if (id !== undefined) bits[id] = 1;
      else if (Array.isArray(element)) this.nested = true;
    }
    this.seen = array.length;
  }
}
