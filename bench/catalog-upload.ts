/**
 * Catalog upload at 100,000 products: NDJSON parse + zod validation, then the sharded KV
 * write. The catalog code runs inside workerd (bundled with esbuild into a Miniflare worker
 * with a real KV namespace), because Miniflare's Node-side KV proxy adds ~30 ms per large
 * value and would measure the proxy rather than the store. Each step is timed from Node
 * around one request. Also: what decide pays to load the index cold, to read four display
 * records, and what a 1,000-product stock patch costs.
 * Run: npx tsx bench/catalog-upload.ts
 */
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticCatalog } from '../edge/src/recs/synthetic-catalog.js';

const PRODUCTS = 100_000;
const PATCHED = 1_000;

/** The worker under test: one route per step, all on the site "bench". */
const WORKER = `
import { parseCatalog } from './catalog-parse.ts';
import { getCatalogIndex, getProducts, patchCatalog, putCatalog } from './catalog-store.ts';
export default {
  async fetch(request, env) {
    const step = new URL(request.url).pathname.slice(1);
    const body = request.method === 'POST' ? await request.text() : '';
    let result;
    if (step === 'parse') result = { rejected: parseCatalog(body).rejected };
    if (step === 'upload') {
      const parsed = parseCatalog(body);
      result = { rejected: parsed.rejected, ...(await putCatalog(env.KV, 'bench', parsed.products, { replace: true })) };
    }
    if (step === 'index') result = { products: (await getCatalogIndex(env.KV, 'bench')).ids.length };
    if (step === 'products') result = { found: (await getProducts(env.KV, 'bench', JSON.parse(body))).length };
    if (step === 'patch') result = await patchCatalog(env.KV, 'bench', parseCatalog(body, { patch: true }).products);
    return Response.json(result);
  },
};`;

export interface CatalogUploadResult {
  products: number;
  bodyBytes: number;
  parseMs: number;
  uploadMs: number;
  shards: number;
  indexBytes: number;
  loadIndexMs: number;
  fourProductsMs: number;
  patchMs: number;
  patchShardsWritten: number;
}

async function workerScript(): Promise<string> {
  const out = await build({
    stdin: { contents: WORKER, resolveDir: fileURLToPath(new URL('../edge/src/recs/', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  return out.outputFiles[0].text;
}

export async function runCatalogUploadBench(): Promise<CatalogUploadResult> {
  const mf = new Miniflare({ modules: true, script: await workerScript(), compatibilityDate: '2026-04-01', kvNamespaces: ['KV'] });
  const call = async (step: string, body?: string): Promise<[Record<string, number>, number]> => {
    const start = performance.now();
    const res = await mf.dispatchFetch(`http://bench/${step}`, body === undefined ? {} : { method: 'POST', body });
    const json = (await res.json()) as Record<string, number>;
    return [json, performance.now() - start];
  };
  try {
    const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n');
    const body = ndjson(syntheticCatalog(PRODUCTS));
    await call('parse', ndjson(syntheticCatalog(1000))); // warm the isolate

    const [parsed, parseMs] = await call('parse', body);
    if (parsed.rejected) throw new Error(`${parsed.rejected} generated products rejected`);
    const [stored, uploadMs] = await call('upload', body);
    const [index, loadIndexMs] = await call('index');
    const [, fourProductsMs] = await call('products', JSON.stringify(['sku-1', 'sku-25000', 'sku-50000', 'sku-99999']));
    const [patched, patchMs] = await call('patch', ndjson(Array.from({ length: PATCHED }, (_, i) => ({ id: `sku-${i * 97}`, inStock: false }))));

    return {
      products: index.products,
      bodyBytes: body.length,
      parseMs,
      uploadMs,
      shards: stored.shards,
      indexBytes: stored.indexBytes,
      loadIndexMs,
      fourProductsMs,
      patchMs,
      patchShardsWritten: patched.shardsWritten,
    };
  } finally {
    await mf.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runCatalogUploadBench();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  const ms = (t: number) => `${Math.round(t)} ms`;
  console.log(`catalog: ${r.products.toLocaleString('en-US')} products, NDJSON body ${mb(r.bodyBytes)}`);
  console.log(`parse + validate:                  ${ms(r.parseMs)}`);
  console.log(`upload = parse + store (${r.shards} shards): ${ms(r.uploadMs)}`);
  console.log(`index value:                       ${mb(r.indexBytes)} (${r.indexBytes.toLocaleString('en-US')} bytes)`);
  console.log(`cold index read + lookups:         ${ms(r.loadIndexMs)}`);
  console.log(`4 display records (cold shards):   ${ms(r.fourProductsMs)}`);
  console.log(`patch ${PATCHED} stock changes:           ${ms(r.patchMs)} (${r.patchShardsWritten} shards rewritten)`);
}
