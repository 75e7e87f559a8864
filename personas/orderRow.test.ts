import { describe, expect, it } from 'vitest';
import { InputError, locateColumns, parseAmount, parseDay, parseOrderLine } from './orderRow.js';

const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

describe('parseDay', () => {
  it.each([
    ['2024-03-05', day('2024-03-05')],
    ['2024-03-05T23:59:59Z', day('2024-03-05')],
    ['2024-03-05T23:30:00+02:00', day('2024-03-05')],
    ['2024-03-05 08:15', day('2024-03-05')],
    ['2024-02-29', day('2024-02-29')],
  ])('%s is the day written in it', (text, expected) => expect(parseDay(text)).toBe(expected));

  it.each([
    ['05-03-2024', /not an ISO date/],
    ['2023-02-29', /does not exist/],
    ['2024-13-01', /does not exist/],
    ['', /not an ISO date/],
  ])('%j is refused with a reason', (text, reason) => expect(parseDay(text)).toMatch(reason));
});

describe('parseAmount', () => {
  it.each([
    ['12.50', '.', 12.5],
    ['1,234.50', '.', 1234.5],
    ['12,50', ',', 12.5],
    ['1.234,50', ',', 1234.5],
    ['0', '.', 0],
    [' 7 ', '.', 7],
    ["1'000", '.', 1000],
    ['2.500', ',', 2500],
  ] as const)('%j with decimal %j is %s', (text, decimal, amount) => expect(parseAmount(text, decimal)).toBe(amount));

  it.each([
    ['abc', '.', /not a number/],
    ['12,5,0', ',', /not a number/],
    ['12,50', '.', /use --decimal ,/],
    ['1.23,4', ',', /not a number/],
    ['2.5', ',', /not a number/],
    ['-5', '.', /negative/],
    ['', '.', /not a number/],
  ] as const)('%j with decimal %j is refused', (text, decimal, reason) => expect(parseAmount(text, decimal)).toMatch(reason));
});

describe('locateColumns', () => {
  it('finds columns ignoring case and spaces, and follows --map renames', () => {
    expect(locateColumns([' Klantnummer', 'DATE', 'Bedrag', 'category'], { customer_id: 'klantnummer', amount: 'Bedrag' })).toEqual({
      customer_id: 0,
      date: 1,
      amount: 2,
      category: 3,
    });
  });

  it('names every missing column and how to map it', () => {
    expect(() => locateColumns(['Klantnummer', 'date'])).toThrow(InputError);
    expect(() => locateColumns(['Klantnummer', 'date'])).toThrow(/missing column customer_id, amount.*--map customer_id=/);
  });
});

describe('parseOrderLine', () => {
  const columns = { customer_id: 0, date: 1, amount: 2, category: 3, channel: 4 };
  it('reads a full row, lower-casing category and channel', () => {
    expect(parseOrderLine(['c1', '2024-01-02', '9.99', 'Thrillers', 'Email'], columns, '.')).toEqual({
      customerId: 'c1',
      day: day('2024-01-02'),
      amount: 9.99,
      category: 'thrillers',
      channel: 'email',
    });
  });

  it.each([
    [['c1', '2024-01-02'], /has 2 fields/],
    [[' ', '2024-01-02', '3'], /customer_id is empty/],
    [['c1', 'yesterday', '3'], /date "yesterday"/],
    [['c1', '2024-01-02', 'three'], /amount "three"/],
  ])('refuses %j with a reason', (fields, reason) => expect(parseOrderLine(fields, columns, '.')).toMatch(reason));
});
