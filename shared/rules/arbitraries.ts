/**
 * Generated conditions and visitors for property tests of the rule engine: values of every
 * JSON type, arrays mixing them, nested arrays, documents, long text, so each opcode's
 * fast path (one type) and its fallback (any other value) get exercised.
 */
import fc from 'fast-check';

const long = `/books/${'x'.repeat(2100)}-AT`; // past the searched length, so 'AT$' must not match
const scalar = fc.constantFrom<unknown>('a', 'b', 'B', '1', 1, 2, 2.5, 0, -1, true, false, null, '/books/a', 'de-AT', '1.2.3', 'v1.10.0-rc.1', '1.10.0', long);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }),
  fc.record({ v: scalar }),
  fc.array(fc.record({ v: scalar }), { maxLength: 3 }),
);
export const visitor = fc.record({ a: value, b: fc.record({ c: value, d: value }), list: fc.array(fc.record({ v: scalar }), { maxLength: 3 }) }, { requiredKeys: [] });

const path = fc.constantFrom('a', 'b.c', 'b.d', 'b', 'list.v', 'list.0.v', 'missing.x');
const operand = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }),
  fc.record({ $ne: scalar }),
  fc.record({ $in: fc.array(scalar, { maxLength: 10 }) }),
  fc.record({ $nin: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ $gte: fc.constantFrom(1, 'b'), $lt: fc.constantFrom(2.5, 'c') }),
  fc.record({ $lte: fc.constantFrom(0, 2, 'a') }),
  fc.record({ $gt: fc.constantFrom(-1, 2, '1') }),
  fc.record({ $exists: fc.boolean() }),
  fc.record({ $regex: fc.constantFrom('^/books/', 'AT$', 'b', '^a$', '^d.-') }),
  fc.record({ $size: fc.constantFrom(0, 1, 2) }),
  fc.record({ $all: fc.array(scalar, { minLength: 1, maxLength: 2 }) }),
  fc.record({ $elemMatch: fc.oneof(fc.record({ $eq: scalar }), fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }), fc.record({ $gte: fc.constantFrom(1, 'a') }), fc.record({ v: scalar })) }),
  fc.record({ $not: fc.record({ $in: fc.array(scalar, { maxLength: 2 }) }) }),
  // Merged at compile time: numeric bounds into one range, $exists beside an ordering.
  fc.record({ $gt: fc.constantFrom(-1, 1, 2), $lt: fc.constantFrom(1, 2, 2.5) }),
  fc.record({ $exists: fc.boolean(), $gte: fc.constantFrom(1, 'b') }),
  fc.record({ $not: fc.record({ $gt: fc.constantFrom(0, 1), $lte: fc.constantFrom(1, 2) }) }),
  fc.record({ $exists: fc.boolean(), $not: fc.record({ $gt: fc.constantFrom(1, 'a') }) }),
  fc.record({ $elemMatch: fc.record({ $ne: scalar }) }),
  // GrowthBook's additions.
  fc.record({ $type: fc.constantFrom('string', 'number', 'boolean', 'array', 'object', 'null') }),
  fc.record({ $ini: fc.array(scalar, { maxLength: 10 }) }),
  fc.record({ $nini: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ $alli: fc.array(scalar, { minLength: 1, maxLength: 2 }) }),
  fc.record({ $regexi: fc.constantFrom('^/BOOKS/', 'at$', 'B', '^d.-') }),
  fc.dictionary(fc.constantFrom('$veq', '$vne', '$vgt', '$vgte', '$vlt', '$vlte'), fc.constantFrom('1.2.3', 'v1.10.0', '1.10.0-rc.1', '1'), { minKeys: 1, maxKeys: 2 }),
  fc.record({ $elemMatch: fc.oneof(fc.record({ $ini: fc.array(scalar, { maxLength: 3 }) }), fc.record({ $vgt: fc.constant('1.2.0') }), fc.record({ $type: fc.constant('string') })) }),
  fc.record({ $not: fc.oneof(fc.record({ $type: fc.constant('number') }), fc.record({ $vlt: fc.constant('1.5.0') })) }),
  fc.record({ $elemMatch: fc.record({ v: fc.oneof(fc.record({ $gte: fc.constantFrom(1, 'a') }), fc.record({ $exists: fc.boolean() }), fc.record({ $elemMatch: fc.record({ $eq: scalar }) })) }) }),
);
const field = fc.tuple(path, operand).map(([key, test]) => ({ [key]: test }));
export const condition: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ condition: Record<string, unknown> }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    field,
    fc.tuple(field, field).map(([first, second]) => ({ ...first, ...second })),
    fc.record({ $and: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $nor: fc.array(tie('condition'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ $not: tie('condition') }),
  ),
})).condition;
