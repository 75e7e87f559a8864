import { describe, expect, it } from 'vitest';
import { referencedSegments } from './compile.js';

type Row = [name: string, condition: unknown, ids: string[]];

const rows: Row[] = [
  ['implicit equality', { segments: 'a' }, ['a']],
  ['$eq and $ne', { segments: { $eq: 'a', $ne: 'b' } }, ['a', 'b']],
  ['$in', { segments: { $in: ['a', 'b'] } }, ['a', 'b']],
  ['$nin', { segments: { $nin: ['a'] } }, ['a']],
  ['$all', { segments: { $all: ['a', 'b'] } }, ['a', 'b']],
  ['$elemMatch', { segments: { $elemMatch: { $eq: 'a' } } }, ['a']],
  ['$elemMatch with $in', { segments: { $elemMatch: { $in: ['a', 'b'] } } }, ['a', 'b']],
  ['$not with an operator object', { segments: { $not: { $in: ['a'] } } }, ['a']],
  ['$not with a regex string is no id', { segments: { $not: '^a' } }, []],
  ['whole-array equality', { segments: ['a', 'b'] }, ['a', 'b']],
  ['inside $and, $or, $nor and $not', { $and: [{ $or: [{ segments: 'a' }, { $nor: [{ segments: 'b' }] }] }, { $not: { segments: 'c' } }] }, ['a', 'b', 'c']],
  ['each id once, in order of appearance', { segments: 'a', $or: [{ segments: { $in: ['b', 'a'] } }] }, ['a', 'b']],
  ['other attributes are not segments', { interests: 'a', 'segments.0': 'b', 'traits.segments': 'c' }, []],
  ['$size and $exists carry no ids', { segments: { $size: 2, $exists: true } }, []],
  ['$ini, $nini and $alli, ids as written', { segments: { $ini: ['A'], $nini: ['b'], $alli: ['c'] } }, ['A', 'b', 'c']],
  ['$type, $regexi and versions carry no ids', { segments: { $type: 'array', $regexi: 'a', $vgt: '1.0.0' } }, []],
  ['not a condition', 'segments', []],
];

describe('referencedSegments', () => {
  it.each(rows)('%s', (_name, condition, ids) => {
    expect(referencedSegments(condition)).toEqual(ids);
  });
});
