import { describe, expect, it } from 'vitest';
import { diffLines, hunks } from './line-diff.js';

const kinds = (old: string, now: string) => diffLines(old, now).map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

describe('diffLines', () => {
  it.each([
    ['equal texts', 'a\nb', 'a\nb', [' a', ' b']],
    ['one changed line', 'a\nb\nc', 'a\nB\nc', [' a', '-b', '+B', ' c']],
    ['an added line', 'a\nc', 'a\nb\nc', [' a', '+b', ' c']],
    ['a removed line', 'a\nb\nc', 'a\nc', [' a', '-b', ' c']],
    ['a moved line keeps the longest common part', 'a\nb\nc\nd', 'b\nc\nd\na', ['-a', ' b', ' c', ' d', '+a']],
    ['from nothing', '', 'x', ['-', '+x']],
  ])('%s', (_name, old, now, expected) => {
    expect(kinds(old, now)).toEqual(expected);
  });

  it('numbers lines in the old and the new text', () => {
    expect(diffLines('a\nb\nc', 'a\nx\ny\nc')).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2 },
      { kind: 'added', text: 'x', newLine: 2 },
      { kind: 'added', text: 'y', newLine: 3 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 4 },
    ]);
  });

  it('stays correct on texts too large to align', () => {
    const old = Array.from({ length: 2500 }, (_, i) => `o${i}`).join('\n');
    const now = Array.from({ length: 2500 }, (_, i) => `n${i}`).join('\n');
    const lines = diffLines(old, now);
    expect(lines.filter((l) => l.kind === 'removed')).toHaveLength(2500);
    expect(lines.filter((l) => l.kind === 'added')).toHaveLength(2500);
  });
});

describe('hunks', () => {
  it('keeps three lines of context around each change and splits distant changes', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const now = [...old];
    now[2] = 'changed-2';
    now[17] = 'changed-17';
    const out = hunks(diffLines(old.join('\n'), now.join('\n')));
    expect(out).toHaveLength(2);
    expect(out[0].map((l) => l.text)).toEqual(['l0', 'l1', 'l2', 'changed-2', 'l3', 'l4', 'l5']);
    expect(out[1][0].text).toBe('l14');
  });

  it('is empty when nothing changed', () => {
    expect(hunks(diffLines('a\nb', 'a\nb'))).toEqual([]);
  });
});
