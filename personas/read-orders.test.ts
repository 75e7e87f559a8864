import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './order-row.js';
import { BadRowError, readOrders } from './read-orders.js';

const dir = mkdtempSync(join(tmpdir(), 'personas-read-'));
let n = 0;
function csv(text: string): string {
  const path = join(dir, `orders-${n++}.csv`);
  writeFileSync(path, text);
  return path;
}
const day = (iso: string) => Date.parse(iso) / 86_400_000;

describe('readOrders', () => {
  it('sums same-day rows into one transaction per customer-day, in any row order', async () => {
    const path = csv(
      'customer_id,date,amount,category\n' +
        'a,2024-01-05,10,thrillers\n' +
        'b,2024-01-01,5,cookbooks\n' +
        'a,2024-01-01,20,thrillers\n' +
        'a,2024-01-05T18:00:00Z,2.5,cookbooks\n',
    );
    const { ledger, rows, skippedRows, firstDay, lastDay } = await readOrders(path);
    const [a, b] = [...ledger.drain()];
    expect(rows).toBe(4);
    expect(skippedRows).toBe(0);
    expect(a).toMatchObject({ customerId: 'a', days: [day('2024-01-01'), day('2024-01-05')], amounts: [20, 12.5] });
    expect(ledger.categories).toEqual(['thrillers', 'cookbooks']);
    expect(a.categoryLines).toEqual([2, 1]);
    expect(b.categoryLines).toEqual([0, 1]);
    expect([firstDay, lastDay]).toEqual([day('2024-01-01'), day('2024-01-05')]);
  });

  it('counts rows per currency and names the file column behind each optional column', async () => {
    const path = csv('customer_id,date,amount,item_category,Bron\n' + 'a,2024-01-05,$10,thrillers,email\n' + 'b,2024-01-06,$5,cookbooks,ads\n' + 'c,2024-01-07,7,cookbooks,ads\n');
    const { currencies, optionalColumns, ledger } = await readOrders(path, { rename: { channel: 'Bron' } });
    expect(currencies).toEqual(new Map([['USD', 2]]));
    expect(optionalColumns).toEqual({ category: 'item_category', channel: 'Bron' });
    expect(ledger.channels).toEqual(['email', 'ads']);
  });

  it('skips bad rows and reports each with its line number and reason', async () => {
    const path = csv(
      'customer_id,date,amount\n' + 'a,2024-01-01,10\n' + 'b,01/02/2024,10\n' + '\n' + 'c,2024-01-03,ten\n' + 'd,2024-01-04,4\n',
    );
    const result = await readOrders(path);
    expect(result.skippedRows).toBe(2);
    expect(result.badRows).toEqual([
      { line: 3, reason: expect.stringMatching(/date "01\/02\/2024"/) },
      { line: 5, reason: expect.stringMatching(/amount "ten"/) },
    ]);
    expect(result.ledger.size).toBe(2);
  });

  it('fails on the first bad row under strict, naming its line', async () => {
    const path = csv('customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,-3\nc,nope,1\n');
    await expect(readOrders(path, { strict: true })).rejects.toThrow(BadRowError);
    await expect(readOrders(path, { strict: true })).rejects.toThrow(/^line 3: amount -3 is negative/);
  });

  it('reads a semicolon file with a decimal comma, renamed columns and a BOM', async () => {
    const path = csv('\uFEFFKlantnummer;Datum;Bedrag\n"K 1";2024-02-01;"1.234,50"\nK2;2024-02-02;3,25\n');
    const { ledger } = await readOrders(path, { decimal: ',', rename: { customer_id: 'Klantnummer', date: 'Datum', amount: 'Bedrag' } });
    expect([...ledger.drain()].map((h) => [h.customerId, h.amounts])).toEqual([
      ['K 1', [1234.5]],
      ['K2', [3.25]],
    ]);
  });

  it('counts the line of a record whose quoted field spans lines from where it starts', async () => {
    const path = csv('customer_id,date,amount,category\na,2024-01-01,1,"two\nlines"\nb,bad,1,x\n');
    const { badRows, ledger } = await readOrders(path);
    expect(ledger.categories).toEqual(['two\nlines']);
    expect(badRows).toEqual([{ line: 4, reason: expect.stringMatching(/date "bad"/) }]);
  });

  it('leaves rows after the until day out and counts them', async () => {
    const path = csv('customer_id,date,amount\na,2024-01-01,1\na,2024-03-01,1\n');
    const result = await readOrders(path, { untilDay: day('2024-02-01') });
    expect(result.rowsAfterUntil).toBe(1);
    expect([...result.ledger.drain()][0].days).toEqual([day('2024-01-01')]);
  });

  it('gives a clear input error for a missing file, a missing column and an empty file', async () => {
    await expect(readOrders(join(dir, 'nope.csv'))).rejects.toThrow(InputError);
    await expect(readOrders(join(dir, 'nope.csv'))).rejects.toThrow(/cannot read/);
    await expect(readOrders(csv('customer,date,amount\n'))).rejects.toThrow(/missing column customer_id/);
    await expect(readOrders(csv(''))).rejects.toThrow(/is empty/);
  });
});
