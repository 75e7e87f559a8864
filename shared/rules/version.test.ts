import { paddedVersionString } from '@growthbook/growthbook';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVersion, paddedVersion, VERSION_ORDERS, versionHolds } from './version.js';

// Version-like text, odd text included: GrowthBook's padding must be matched on anything.
const part = fc.oneof(fc.nat({ max: 123456 }).map(String), fc.constantFrom('rc', 'beta', 'alpha', 'x-y', '007', ''));
const version = fc
  .tuple(fc.constantFrom('', 'v', 'V'), fc.array(part, { minLength: 1, maxLength: 5 }), fc.constantFrom('.', '-'), fc.constantFrom('', '+build.5', '+'))
  .map(([prefix, parts, separator, build]) => prefix + parts.join(separator) + build);

describe('versions as GrowthBook compares them', () => {
  it('pads any string exactly as GrowthBook paddedVersionString does', () => {
    fc.assert(
      fc.property(fc.oneof(version, fc.string()), (text) => {
        expect(paddedVersion(text)).toBe(paddedVersionString(text));
      }),
    );
  });

  it('orders two versions as GrowthBook does, for every comparison', () => {
    fc.assert(
      fc.property(version.filter(isVersion), version, (bound, value) => {
        const [ours, theirs] = [paddedVersion(value), paddedVersionString(bound)];
        const expected = [ours === theirs, ours > theirs, ours >= theirs, ours < theirs, ours <= theirs];
        expect(VERSION_ORDERS.map((_, order) => versionHolds(order, paddedVersion(bound), value))).toEqual(expected);
      }),
    );
  });

  it.each([
    ['1.2.3', true],
    ['v1.2.3-rc.1+build.5', true],
    ['10', true],
    ['1.2.3.4', true],
    ['1.0.0-', false],
    ['latest', false],
    ['', false],
    ['1..2', false],
    [' 1.2', false],
  ])('accepts %j as an operand: %s', (text, accepted) => {
    expect(isVersion(text)).toBe(accepted);
  });
});
