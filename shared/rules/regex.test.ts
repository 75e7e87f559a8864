import { describe, expect, it } from 'vitest';
import { compileTextMatcher, matchesText, type TextMatcher } from './regex.js';

const rejected = ['(a+)+', '(a*)*', '(a|a)*', '(a|b)+', '^(\\w+\\s?)*$', '(x{2,})+', '(?:a+)+', '((ab)*c)+', '(a?){3,}', '(.*a){2,}', '((a)+)+'];
const accepted = [
  '^/books/',
  '(ab)+',
  '(\\d{3}-)+',
  '(a+)?',
  '(a|b)',
  '(a|b){1}',
  '[(a+)+]',
  '\\(a+\\)+',
  '^(en|de)/',
  '(?:www\\.)?shop\\.example',
  'a{2,}',
  'spring|summer',
  '\\d+\\.\\d+',
];

function compiled(pattern: string, flags = ''): TextMatcher {
  const result = compileTextMatcher(pattern, flags);
  if ('problem' in result) throw new Error(result.problem);
  return result;
}

describe('compileTextMatcher: safety', () => {
  it.each(rejected)('rejects the nested quantifier in %s', (pattern) => {
    expect(compileTextMatcher(pattern, '')).toEqual({ problem: expect.stringMatching(/catastrophically/) });
  });

  it.each(accepted)('accepts %s', (pattern) => {
    expect(compileTextMatcher(pattern, '')).not.toHaveProperty('problem');
  });

  it('accepts a pattern of exactly 256 characters and rejects 257', () => {
    expect(compileTextMatcher('a'.repeat(256), '')).not.toHaveProperty('problem');
    expect(compileTextMatcher('a'.repeat(257), '')).toHaveProperty('problem');
  });

  it('reports a syntax error instead of throwing', () => {
    expect(compileTextMatcher('[a-', '')).toEqual({ problem: expect.stringMatching(/^invalid regex/) });
  });
});

// Literal patterns are answered with string methods; they must agree with the regex engine.
const patterns: [pattern: string, flags: string, kind: TextMatcher['kind']][] = [
  ['^/books/', '', 'prefix'],
  ['sale$', '', 'suffix'],
  ['^/cart$', '', 'exact'],
  ['letter', '', 'contains'],
  ['shop\\.example', '', 'contains'],
  ['price\\$$', '', 'suffix'],
  ['^a\\/b', '', 'prefix'],
  ['', '', 'contains'],
  ['^', '', 'prefix'],
  ['sale$', 'm', 'regex'],
  ['SALE', 'i', 'regex'],
  ['^a.c', '', 'regex'],
  ['\\d+', '', 'regex'],
  ['a$b', '', 'regex'],
];
const subjects = ['/books/thrillers', '/cart', '/cart/x', 'summer-sale', 'sale\nmore', 'newsletter-42', 'shop.example', 'shopXexample', 'price$', 'a/b', 'abc', 'SALE', '', 'a$b'];

describe('matchesText', () => {
  it.each(patterns)('%s (flags "%s") is answered as %s, like the regex engine', (pattern, flags, kind) => {
    const matcher = compiled(pattern, flags);
    expect(matcher.kind).toBe(kind);
    const regex = new RegExp(pattern, flags);
    for (const subject of subjects) expect(matchesText(matcher, subject), subject).toBe(regex.test(subject));
  });

  it('searches only the first 2000 characters, for literals and regexes alike', () => {
    const long = 'x'.repeat(1995) + 'needle';
    expect(matchesText(compiled('needle'), long)).toBe(false);
    expect(matchesText(compiled('need'), long)).toBe(true);
    expect(matchesText(compiled('e+dle'), long)).toBe(false);
    expect(matchesText(compiled('xneedl$'), long)).toBe(true);
    expect(matchesText(compiled('needle$'), long)).toBe(false);
  });

  it('gives the same answer on repeated calls (no stateful flags)', () => {
    const matcher = compiled('b\\w', 's');
    expect([1, 2, 3].map(() => matchesText(matcher, 'abc'))).toEqual([true, true, true]);
  });
});
