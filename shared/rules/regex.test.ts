import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from './regex.js';

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

describe('compileSafeRegex', () => {
  it.each(rejected)('rejects the nested quantifier in %s', (pattern) => {
    const result = compileSafeRegex(pattern, '');
    expect(result).toEqual({ problem: expect.stringMatching(/catastrophically/) });
  });

  it.each(accepted)('accepts %s', (pattern) => {
    expect(compileSafeRegex(pattern, '')).toEqual({ regex: expect.any(RegExp) });
  });

  it('accepts a pattern of exactly 256 characters and rejects 257', () => {
    expect(compileSafeRegex('a'.repeat(256), '')).toHaveProperty('regex');
    expect(compileSafeRegex('a'.repeat(257), '')).toHaveProperty('problem');
  });

  it('reports a syntax error instead of throwing', () => {
    expect(compileSafeRegex('[a-', '')).toEqual({ problem: expect.stringMatching(/^invalid regex/) });
  });
});
