import { describe, expect, it } from 'vitest';
import { suggestionAt } from './condition-context.js';

describe('suggestionAt', () => {
  it.each([
    ['a config field outside any rule', ['segments', '[]'], true, null],
    ['the top of a segment rule', ['segments', '[]', 'when'], true, 'condition-keys'],
    ['inside $and', ['segments', '[]', 'when', '$and', '[]'], true, 'condition-keys'],
    ['an attribute’s test', ['segments', '[]', 'when', 'rfm.recencyDays'], true, 'operators'],
    ['a test under $not', ['personas', '[]', 'when', 'rfm.r', '$not'], true, 'operators'],
    ['an element rule under $elemMatch', ['segments', '[]', 'when', 'traits.items', '$elemMatch'], true, 'condition-keys'],
    ['an operand', ['segments', '[]', 'when', 'rfm.r', '$in'], true, null],
    ['an experiment audience', ['experiments', '[]', 'audience'], true, 'condition-keys'],
    ['a goal filter', ['experiments', '[]', 'goal', 'filter'], true, 'condition-keys'],
    ['the value of "segments"', ['slots', 'hero', 'variants', '[]', 'when', 'segments'], false, 'segment-ids'],
    ['a segment in $in', ['slots', 'hero', 'variants', '[]', 'when', 'segments', '$in', '[]'], false, 'segment-ids'],
    ['a segment inside $or', ['experiments', '[]', 'audience', '$or', '[]', 'segments'], false, 'segment-ids'],
    ['another attribute’s value', ['segments', '[]', 'when', 'context.source'], false, null],
    ['a variant id (not a rule)', ['slots', 'hero', 'variants', '[]', 'id'], false, null],
  ])('%s', (_name, keys, inName, kind) => {
    expect(suggestionAt(keys, inName)?.kind ?? null).toBe(kind);
  });
});
