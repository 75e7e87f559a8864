// Builds the SDK bundles the Worker serves and the ESM package for bundlers.
// `node sdk/build.mjs` or `import { buildSdk } from './sdk/build.mjs'`.
import { build } from 'esbuild';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'sdk/src');
const publicDir = join(root, 'dist/public');
const esmDir = join(root, 'dist/sdk');

const browser = { bundle: true, minify: true, target: 'es2022', legalComments: 'none', write: false };

/** Bundles the main script loads only when needed, served as `/sdk-<name>.js`. */
export const LAZY = ['debug', 'ecommerce', 'identifiers', 'profile', 'send'];

/**
 * esbuild bundles and minifies; terser's extra compress passes then take another ~4 % off
 * the gzipped main script (measured: 6,394 → 6,107 B), which every shop page downloads.
 */
async function bundle(entry, format, define) {
  const result = await build({ ...browser, entryPoints: [join(src, entry)], format, define });
  const { code } = await minify(result.outputFiles[0].text, { ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, mangle: true });
  return new TextEncoder().encode(code);
}

const hash8 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

/** Builds everything and returns the manifest: `{file, bytes, gzip}` of the main bundle. */
export async function buildSdk() {
  await mkdir(publicDir, { recursive: true });
  await rm(esmDir, { recursive: true, force: true });
  await mkdir(esmDir, { recursive: true });

  const lazy = await Promise.all(LAZY.map((name) => bundle(`lazy/${name}.ts`, 'iife')));
  // The main script asks for `/sdk-<name>.js?v=<hash of its content>`: the edge caches
  // those files for a year, and a new content is a new URL.
  const versions = { VITRINE_LAZY: JSON.stringify(Object.fromEntries(LAZY.map((name, i) => [name, hash8(lazy[i])]))) };
  const main = await bundle('iife.ts', 'iife', versions);
  const file = `sdk-${hash8(main)}.js`;
  // Older versioned files go: a cached HTML page may still name one for a while, but the
  // Worker serves whatever is in dist/public, and only the current one belongs there.
  for (const old of await readdir(publicDir)) {
    if (/^sdk-[0-9a-f]{8}\.js$/.test(old) && old !== file) await rm(join(publicDir, old));
  }
  const manifest = { file, bytes: main.length, gzip: gzipSync(main, { level: 9 }).length };
  await Promise.all([
    writeFile(join(publicDir, 'sdk.js'), main),
    writeFile(join(publicDir, file), main),
    ...LAZY.map((name, i) => writeFile(join(publicDir, `sdk-${name}.js`), lazy[i])),
    writeFile(join(publicDir, 'sdk-manifest.json'), JSON.stringify(manifest, null, 2) + '\n'),
    build({ ...browser, minify: false, write: true, define: versions, entryPoints: [join(src, 'index.ts')], format: 'esm', outfile: join(esmDir, 'index.js'), external: ['idb-keyval'] }),
    copyFile(join(root, 'sdk/index.d.ts'), join(esmDir, 'index.d.ts')),
  ]);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = await buildSdk();
  console.log(`dist/public/${manifest.file}: ${manifest.bytes} B min, ${manifest.gzip} B gzip`);
}
