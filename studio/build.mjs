// Builds the studio (/studio) into dist/public/studio/: one ES module bundle with
// CodeMirror, the page and its stylesheet. `node studio/build.mjs` or `buildStudio()`.
import { build } from 'esbuild';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const studioDir = dirname(fileURLToPath(import.meta.url));
const defaultOut = join(studioDir, '..', 'dist', 'public', 'studio');
const schemaDist = join(dirname(createRequire(import.meta.url).resolve('codemirror-json-schema')), '..', 'dist');

/**
 * codemirror-json-schema pulls in a markdown renderer with a syntax highlighter and
 * parsers for YAML and JSON5; the studio edits JSON and shows docs as text, so those
 * modules are swapped for small stand-ins (src/stubs/).
 */
const trimJsonSchema = {
  name: 'trim-codemirror-json-schema',
  setup(b) {
    const fromPackage = (args) => args.importer.includes('codemirror-json-schema');
    b.onResolve({ filter: /\/utils\/markdown$/ }, (args) => (fromPackage(args) ? { path: join(studioDir, 'src/stubs/markdown.ts') } : undefined));
    b.onResolve({ filter: /^\.\.\/parsers$/ }, (args) => (fromPackage(args) ? { path: join(studioDir, 'src/stubs/parsers.ts') } : undefined));
    b.onResolve({ filter: /^codemirror-json-schema\/json-parser$/ }, () => ({ path: join(schemaDist, 'parsers/json-parser.js') }));
  },
};

/** Builds into `outDir` and returns the bundle's size. */
export async function buildStudio({ outDir = defaultOut } = {}) {
  await mkdir(outDir, { recursive: true });
  const [result] = await Promise.all([
    build({
      entryPoints: [join(studioDir, 'src/main.ts')],
      outfile: join(outDir, 'studio.js'),
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      legalComments: 'none',
      logLevel: 'warning',
      write: false,
      plugins: [trimJsonSchema],
    }),
    copyFile(join(studioDir, 'index.html'), join(outDir, 'index.html')),
    copyFile(join(studioDir, 'studio.css'), join(outDir, 'studio.css')),
  ]);
  const js = result.outputFiles[0];
  await writeFile(js.path, js.contents);
  return { bytes: js.contents.length, gzip: gzipSync(js.contents, { level: 9 }).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = await buildStudio();
  console.log(`studio: ${size.bytes} B, ${size.gzip} B gzip`);
}
