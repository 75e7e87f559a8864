import { describe, expect, it } from 'vitest';
import { positionAt, readJson } from './json-lines.js';

describe('readJson: syntax errors say where and what was expected', () => {
  it.each([
    ['a trailing comma in an object', '{\n  "a": 1,\n}', '3:1', 'expected a property name after ",", found "}"'],
    ['a trailing comma in an array', '{"a": [1, 2,\n  ]}', '2:3', 'expected a value after ",", found "]"'],
    ['a missing comma between members', '{\n  "a": 1\n  "b": 2\n}', '3:3', 'expected "," or "}" after the value, found a string'],
    ['a missing comma between elements', '[1 2]', '1:4', 'expected "," or "]" after the value, found "2"'],
    ['a missing colon', '{"a" 1}', '1:6', 'expected ":" after the property name "a", found "1"'],
    ['an unquoted property name', '{site: "x"}', '1:2', 'expected a property name or "}", found "site"'],
    ['single quotes', "{'site': 1}", '1:2', `found "'" (JSON strings and names take double quotes)`],
    ['a comment', '{\n  // the site\n  "site": 1}', '2:3', 'found "/" (JSON has no comments)'],
    ['an unclosed object', '{"a": 1', '1:8', 'expected "," or "}" after the value, found the end of the file'],
    ['an empty file', '  ', '1:3', 'expected a value, found the end of the file'],
    ['a second value', '{} {}', '1:4', 'expected the end of the file after the value, found "{"'],
    ['a line break in a string', '{"a": "one\ntwo"}', '1:11', 'a line break or control character inside a string'],
    ['a bad escape', '{"a": "\\x"}', '1:8', 'unknown escape "\\x"'],
    ['a leading zero', '{"a": 07}', '1:7', 'a number may not start with 0'],
    ['a word that is not a value', '{"a": True}', '1:7', 'expected a value, found "True"'],
    ['NaN', '[NaN]', '1:2', 'expected a value or "]", found "NaN"'],
  ])('%s', (_name, text, at, message) => {
    const read = readJson(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(`${read.error.line}:${read.error.column}`).toBe(at);
    expect(read.error.message).toContain(message);
  });

  it('reads what JSON.parse reads, and places every value', () => {
    const text = '\uFEFF{\n  "site": "demo",\n  "segments": [\n    {"id": "a", "when": {"rfm.r": {"$gte": 3}}},\n    {"id": "b", "x": [true, null, -1.5e3, "\\u00e9"]}\n  ]\n}\n';
    const read = readJson(text);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value).toEqual(JSON.parse(text.slice(1)));
    const at = (path: (string | number)[]) => {
      const p = positionAt(read.positions, path);
      return p && `${p.line}:${p.column}`;
    };
    expect(at([])).toBe('1:1');
    expect(at(['site'])).toBe('2:3');
    expect(at(['segments', 0])).toBe('4:5');
    expect(at(['segments', 0, 'when', 'rfm.r', '$gte'])).toBe('4:36');
    expect(at(['segments', 1, 'x', 3])).toBe('5:43');
    // A path the text lacks sits at its deepest existing part.
    expect(at(['segments', 1, 'when'])).toBe('5:5');
  });

  it('lists keys written twice in one object', () => {
    const read = readJson('{"a": 1,\n "b": {"c": 1, "c": 2}, "a": 3}');
    if (!read.ok) throw new Error(read.error.message);
    expect(read.duplicates).toEqual([
      { path: ['b', 'c'], position: { line: 2, column: 16 } },
      { path: ['a'], position: { line: 2, column: 25 } },
    ]);
  });
});
