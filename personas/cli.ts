/** npm run personas -- <orders.csv> [flags]: see HELP in cli-args.ts. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HELP, parseCli } from './cli-args.js';
import { isMain } from './is-main.js';
import { InputError } from './order-row.js';
import { customerLines, modelJson, personasConfig, writeLines } from './outputs.js';
import { moneyFormat } from './money.js';
import { analyseOrders, type PersonaAnalysis } from './pipeline.js';
import { MODEL_LABELS } from './purchase-models.js';
import { reportHtml } from './report.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Runs the CLI; resolves to the exit code (1 for bad flags, an unreadable file or a missing column). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const options = parseCli(argv);
  if (typeof options === 'string') {
    io.stderr(`personas: ${options}\n\n${HELP}`);
    return 1;
  }
  if (options.help) {
    io.stdout(HELP);
    return 0;
  }
  let analysis: PersonaAnalysis;
  try {
    analysis = await analyseOrders(options.input, {
      ...options,
      read: { ...options.read, onProgress: (rows, share) => io.stderr(`  ${rows.toLocaleString('en')} rows (${Math.round(share * 100)} %)\n`) },
      onStage: (stage) => io.stderr(`${stage}\n`),
    });
  } catch (error) {
    const known = error instanceof InputError || error instanceof Error;
    io.stderr(`personas: ${known ? (error as Error).message : String(error)}\n`);
    return 1;
  }
  for (const bad of analysis.badRows.slice(0, 10)) io.stderr(`  skipped line ${bad.line}: ${bad.reason}\n`);
  if (analysis.skippedRows > 10) io.stderr(`  … ${analysis.skippedRows - 10} more bad rows (see model.json skippedRows)\n`);

  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, 'model.json'), JSON.stringify(modelJson(analysis), null, 2) + '\n');
  await writeFile(join(options.outDir, 'personas.config.json'), JSON.stringify(personasConfig(analysis), null, 2) + '\n');
  await writeLines(join(options.outDir, 'customers.ndjson'), customerLines(analysis));
  await writeFile(join(options.outDir, 'report.html'), reportHtml(analysis));
  io.stdout(summaryTable(analysis));
  io.stdout(`\nWrote model.json, customers.ndjson, personas.config.json and report.html to ${options.outDir}\n`);
  return 0;
}

export function summaryTable(analysis: PersonaAnalysis): string {
  const money = moneyFormat(analysis.currency);
  const header = ['Persona', 'Customers', 'Share', 'Revenue', 'Median CLV', 'Active'];
  const rows = analysis.personas.map((p) => [
    p.name,
    String(p.stats.size),
    pct(p.stats.size / analysis.overall.size),
    pct(p.stats.revenue / analysis.overall.revenue),
    money(p.stats.median.clv, 2),
    pct(p.stats.meanPAlive),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const table = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
  return `${table}\n\nActive: the share expected still active (mean P(alive), ${MODEL_LABELS[analysis.modelChoice.chosen]}).\n`;
}

function pct(f: number): string {
  return `${Math.round(f * 100)} %`;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
