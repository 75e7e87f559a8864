/**
 * Persona builder at 1,000,000 order lines: generate the demo shop's history to a temp file
 * (streamed, never held in memory), then run the whole analysis on it. Reports rows per
 * second for the streaming read, each purchase model's fit (all three are fitted to choose
 * one), clustering, and peak memory (RSS sampled
 * every 20 ms during the asynchronous read and at every stage boundary, plus the kernel's
 * max-RSS for the process as a whole, generation included).
 * Run: npx tsx bench/personas.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateOrders, writeDemoOrders } from '../personas/generate.js';
import { analyseOrders } from '../personas/pipeline.js';

const TARGET_ROWS = 1_000_000;

export interface PersonasBench {
  rows: number;
  customers: number;
  fileMb: number;
  readSeconds: number;
  rowsPerSecond: number;
  /** Each purchase model's fit (BG/NBD, MBG/NBD, Pareto/NBD), and the one chosen by AIC. */
  modelFitSeconds: Record<string, number>;
  chosenModel: string;
  gammaGammaFitSeconds: number;
  clusterSeconds: number;
  totalSeconds: number;
  peakRssMb: number;
  processMaxRssMb: number;
  personas: string[];
}

export async function runPersonasBench(targetRows = TARGET_ROWS): Promise<PersonasBench> {
  // Calibrate how many customers make the target number of rows (about 8.5 lines each).
  let calibrationRows = 0;
  generateOrders({ customers: 2000, seed: 99 }, () => calibrationRows++);
  const customers = Math.round((targetRows / (calibrationRows - 1)) * 2000);
  const dir = mkdtempSync(join(tmpdir(), 'personas-bench-'));
  const path = join(dir, 'orders.csv');
  try {
    writeDemoOrders(path, { customers, seed: 7 });
    const mb = (bytes: number) => bytes / 1024 / 1024;
    let peak = process.memoryUsage().rss;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const timer = setInterval(sample, 20);
    const marks: Record<string, number> = {};
    const started = performance.now();
    const analysis = await analyseOrders(path, {
      seed: 1,
      read: { onProgress: sample },
      onStage: (stage) => {
        sample();
        marks[stage.split(' ')[0]] = performance.now();
      },
    });
    sample();
    clearInterval(timer);
    const totalSeconds = (performance.now() - started) / 1000;
    const readSeconds = (marks.read - started) / 1000;
    return {
      rows: analysis.rows,
      customers: analysis.customers.length,
      fileMb: mb(statSync(path).size),
      readSeconds,
      rowsPerSecond: analysis.rows / readSeconds,
      modelFitSeconds: Object.fromEntries(analysis.models.map((m) => [m.name, m.seconds])),
      chosenModel: analysis.modelChoice.chosen,
      gammaGammaFitSeconds: analysis.gammaGamma.seconds,
      clusterSeconds: (marks.clustered - marks.fitted) / 1000,
      totalSeconds,
      peakRssMb: mb(peak),
      processMaxRssMb: process.resourceUsage().maxRSS / 1024,
      personas: analysis.personas.map((p) => `${p.name} (${p.stats.size})`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runPersonasBench();
  console.log(`persona builder, ${r.rows.toLocaleString('en')} rows (${r.fileMb.toFixed(0)} MB), ${r.customers.toLocaleString('en')} customers`);
  console.log(`  read + aggregate   ${r.readSeconds.toFixed(2)} s  (${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s)`);
  for (const [name, seconds] of Object.entries(r.modelFitSeconds)) console.log(`  ${`${name} fit`.padEnd(19)}${seconds.toFixed(2)} s${name === r.chosenModel ? '  (chosen by AIC)' : ''}`);
  console.log(`  Gamma-Gamma fit    ${r.gammaGammaFitSeconds.toFixed(2)} s`);
  console.log(`  CLV + clustering   ${r.clusterSeconds.toFixed(2)} s`);
  console.log(`  total              ${r.totalSeconds.toFixed(2)} s`);
  console.log(`  peak RSS           ${r.peakRssMb.toFixed(0)} MB sampled (process max ${r.processMaxRssMb.toFixed(0)} MB)`);
  console.log(`  personas           ${r.personas.join('; ')}`);
}
