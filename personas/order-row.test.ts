import { describe, expect, it } from 'vitest';
import { InputError, locateColumns, parseAmount, parseDay, parseOrderLine, splitCurrency } from './order-row.js';

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

describe('splitCurrency', () => {
  it.each([
    ['$29.33', { number: '29.33', currency: 'USD' }],
    ['12,50 €', { number: '12,50', currency: 'EUR' }],
    ['EUR 7', { number: '7', currency: 'EUR' }],
    ['£3', { number: '3', currency: 'GBP' }],
    ['12.50', { number: '12.50' }],
    ['abc', { number: 'abc' }],
  ])('%j → %j', (text, expected) => expect(splitCurrency(text)).toEqual(expected));

  it('refuses a code that is no currency', () => expect(splitCurrency('12 XYZ')).toMatch(/unknown currency "XYZ"/));
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

  it.each([
    ['GA4 names', ['customer_id', 'date', 'amount', 'item_category', 'session_source', 'currency_code'], { category: 3, channel: 4, currency: 5 }],
    ['Dutch names', ['customer_id', 'date', 'amount', 'Productgroep', 'Kanaal', 'Valuta'], { category: 3, channel: 4, currency: 5 }],
    ['our own name before a synonym', ['customer_id', 'date', 'amount', 'source', 'channel'], { channel: 4 }],
  ])('finds optional columns under other common names (%s)', (_, header, found) => {
    expect(locateColumns(header)).toEqual({ customer_id: 0, date: 1, amount: 2, ...found });
  });

  it('reads category and channel through --map', () => {
    expect(locateColumns(['klant', 'datum', 'bedrag', 'Afdeling', 'Bron'], { customer_id: 'klant', date: 'datum', amount: 'bedrag', category: 'Afdeling', channel: 'Bron' })).toEqual({
      customer_id: 0,
      date: 1,
      amount: 2,
      category: 3,
      channel: 4,
    });
  });

  it.each([
    ['a mapped optional column that is not there', { category: 'Afdelign' }, /--map category=Afdelign: the header has no column "Afdelign"/],
    ['a column of ours that does not exist', { categroy: 'Afdeling' }, /--map categroy=…: unknown column "categroy"; the columns are customer_id, date, amount, category, channel, currency/],
  ])('refuses %s', (_, rename, message) => {
    expect(() => locateColumns(['customer_id', 'date', 'amount', 'Afdeling'], rename)).toThrow(message);
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
    ['a symbol with the amount', ['c1', '2024-01-02', '$9.99'], { customer_id: 0, date: 1, amount: 2 }, 'USD'],
    ['the currency column', ['c1', '2024-01-02', '9.99', 'usd'], { customer_id: 0, date: 1, amount: 2, currency: 3 }, 'USD'],
    ['neither', ['c1', '2024-01-02', '9.99'], { customer_id: 0, date: 1, amount: 2 }, undefined],
  ])('takes the currency from %s', (_, fields, cols, currency) => {
    const line = parseOrderLine(fields, cols, '.');
    expect(typeof line === 'object' && line).toMatchObject({ amount: 9.99 });
    expect(typeof line === 'object' && line.currency).toBe(currency ?? undefined);
  });

  it.each([
    [['c1', '2024-01-02'], /has 2 fields/],
    [['c1', '2024-01-02', '€3', 'USD'], /is in EUR, the currency column says USD/],
    [['c1', '2024-01-02', '3', 'dollars'], /currency "dollars" is not an ISO code/],
    [[' ', '2024-01-02', '3'], /customer_id is empty/],
    [['c1', 'yesterday', '3'], /date "yesterday"/],
    [['c1', '2024-01-02', 'three'], /amount "three"/],
  ])('refuses %j with a reason', (fields, reason) => expect(parseOrderLine(fields, { ...columns, category: undefined, channel: undefined, currency: 3 }, '.')).toMatch(reason));
});
