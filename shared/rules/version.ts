/**
 * GrowthBook's semantic-version comparisons (`$veq $vne $vgt $vgte $vlt $vlte`), answered
 * as GrowthBook answers them: both versions become its padded string and the strings are
 * compared. A leading "v" and a "+build" suffix are dropped, numeric parts are padded so
 * "10" sorts after "9", and a version of exactly three parts gets a "~" part, which sorts
 * after any pre-release tag ("1.0.0-rc.1" < "1.0.0"). "1.0" and "1.0.0" differ, as there.
 *
 * Where GrowthBook reads a missing attribute or a number as a version, the MongoDB rule of
 * the rest of the language stands: only a string (or an array element that is one) is a
 * version, so a missing attribute never satisfies `$vgt` and friends.
 */

/** The comparisons; `$vne` is `$veq` negated, so it holds for a missing attribute as `$ne` does. */
export const VERSION_ORDERS = ['$veq', '$vgt', '$vgte', '$vlt', '$vlte'] as const;
export type VersionOrder = (typeof VERSION_ORDERS)[number];

/** A version operand: digits and dots, optionally "v" before, "-pre.release" and "+build" after. */
const VERSION = /^v?[0-9]+(\.[0-9]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z.-]*)?$/;

export function isVersion(operand: unknown): operand is string {
  return typeof operand === 'string' && VERSION.test(operand);
}

/** GrowthBook's `paddedVersionString` for a string (util.ts in @growthbook/growthbook). */
export function paddedVersion(version: string): string {
  const parts = (version || '0').replace(/(^v|\+.*$)/g, '').split(/[-.]/);
  if (parts.length === 3) parts.push('~');
  return parts.map((part) => (/^[0-9]+$/.test(part) ? part.padStart(5, ' ') : part)).join('-');
}

/**
 * Padding costs ~0.5 µs (a lookup here ~0.015 µs), and a site's visitors carry few
 * distinct versions, so the padded form of recent short attribute values is kept. A
 * cache of a pure function: bounded in entries and length, emptied when full, and no
 * answer depends on it.
 */
const padded = new Map<string, string>();
const PADDED_LIMIT = 512;
const CACHED_LENGTH = 64;

function paddedCached(version: string): string {
  if (version.length > CACHED_LENGTH) return paddedVersion(version);
  let result = padded.get(version);
  if (result === undefined) {
    if (padded.size >= PADDED_LIMIT) padded.clear();
    result = paddedVersion(version);
    padded.set(version, result);
  }
  return result;
}

/**
 * Does the version `value` (a string, or an array holding one) stand in comparison
 * `order` (an index into VERSION_ORDERS) to `bound`, given padded (see `paddedVersion`)?
 */
export function versionHolds(order: number, bound: string, value: unknown): boolean {
  if (typeof value === 'string') return inVersionOrder(order, paddedCached(value), bound);
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] === 'string' && inVersionOrder(order, paddedCached(value[i]), bound)) return true;
  }
  return false;
}

function inVersionOrder(order: number, value: string, bound: string): boolean {
  switch (order) {
    case 0:
      return value === bound;
    case 1:
      return value > bound;
    case 2:
      return value >= bound;
    case 3:
      return value < bound;
    default:
      return value <= bound;
  }
}
