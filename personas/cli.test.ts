import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { CDNOW_CALIBRATION_END, CDNOW_SAMPLE_CSV } from './fixtures/cdnow.js';
import { writeDemoOrders } from './generate.js';

const dir = mkdtempSync(join(tmpdir(), 'personas-cli-'));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('personas CLI', () => {
  it('writes the four outputs and prints a summary table', async () => {
    const orders = join(dir, 'orders.csv');
    writeDemoOrders(orders, { customers: 600, seed: 5 });
    const out = join(dir, 'out');
    const { code, stdout, stderr } = await run(orders, '--out', out, '--k', '3', '--horizon', '6m');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Persona +Customers +Share +Revenue +Median CLV +Active\n/);
    expect(stdout.split('\n').filter((l) => / %\s*$/.test(l))).toHaveLength(3);
    expect(stderr).toMatch(/clustered into 3 personas/);
    for (const file of ['model.json', 'customers.ndjson', 'personas.config.json', 'report.html']) expect(existsSync(join(out, file))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).personas).toHaveLength(3);
  }, 30_000);

  it('reads a Dutch export with --map and --decimal, listing the bad rows by line', async () => {
    const rows = ['Klantnummer;Datum;Bedrag'];
    for (let c = 0; c < 12; c++) for (let d = 0; d <= c % 4; d++) rows.push(`K${c};2024-0${1 + d}-1${c % 9};${10 + c},${d}5`);
    rows.splice(3, 0, 'K99;gisteren;5,00');
    const path = join(dir, 'nl.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const { code, stderr } = await run(path, '--out', join(dir, 'nl'), '--map', 'customer_id=Klantnummer', '--map', 'date=Datum', '--map', 'amount=Bedrag', '--decimal', ',', '--k', '2', '--currency', 'EUR');
    expect(code).toBe(0);
    expect(stderr).toMatch(/skipped line 4: date "gisteren"/);
    expect(JSON.parse(readFileSync(join(dir, 'nl', 'model.json'), 'utf8'))).toMatchObject({ customers: 12, skippedRows: 1 });
  }, 30_000);

  it('speaks the given currency on CDNOW, never €, and states the model it chose', async () => {
    const out = join(dir, 'cdnow');
    const { code, stdout } = await run(CDNOW_SAMPLE_CSV, '--out', out, '--until', CDNOW_CALIBRATION_END, '--currency', 'USD', '--k', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\$\d+\.\d\d/);
    expect(stdout).toMatch(/mean P\(alive\), MBG\/NBD/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(stdout + html).not.toContain('€');
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'))).toMatchObject({ model: 'mbgnbd', currency: 'USD' });
  }, 30_000);

  it('compares baskets with the free-shipping threshold of --config and reads categories and channels through --map', async () => {
    const rows = ['klant,datum,bedrag,Afdeling,Bron'];
    for (let c = 0; c < 30; c++) for (let d = 0; d <= c % 4; d++) rows.push(`K${c},2024-0${1 + d}-1${c % 9},${20 + c},${c % 2 ? 'Boeken' : 'Jurken'},${c % 3 ? 'email' : 'ads'}`);
    const path = join(dir, 'mapped.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const config = join(dir, 'site.json');
    writeFileSync(config, JSON.stringify({ site: 'demo', cart: { freeShippingAbove: 40 } }));
    const out = join(dir, 'mapped');
    const map = ['customer_id=klant', 'date=datum', 'amount=bedrag', 'category=Afdeling', 'channel=Bron'].flatMap((m) => ['--map', m]);
    const { code } = await run(path, '--out', out, ...map, '--config', config, '--currency', '€', '--k', '2');
    expect(code).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    const shipping = model.personas.flatMap((p: any) => p.actions).filter((a: any) => a.kind === 'free-shipping');
    expect(shipping.length).toBe(2);
    for (const a of shipping) expect(a.text).toMatch(/€40/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Categories from column “Afdeling”; channels from column “Bron”');
    expect(html).toMatch(/boeken \d+ %/);
  }, 30_000);

  it.each([
    ['an unreadable file', [join(dir, 'missing.csv')], /cannot read .*missing\.csv/],
    ['no currency', ['NO_CURRENCY'], /does not say which currency.*--currency EUR or --currency USD/],
    ['an unknown currency', ['NO_CURRENCY', '--currency', 'euro'], /--currency euro is not a currency/],
    ['a mistyped --map', ['NO_CURRENCY', '--map', 'category=Afdelign', '--currency', 'eur'], /--map category=Afdelign: the header has no column "Afdelign"/],
    ['a missing column', ['MISSING_COLUMN'], /missing column amount/],
    ['a bad row under --strict', ['STRICT', '--strict'], /line 3: amount "x"/],
    ['a bad flag', ['--unit', 'month', 'x.csv'], /--unit must be one of/],
    ['no file', [], /give exactly one orders CSV file/],
  ])('exits with 1 and a clear message for %s', async (_, argv, message) => {
    writeFileSync(join(dir, 'MISSING_COLUMN'), 'customer_id,date,total\na,2024-01-01,1\n');
    writeFileSync(join(dir, 'STRICT'), 'customer_id,date,amount\na,2024-01-01,1\nb,2024-01-01,x\n');
    writeFileSync(join(dir, 'NO_CURRENCY'), 'customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,2\nc,2024-01-03,3\n');
    const argvInDir = argv.map((a) => (/^[A-Z_]+$/.test(a) ? join(dir, a) : a));
    const { code, stderr } = await run(...argvInDir, '--out', join(dir, 'never'));
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('prints the conventions with --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/same calendar day .* count\s+as one transaction/s);
    expect(stdout).toMatch(/T = until − first/);
  });
});
