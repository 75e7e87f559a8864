/**
 * Builds everything the Worker serves into dist/public: the SDK bundles, the demo shop, the
 * studio and the config's JSON Schema. After it, `npx wrangler dev` runs the edge with empty state.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { buildShop } from '../demo-shop/build.mjs';
import { buildSdk } from '../sdk/build.mjs';
import { buildStudio } from '../studio/build.mjs';
import { configJsonSchema } from './json-schema.js';
import { writeFileSync } from 'node:fs';

const started = Date.now();
mkdirSync('dist/public', { recursive: true });
writeFileSync('shared/vitrine.schema.json', configJsonSchema());
copyFileSync('shared/vitrine.schema.json', 'dist/public/vitrine.schema.json');
const [sdk, studio] = await Promise.all([buildSdk(), buildStudio(), buildShop()]);
console.log(`built dist/public in ${Date.now() - started} ms (sdk ${sdk.file}: ${sdk.bytes} B, ${sdk.gzip} B gzip; studio ${studio.gzip} B gzip)`);
