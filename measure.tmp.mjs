import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({ entryPoints: [process.argv[2] ?? 'sdk/src/iife.ts'], bundle: true, minify: true, target: 'es2022', format: 'iife', write: false, define: { VITRINE_LAZY: '{}' } });
const b = r.outputFiles[0].contents; console.log(b.length, gzipSync(b, { level: 9 }).length);
