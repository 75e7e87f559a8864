import { describe, expect, it } from 'vitest';
import { detectDelimiter, insideQuotes, splitCsvRecord } from './csv-line.js';

describe('splitCsvRecord', () => {
  it.each([
    ['a,b,c', ',', ['a', 'b', 'c']],
    ['a,,c,', ',', ['a', '', 'c', '']],
    ['"Smith, J.",12.50,"say ""hi"""', ',', ['Smith, J.', '12.50', 'say "hi"']],
    ['c1;"12,50";"a;b"', ';', ['c1', '12,50', 'a;b']],
    ['"two\nlines",x', ',', ['two\nlines', 'x']],
    ['a\tb', '\t', ['a', 'b']],
  ])('splits %j on %j', (record, delimiter, fields) => {
    expect(splitCsvRecord(record, delimiter)).toEqual(fields);
  });
});

describe('insideQuotes', () => {
  it.each([
    ['a,"b', true],
    ['a,"b"', false],
    ['a,"say ""hi', true],
    ['plain', false],
  ])('%j → %s', (text, open) => expect(insideQuotes(text)).toBe(open));
});

describe('detectDelimiter', () => {
  it.each([
    ['customer_id,date,amount', ','],
    ['Klantnummer;Datum;Bedrag', ';'],
    ['"a,b";c;d', ';'],
    ['customer_id\tdate\tamount', '\t'],
    ['single', ','],
  ])('%j → %j', (header, delimiter) => expect(detectDelimiter(header)).toBe(delimiter));
});
