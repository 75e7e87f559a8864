/**
 * SDK size: the main script-tag bundle, minified and gzipped, next to GrowthBook's
 * script-tag bundle gzipped the same way in the same run; each lazily loaded bundle
 * (debug panel, identify's hashing, profile-cookie encoder, the senders, the dataLayer
 * e-commerce mapping); and the snippet a shop pastes (sdk/snippet.html).
 * Budget: main ≤ 6 KB gzip (goal 5 KB), snippet ≤ 400 bytes.
 * Run: npx tsx bench/sdk-size.ts (builds the SDK first).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSdk, LAZY } from '../sdk/build.mjs';

const file = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)));
const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

export const BUDGET = { gzip: 6 * 1024, goal: 5 * 1024, snippet: 400 };

export interface SdkSize {
  main: { bytes: number; gzip: number };
  /** By bundle name: `/sdk-<name>.js`, loaded only by the pages that need it. */
  lazy: Record<string, { bytes: number; gzip: number }>;
  growthbook: { bytes: number; gzip: number };
  snippet: number;
  /** Vitrine main gzip as a share of GrowthBook's. */
  ratio: number;
  withinBudget: boolean;
}

export async function runSdkSizeBench(): Promise<SdkSize> {
  await buildSdk();
  const measure = (path: string) => {
    const bytes = file(path);
    return { bytes: bytes.length, gzip: gzip(bytes) };
  };
  const main = measure('../dist/public/sdk.js');
  const growthbook = measure('../node_modules/@growthbook/growthbook/dist/bundles/auto.min.js');
  const snippet = file('../sdk/snippet.html').toString('utf8').trim().length;
  return {
    main,
    lazy: Object.fromEntries(LAZY.map((name: string) => [name, measure(`../dist/public/sdk-${name}.js`)])),
    growthbook,
    snippet,
    ratio: main.gzip / growthbook.gzip,
    withinBudget: main.gzip <= BUDGET.gzip && snippet <= BUDGET.snippet,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runSdkSizeBench();
  const row = (name: string, s: { bytes: number; gzip: number }) => console.log(`${name.padEnd(34)} ${String(s.bytes).padStart(7)} B min ${String(s.gzip).padStart(7)} B gzip`);
  row('Vitrine sdk.js', r.main);
  for (const [name, size] of Object.entries(r.lazy)) row(`Vitrine sdk-${name}.js (lazy)`, size);
  row('GrowthBook auto.min.js', r.growthbook);
  console.log(`Vitrine is ${(r.ratio * 100).toFixed(0)} % of GrowthBook gzipped; budget ${BUDGET.gzip} B (goal ${BUDGET.goal} B): ${r.main.gzip <= BUDGET.gzip ? 'within' : 'OVER'}${r.main.gzip <= BUDGET.goal ? ', goal met' : ''}`);
  console.log(`snippet: ${r.snippet} B (budget ${BUDGET.snippet} B)`);
  if (!r.withinBudget) process.exitCode = 1;
}
