import { describe, expect, it } from 'vitest';
import { outline } from './outline.js';

const text = JSON.stringify(
  {
    site: 'shop',
    segments: [{ id: 'thriller-lovers', name: 'Thriller lovers', when: {} }, { id: 'champions', when: {} }],
    slots: { hero: { default: { headline: 'Hi' } } },
    experiments: [],
    journeys: [{ id: 'welcome', steps: [] }],
  },
  null,
  2,
);
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('outline', () => {
  it('lists each entity with its name and the line it starts on', () => {
    const groups = outline(text)!;
    expect(groups.map((g) => g.title)).toEqual(['Segments', 'Slots', 'Journeys']);
    expect(groups[0].entries.map((e) => [e.id, e.label, e.line])).toEqual([
      ['thriller-lovers', 'Thriller lovers', lineOf('"thriller-lovers"') - 1],
      ['champions', 'champions', lineOf('"champions"') - 1],
    ]);
    expect(groups[1].entries[0]).toMatchObject({ id: 'hero', line: lineOf('"hero"') });
    expect(text.slice(groups[1].entries[0].from).startsWith('"hero"')).toBe(true);
  });

  it.each([
    ['text that is not JSON', '{"site": ', null],
    ['JSON that is not an object', '[1, 2]', []],
  ])('%s', (_name, input, expected) => {
    expect(outline(input)).toEqual(expected);
  });
});
